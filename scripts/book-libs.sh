#!/usr/bin/env bash
# Builds the companion crate and gathers exactly the libraries of this build into
# target/book-libs, the folder `mdbook test -L target/book-libs` reads.
#
# Why not point mdbook at target/debug/deps? That folder keeps every version of every crate
# ever built there (after `cargo check`, clippy, a `cargo update`, other feature sets), and
# rustdoc refuses to choose between two candidates for `extern crate ndarray` (E0464).
# The list of files below comes from cargo itself, so it is always this build's, and only it.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
libs="$target_dir/book-libs"
json="$(cargo build --quiet -p chapters-code --lib --message-format=json)"

rm -rf "$libs"
mkdir -p "$libs"
count=0
# Each compiler-artifact message lists its output files in "filenames":[...].
while IFS= read -r file; do
    ln -f "$file" "$libs/" 2>/dev/null || cp -f "$file" "$libs/"
    count=$((count + 1))
done < <(printf '%s\n' "$json" \
    | grep '"reason":"compiler-artifact"' \
    | grep -o '"filenames":\[[^]]*\]' \
    | grep -oE '/[^"]+\.(rlib|so|dylib)' \
    | sort -u)

if [ "$count" -eq 0 ]; then
    echo "book-libs: cargo reported no libraries; cannot prepare $libs" >&2
    exit 1
fi
echo "book-libs: $count libraries of the current build in $libs"
