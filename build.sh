#!/usr/bin/env bash
# Builds everything: renders every figure and printed output with the companion crate, then
# builds the HTML book into book/. Installs the pinned mdBook tools first if they are missing.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools.sh
ensure_book_tools

echo "==> cargo run --release   (figures into images/, outputs into src/outputs/)"
cargo run --release --quiet
echo "==> mdbook build"
scripts/mdbook-build.sh
echo
echo "The book is in book/. Open $(pwd)/book/index.html in a browser,"
echo "or run \`mdbook serve --open\` to read it with live reload."
