#!/usr/bin/env python3
"""Writes src/fonts/texgyredejavu-math.woff2, the math font the book ships: a WOFF2 subset of
TeX Gyre DejaVu Math 1.106 (GUST Font License, see src/fonts/texgyre-math-COPYRIGHT.txt) with
every character the book's formulas use, plus a small reserve (any Latin letter as a variable, the
ASCII signs, a few operators), so that a new formula seldom needs a new subset.

The browser test (tests/browser/check.mjs) asks Chromium which font drew every character of
every formula, and fails, naming this script, when one came from another font.

Usage (a maintainer's tool; the book's tests never run Python):

    /path/to/venv/bin/pip install fonttools brotli      # fonttools 4.68.0, brotli 1.2.1 tested
    scripts/mdbook-build.sh                             # the formulas are read from book/*.html
    /path/to/venv/bin/python tests/browser/subset-math-font.py [--source FULL_FONT.otf]

The full font is not stored in the repository any more. By default it is read from the git
history (the commit below still has it), or from Debian's fonts-texgyre-math package
(20180621-6), which installs the very same file; its SHA-256 is checked either way.
"""

from __future__ import annotations  # TTFont in annotations, before fontTools is imported

import argparse
import hashlib
import html.parser
import io
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "src/fonts/texgyredejavu-math.woff2"
SOURCE_SHA256 = "ba91f8855fbaf58b6be6bd385b9342828cf72061f90abe1e69fe9d2cb0514bac"
GIT_SOURCE = "8c4ed4bb7f696e1571d47703b877afad45a484b8:src/fonts/texgyredejavu-math.otf"
DEBIAN_SOURCE = pathlib.Path(
    "/usr/share/texmf/fonts/opentype/public/tex-gyre-math/texgyredejavu-math.otf"
)


def reserve() -> set[int]:
    """The characters kept whether the book uses them today or not: any Latin letter, digit or
    ASCII sign, upright or as a math-italic variable, and a few common operators. (Greek, the
    bold alphabets and the rest of the operators cost 20 to 55 KB more; they join the subset
    when a formula uses them.)"""
    chars: set[int] = set(range(0x20, 0x7F))  # ASCII
    chars |= set(range(0x1D434, 0x1D468)) | {0x210E}  # math italic a-z, A-Z (ℎ fills the hole)
    chars |= {ord(c) for c in "±·×÷…≤≥≠≈∈∞∂√→⋅−"}
    return chars


class MathText(html.parser.HTMLParser):
    """Collects the text inside <math> elements, leaving out the TeX <annotation>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.annotation = 0
        self.chars: set[int] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "math":
            self.depth += 1
        elif tag == "annotation" and self.depth:
            self.annotation += 1

    def handle_endtag(self, tag):
        if tag == "math" and self.depth:
            self.depth -= 1
        elif tag == "annotation" and self.annotation:
            self.annotation -= 1

    def handle_data(self, data):
        if self.depth and not self.annotation:
            self.chars |= {ord(c) for c in data if not c.isspace()}


def italic(c: int) -> int | None:
    """The math-italic form a browser draws for a single-letter <mi> (MathML Core)."""
    if 0x41 <= c <= 0x5A:
        return 0x1D434 + c - 0x41
    if 0x61 <= c <= 0x7A:
        return 0x210E if c == 0x68 else 0x1D44E + c - 0x61
    if 0x391 <= c <= 0x3A9:
        return 0x1D6E2 + c - 0x391
    if 0x3B1 <= c <= 0x3C9:
        return 0x1D6FC + c - 0x3B1
    return None


def load_source(path: str | None) -> bytes:
    """The full font, from the given path, the git history or Debian's package."""
    if path:
        data = pathlib.Path(path).read_bytes()
    else:
        git = subprocess.run(
            ["git", "-C", str(ROOT), "show", GIT_SOURCE], capture_output=True, check=False
        )
        if git.returncode == 0:
            data = git.stdout
        elif DEBIAN_SOURCE.exists():
            data = DEBIAN_SOURCE.read_bytes()
        else:
            sys.exit(
                "error: the full font is neither in the git history nor installed; "
                "pass --source (apt-get install fonts-texgyre-math installs it)"
            )
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"error: the source font's SHA-256 is {digest}, expected {SOURCE_SHA256}")
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", help="the full texgyredejavu-math.otf")
    parser.add_argument("--book", default=str(ROOT / "book"), help="the built book (book/)")
    args = parser.parse_args()
    # fontTools after the arguments: --help needs none (it failed with ModuleNotFoundError
    # outside the venv, where scripts/subset-text-fonts.py printed its help).
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ModuleNotFoundError:
        sys.exit("error: no fontTools in this Python: pip install fonttools brotli (see --help)")

    pages = sorted(pathlib.Path(args.book).glob("*.html"))
    if not pages:
        sys.exit(f"error: no pages in {args.book}; build the book first (scripts/mdbook-build.sh)")
    found = MathText()
    for page in pages:
        found.feed(page.read_text(encoding="utf-8"))
    used = found.chars | {i for c in found.chars if (i := italic(c)) is not None}

    source = load_source(args.source)
    font = TTFont(io.BytesIO(source), recalcTimestamp=False)  # byte-reproducible
    cmap = font.getBestCmap()
    missing = sorted(c for c in used if c not in cmap)
    if missing:
        print("warning: the full font has no glyph for " + ", ".join(f"U+{c:04X}" for c in missing))
    wanted = sorted(c for c in used | reserve() if c in cmap)

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # ssty (script-size forms), dtls, …
    options.name_IDs = ["*"]  # keeps the copyright and licence names
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps
    options.hinting = False
    options.desubroutinize = True  # smaller once Brotli has compressed it
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(str(OUTPUT))

    # The stretchy brackets and big operators live in the MATH table: check that every variant
    # and assembly part of the kept characters survived.
    full = TTFont(io.BytesIO(source))
    small = TTFont(str(OUTPUT))
    check_math_variants(full, small, wanted)

    size = OUTPUT.stat().st_size
    print(
        f"wrote {OUTPUT.relative_to(ROOT)}: {size} bytes ({size / 1024:.0f} KB; full OTF "
        f"{len(source) / 1024:.0f} KB), {len(wanted)} characters "
        f"({len(used)} used by the book's formulas), {len(small.getGlyphOrder())} glyphs"
    )


def check_math_variants(full: TTFont, small: TTFont, wanted: list[int]) -> None:
    """Fails if a kept character lost a size variant or an assembly part."""
    full_cmap, small_glyphs = full.getBestCmap(), set(small.getGlyphOrder())
    variants = full["MATH"].table.MathVariants
    lost = []
    for construction_set in (
        (variants.VertGlyphCoverage, variants.VertGlyphConstruction),
        (variants.HorizGlyphCoverage, variants.HorizGlyphConstruction),
    ):
        coverage, constructions = construction_set
        if coverage is None:
            continue
        by_glyph = dict(zip(coverage.glyphs, constructions))
        for c in wanted:
            construction = by_glyph.get(full_cmap.get(c))
            if construction is None:
                continue
            needed = [v.VariantGlyph for v in construction.MathGlyphVariantRecord]
            if construction.GlyphAssembly is not None:
                needed += [p.glyph for p in construction.GlyphAssembly.PartRecords]
            lost += [f"U+{c:04X}: {g}" for g in needed if g not in small_glyphs]
    if lost:
        sys.exit("error: the subset lost MATH variants: " + ", ".join(lost[:20]))


if __name__ == "__main__":
    main()
