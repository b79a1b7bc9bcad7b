#!/usr/bin/env bash
# Builds the companion crate and links exactly the libraries of this build into
# target/book-libs (or $CARGO_TARGET_DIR/book-libs), the folder `mdbook test -L target/book-libs`
# reads. Plain `mdbook test` does this by itself (the book-test preprocessor, book-test/), so
# this script is only needed to prepare the folder for another tool.
#
# Why not point rustdoc at target/debug/deps? That folder keeps every version of every crate
# ever built there (after `cargo check`, clippy, a `cargo update`, other feature sets), and
# rustdoc refuses to choose between two candidates for `extern crate ndarray` (E0464). The list
# of files comes from cargo's own build messages, so it is always this build's, and only it.
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
case "${1:-}" in
    "") ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: scripts/book-libs.sh   (no arguments)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
exec cargo run --quiet -p book-test -- libs
