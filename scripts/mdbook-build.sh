#!/usr/bin/env bash
# `mdbook build` into book/, failing when a formula cannot be rendered: mdbook-katex only logs a
# warning ("Rendering failed, keeping the original content") and leaves the raw TeX in the page.
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
case "${1:-}" in
    "") ;;
    -h | --help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: scripts/mdbook-build.sh   (no arguments; it builds book/)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# Into book/ whatever the environment says: MDBOOK_BUILD__BUILD_DIR=/elsewhere built the book
# there, while ./build.sh said "The book is in book/" (an old one) and the link and browser
# checks read that old book/.
mdbook build --dest-dir book 2>&1 | tee "$out"
if grep -q "Rendering failed" "$out"; then
    echo "error: a formula could not be rendered (see the mdbook_katex warning above)" >&2
    exit 1
fi
