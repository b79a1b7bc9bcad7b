#!/usr/bin/env bash
# Builds the book into book/.
#
#   ./build.sh          renders every figure (images/) and printed output (src/outputs/) with
#                       the companion crate (`cargo run --release`), then builds the HTML book
#   ./build.sh --read   builds the HTML book from the committed figures and outputs: no release
#                       build (minutes on a fresh machine); all a reader needs
#
# Both first install the pinned mdBook tools when they are missing (scripts/tools.sh), where
# cargo installs programs, so that `mdbook serve --open` and `mdbook test` then work as typed.
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
caller="$(pwd)"
cd "$(dirname "$0")"

render=yes
case "${1:-}" in
    "") ;;
    --read) render=no ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: ./build.sh [--read]" >&2; exit 2 ;;
esac

source scripts/tools.sh
ensure_book_tools

if [ "$render" = yes ]; then
    echo "==> cargo run --release   (figures into images/, outputs into src/outputs/)"
    cargo run --release
fi
echo "==> mdbook build"
scripts/mdbook-build.sh
# mdbook serve and mdbook test read book.toml from the folder they run in: from another one,
# the commands below start with a cd here.
here=""
if [ "$caller" != "$(pwd)" ]; then
    here="cd $(printf '%q' "$(pwd)") && "
fi
echo
echo "The book is in book/: open $(pwd)/book/index.html in a browser, or read it with"
echo "live reload:  ${here}mdbook serve --open"
echo "Test every Rust block of the book:  ${here}mdbook test"
