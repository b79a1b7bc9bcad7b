"""Captures what each NumPy sample prints, for the book to include.

Usage in a chapter script (the anchored sample code stays at module level, unindented):

    out = Outputs("ch01-memory")
    out.begin("list_vs_array")
    # ANCHOR: list_vs_array
    ...tutorial code that prints...
    # ANCHOR_END: list_vs_array
    out.end()

Each section's output is written to python/outputs/<chapter>/<name>.txt and echoed.

Every file written here is also recorded, with its SHA-256, in the folder's manifest
python/outputs/<chapter>/SHA256SUMS (the format of `sha256sum -c`). The book's tests never run
Python: `cargo test --test book_guard` checks that each committed output still has the bytes
its script wrote, so an output edited by hand (or a merge that mixed two runs) fails the tests.
Other scripts record what they write with `record(path)`, or from the shell:

    python python/book_outputs.py --record python/outputs/edge-cases/*.json

Regenerate every NumPy output and manifest with one command: scripts/numpy-outputs.sh
"""
import argparse
import hashlib
import os
import io
import platform
import sys
from pathlib import Path

# The variables scripts/numpy-outputs.sh drops so that NumPy runs in its default
# configuration: they change OpenBLAS's kernels or threads, and so the last bits of products
# and the sign of zeros the book's committed outputs record; or Python's and glibc's
# allocators, and so the resident memory chapter 1 records (PYTHONMALLOC=malloc makes a
# list of a million ints grow it by 56.2 bytes per element instead of 40.3).
TUNING_PREFIXES = ("OPENBLAS_", "GOTO_", "OMP_", "MKL_", "NPY_", "MALLOC_")
TUNING_NAMES = ("GLIBC_TUNABLES", "PYTHONMALLOC")


def refuse_tuned_numpy():
    """Stops a script that would record NumPy's answers in a tuned configuration."""
    tuning = sorted(
        name for name in os.environ if name.startswith(TUNING_PREFIXES) or name in TUNING_NAMES
    )
    if tuning:
        sys.exit(f"error: {', '.join(tuning)} set: the committed outputs record NumPy in its "
                 "default configuration; run scripts/numpy-outputs.sh, which drops them")
    # The scripts check what they print with assert (a list's growth rule, a peak's parts,
    # unique edge-case ids): -O or PYTHONOPTIMIZE would record outputs with the checks off.
    if sys.flags.optimize:
        sys.exit("error: Python runs with -O (PYTHONOPTIMIZE), which skips the scripts' assert "
                 "checks; run scripts/numpy-outputs.sh, which drops PYTHONOPTIMIZE")


def answer_arguments():
    """The scripts that import this module (every chapter script, edge_cases.py) take no
    arguments: -h or --help prints the script's docstring and exits 0, any other argument is
    a usage error (exit 2). Both stop before the script's work: they ignored their arguments,
    so `--help` rewrote every output of the script."""
    main = sys.modules["__main__"]
    args = sys.argv[1:]
    if args in (["-h"], ["--help"]):
        print((main.__doc__ or "").strip())
        sys.exit(0)
    if args:
        script = Path(sys.argv[0]).name
        print(f"usage: {script} (no arguments; -h for help): {' '.join(args)}", file=sys.stderr)
        sys.exit(2)


def command_line():
    """The arguments of `python python/book_outputs.py` itself: --record FILE..., --prune."""
    parser = argparse.ArgumentParser(
        description="Record output files in their folder's SHA256SUMS, or prune the entries "
        "of files that are gone."
    )
    parser.add_argument("--record", nargs="*", default=[], metavar="FILE")
    parser.add_argument(
        "--prune", action="store_true", help="drop entries of missing files, in every folder"
    )
    return parser.parse_args()


# First: --help answers even in a tuned configuration (run as a command, it refused, in a
# shell with OPENBLAS_CORETYPE set, before it printed its help).
if __name__ == "__main__":
    ARGUMENTS = command_line()
else:
    answer_arguments()
refuse_tuned_numpy()

import numpy as np  # noqa: E402 (after the check: OpenBLAS reads its variables on import)


def refuse_unpinned_numpy():
    """Stops a script that would record the answers of a NumPy or SciPy other than the ones
    python/requirements.txt pins: a chapter regenerated on its own with another NumPy would
    mix versions in the committed outputs (the book names one; book_guard checks each
    folder's versions.txt). To move the book to another version, change the pin first."""
    pins = {}
    requirements = Path(__file__).resolve().parent / "requirements.txt"
    for line in requirements.read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if version and not name.startswith("#"):
            pins[name.strip()] = version.strip()
    import scipy  # noqa: PLC0415 (only for its version; the scripts that need it import it)
    for name, version in (("numpy", np.__version__), ("scipy", scipy.__version__)):
        if pins.get(name) != version:
            sys.exit(f"error: {name} {version} is not the {name}=={pins.get(name)} that "
                     f"{requirements} pins; run scripts/python-venv.sh, or change the pin first")


refuse_unpinned_numpy()

OUTPUT_ROOT = Path(__file__).resolve().parent / "outputs"
MANIFEST = "SHA256SUMS"


def _read_manifest(folder):
    """The digests a folder's SHA256SUMS records, by file name. A malformed line is an
    error naming it: rewriting the manifest without it would drop an entry unseen."""
    entries = {}
    path = folder / MANIFEST
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            digest, _, name = line.partition("  ")
            if len(digest) != 64 or not name or digest.strip("0123456789abcdef"):
                raise ValueError(
                    f"{path}:{number}: not a '<sha256>  <file name>' line: {line!r}"
                )
            entries[name] = digest
    return entries


def write_atomically(path, text):
    """Writes `text` to `path` through a temporary file beside it and a rename: an
    interrupted run leaves the committed file whole, never cut short."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _write_manifest(folder, entries):
    """Writes SHA256SUMS atomically: an interrupted run leaves the old manifest whole."""
    text = "".join(f"{entries[n]}  {n}\n" for n in sorted(entries))
    write_atomically(folder / MANIFEST, text)


def record(path):
    """Records the SHA-256 of an output file in its folder's SHA256SUMS."""
    path = Path(path).resolve()
    if path.name == MANIFEST:
        return
    entries = _read_manifest(path.parent)
    entries[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    _write_manifest(path.parent, entries)


def prune(folder):
    """Drops the entries of files that no longer exist from a folder's SHA256SUMS."""
    folder = Path(folder)
    entries = _read_manifest(folder)
    kept = {n: d for n, d in entries.items() if (folder / n).is_file()}
    if kept != entries:
        _write_manifest(folder, kept)


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
        write_atomically(self.dir / "versions.txt", versions + "\n")
        record(self.dir / "versions.txt")

    def begin(self, name):
        self._name = name
        self._buffer = io.StringIO()
        sys.stdout = self._buffer

    def end(self):
        sys.stdout = self._stdout
        text = self._buffer.getvalue()
        write_atomically(self.dir / f"{self._name}.txt", text)
        record(self.dir / f"{self._name}.txt")
        print(f"--- {self._name}\n{text}", end="")


if __name__ == "__main__":
    for f in ARGUMENTS.record:
        record(f)
    if ARGUMENTS.prune:
        for folder in sorted(p for p in OUTPUT_ROOT.iterdir() if p.is_dir()):
            prune(folder)
