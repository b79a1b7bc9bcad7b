"""Captures what each NumPy sample prints, for the book to include.

Usage in a chapter script (the anchored sample code stays at module level, unindented):

    out = Outputs("ch01-memory")
    out.begin("list_vs_array")
    # ANCHOR: list_vs_array
    ...tutorial code that prints...
    # ANCHOR_END: list_vs_array
    out.end()

Each section's output is written to python/outputs/<chapter>/<name>.txt and echoed.
"""
import io
import platform
import sys
from pathlib import Path

import numpy as np

OUTPUT_ROOT = Path(__file__).resolve().parent / "outputs"


class Outputs:
    def __init__(self, chapter):
        self.dir = OUTPUT_ROOT / chapter
        self.dir.mkdir(parents=True, exist_ok=True)
        self._name = None
        self._buffer = None
        self._stdout = sys.stdout
        versions = f"Python {platform.python_version()}, NumPy {np.__version__}"
        try:
            import scipy

            versions += f", SciPy {scipy.__version__}"
        except ImportError:
            pass
        (self.dir / "versions.txt").write_text(versions + "\n")

    def begin(self, name):
        self._name = name
        self._buffer = io.StringIO()
        sys.stdout = self._buffer

    def end(self):
        sys.stdout = self._stdout
        text = self._buffer.getvalue()
        (self.dir / f"{self._name}.txt").write_text(text)
        print(f"--- {self._name}\n{text}", end="")
