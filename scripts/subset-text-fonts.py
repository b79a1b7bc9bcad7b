#!/usr/bin/env python3
"""Writes theme/fonts/: WOFF2 subsets of the text fonts mdBook ships (Open Sans, Source Code Pro),
with every character the book uses plus a reserve, and the fonts.css that loads them.

Why: mdBook's own files hold Latin, Cyrillic, Greek and Vietnamese, about 43 KB per Open Sans
weight and 59 KB for Source Code Pro; a page loads four or five of them. The subsets keep Basic
Latin, Latin-1, Greek, the punctuation, super- and subscripts and the few signs the book uses, so
every page weighs about a third less, and the browser test (tests/browser/check.mjs) keeps each
page under its limit. A character the subsets lack is still drawn, by a fallback font; rerun this
script after adding text in a new script or with new symbols (the book guard names the character).

Usage (a maintainer's tool; the book's tests never run Python):

    /path/to/venv/bin/pip install fonttools brotli     # fonttools 4.68.0, brotli 1.2.1 tested
    scripts/mdbook-build.sh                            # the characters are read from book/*.html
    /path/to/venv/bin/python scripts/subset-text-fonts.py

The full fonts come from the installed mdBook (`mdbook init --theme` in a temporary folder), so
the subsets follow mdBook's own fonts; the mdBook version is written into the manifest.
"""

import html.parser
import io
import pathlib
import subprocess
import sys
import tempfile
import unicodedata

# It takes no arguments: -h/--help prints the docstring above, and anything else is a usage
# error, before fontTools is imported (it ignored its arguments: --help rewrote theme/fonts/).
if __name__ == "__main__" and sys.argv[1:]:
    if sys.argv[1:] in (["-h"], ["--help"]):
        print(__doc__.strip())
        sys.exit(0)
    print("usage: scripts/subset-text-fonts.py   (no arguments; -h for help)", file=sys.stderr)
    sys.exit(2)

from fontTools import subset  # noqa: E402 (after the arguments: --help needs no fontTools)
from fontTools.ttLib import TTFont  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "theme/fonts"

# (file in mdBook's theme/fonts, family, style, weight, local() names mdBook's CSS gives)
FACES = [
    ("open-sans-v17-all-charsets-300.woff2", "Open Sans", "normal", 300, ["Open Sans Light", "OpenSans-Light"]),
    ("open-sans-v17-all-charsets-300italic.woff2", "Open Sans", "italic", 300, ["Open Sans Light Italic", "OpenSans-LightItalic"]),
    ("open-sans-v17-all-charsets-regular.woff2", "Open Sans", "normal", 400, ["Open Sans Regular", "OpenSans-Regular"]),
    ("open-sans-v17-all-charsets-italic.woff2", "Open Sans", "italic", 400, ["Open Sans Italic", "OpenSans-Italic"]),
    ("open-sans-v17-all-charsets-600.woff2", "Open Sans", "normal", 600, ["Open Sans SemiBold", "OpenSans-SemiBold"]),
    ("open-sans-v17-all-charsets-600italic.woff2", "Open Sans", "italic", 600, ["Open Sans SemiBold Italic", "OpenSans-SemiBoldItalic"]),
    ("open-sans-v17-all-charsets-700.woff2", "Open Sans", "normal", 700, ["Open Sans Bold", "OpenSans-Bold"]),
    ("open-sans-v17-all-charsets-700italic.woff2", "Open Sans", "italic", 700, ["Open Sans Bold Italic", "OpenSans-BoldItalic"]),
    ("open-sans-v17-all-charsets-800.woff2", "Open Sans", "normal", 800, ["Open Sans ExtraBold", "OpenSans-ExtraBold"]),
    ("open-sans-v17-all-charsets-800italic.woff2", "Open Sans", "italic", 800, ["Open Sans ExtraBold Italic", "OpenSans-ExtraBoldItalic"]),
    ("source-code-pro-v11-all-charsets-500.woff2", "Source Code Pro", "normal", 500, []),
]
LICENSES = ["OPEN-SANS-LICENSE.txt", "SOURCE-CODE-PRO-LICENSE.txt"]


def reserve() -> set[int]:
    """Kept whether the book uses them today or not."""
    chars: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))  # ASCII, Latin-1
    chars |= set(range(0x391, 0x3AA)) | set(range(0x3B1, 0x3CA))  # Greek capitals and small
    chars |= set(range(0x2010, 0x2028)) | set(range(0x2030, 0x2045))  # dashes, quotes, …, ‰, ′
    chars |= set(range(0x2070, 0x209D))  # superscripts and subscripts
    chars |= set(range(0x2190, 0x219A))  # arrows
    chars |= {ord(c) for c in "−∕≠≤≥≈∞√∑∏∂∈×÷±·€™"}
    chars |= {0x200B, 0x2060}  # zero-width space, word joiner: they draw nothing
    return chars


class BookText(html.parser.HTMLParser):
    """Every character of a page outside <script>, <style> and <math> (the math font's job)."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.chars: set[int] = set()

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "math"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "math"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chars |= {ord(c) for c in data if c not in "\n\t\r"}


def book_chars() -> set[int]:
    pages = sorted((ROOT / "book").glob("*.html"))
    if not pages:
        sys.exit("no book/*.html: build the book first (scripts/mdbook-build.sh)")
    text = BookText()
    for page in pages:
        text.feed(page.read_text(encoding="utf-8"))
    return text.chars


def mdbook_fonts(folder: pathlib.Path) -> str:
    """mdBook's theme fonts, written into `folder`; returns mdBook's version."""
    subprocess.run(
        ["mdbook", "init", "--theme", "--ignore", "none", "--title", "fonts"],
        cwd=folder, input="n\n", text=True, check=True, capture_output=True,
    )
    return subprocess.run(["mdbook", "--version"], capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    used = book_chars()
    wanted = used | reserve()
    OUT.mkdir(parents=True, exist_ok=True)
    css = [
        "/* Subsets of the fonts mdBook ships, written by scripts/subset-text-fonts.py: do not edit. */",
        "/* Open Sans is licensed under the Apache License, Version 2.0 (OPEN-SANS-LICENSE.txt). */",
        "/* Source Code Pro is under the Open Font License (SOURCE-CODE-PRO-LICENSE.txt). */",
    ]
    manifest = []
    lacking: set[int] = set()
    with tempfile.TemporaryDirectory() as tmp:
        version = mdbook_fonts(pathlib.Path(tmp))
        source = pathlib.Path(tmp) / "theme/fonts"
        for name in LICENSES:
            (OUT / name).write_bytes((source / name).read_bytes())
        for file, family, style, weight, local in FACES:
            # The head table keeps mdBook's timestamp: recalculated (the default), it put
            # the time of the run into every subset, so no two runs gave the same bytes.
            font = TTFont(source / file, recalcTimestamp=False)
            has = set(font.getBestCmap())
            if weight == 400 and style == "normal":
                lacking = {c for c in used if c not in has}
            options = subset.Options()
            options.flavor = "woff2"
            options.hinting = False
            options.desubroutinize = True
            options.name_IDs = ["*"]  # keep the names: the licence and the copyright notice
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted(wanted & has))
            subsetter.subset(font)
            buffer = io.BytesIO()
            font.flavor = "woff2"
            font.save(buffer)
            out_name = file.replace("-all-charsets", "-subset")
            (OUT / out_name).write_bytes(buffer.getvalue())
            manifest.append(f"{out_name}: {len(wanted & has)} characters, {len(buffer.getvalue())} bytes"
                            f" (mdBook's: {(source / file).stat().st_size} bytes)")
            src = [f"local('{n}')" for n in local] + [f"url('{{{{ resource \"fonts/{out_name}\" }}}}') format('woff2')"]
            css += [
                "",
                "@font-face {",
                f"  font-family: '{family}';",
                f"  font-style: {style};",
                f"  font-weight: {weight};",
                "  src: " + ",\n       ".join(src) + ";",
                "}",
            ]
    (OUT / "fonts.css").write_text("\n".join(css) + "\n", encoding="utf-8")
    kept = "".join(chr(c) for c in sorted(wanted) if c > 0x7E and unicodedata.category(chr(c)) != "Cc")
    absent = "".join(chr(c) for c in sorted(lacking) if c > 0x7E)
    (OUT / "SUBSET.txt").write_text(
        "\n".join(
            [
                "Written by scripts/subset-text-fonts.py; do not edit. The book guard checks that every",
                "character of the book's text is on the 'asked for' line (else rerun the script).",
                f"from: {version}",
                *manifest,
                f"asked for beyond ASCII: {kept}",
                f"used by the book but not in Open Sans (drawn by a fallback font): {absent}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    print((OUT / "SUBSET.txt").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
