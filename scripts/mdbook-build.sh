#!/usr/bin/env bash
# `mdbook build`, failing when a formula cannot be rendered: mdbook-katex only logs a warning
# ("Rendering failed, keeping the original content") and leaves the raw TeX in the page.
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
mdbook build 2>&1 | tee "$out"
if grep -q "Rendering failed" "$out"; then
    echo "error: a formula could not be rendered (see the mdbook_katex warning above)" >&2
    exit 1
fi
