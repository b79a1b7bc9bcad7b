#!/usr/bin/env bash
# Checks every link of the built book (book/, from scripts/mdbook-build.sh) offline, with
# hyperlink (https://github.com/untitaker/hyperlink), a maintained link checker that reads
# the HTML and never touches the network:
# - every internal link, image and fragment (`page.html#anchor`, `#listing-2-1`) of every
#   page, print.html included, must resolve: `hyperlink --check-anchors`;
# - external links are not fetched (the book is tested offline): they are listed in
#   target/external-links-html.txt and must be https: or mailto: addresses.
# hyperlink is pinned and installed once with `cargo install --locked` (about a minute of CPU,
# 60 small crates), next to mdbook in ~/.cargo/bin.
#
#   scripts/link-check.sh          checks book/
#   scripts/link-check.sh DIR      checks another built book (a path from where you run it)
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
usage="usage: scripts/link-check.sh [DIR]   (a built book; default book/)"
case "${1:-}" in
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "$usage" >&2; exit 2 ;;
esac
if [ $# -gt 1 ]; then
    echo "$usage" >&2
    exit 2
fi
# A folder given is found from the caller's folder, before the cd below.
book=book
if [ $# -eq 1 ]; then
    if ! book="$(cd "$1" 2>/dev/null && pwd)"; then
        echo "error: $1: no such folder" >&2
        exit 1
    fi
fi
cd "$(dirname "$0")/.."
source scripts/tools.sh

HYPERLINK_VERSION="0.3.2"
bin="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
case ":$PATH:" in *":$bin:"*) ;; *) export PATH="$bin:$PATH" ;; esac
if ! has_tool hyperlink "$HYPERLINK_VERSION"; then
    echo "==> One-time setup: cargo install --locked hyperlink --version $HYPERLINK_VERSION (found: $(describe_tool hyperlink))"
    start=$SECONDS
    cargo install --locked hyperlink --version "$HYPERLINK_VERSION"
    echo "==> hyperlink $HYPERLINK_VERSION installed in $((SECONDS - start)) s"
fi
if ! tool_is "$bin/hyperlink" "$HYPERLINK_VERSION" && ! has_tool hyperlink "$HYPERLINK_VERSION"; then
    echo "error: hyperlink $HYPERLINK_VERSION is not runnable" >&2
    exit 1
fi

if [ ! -f "$book/index.html" ]; then
    echo "error: no built book in $book/; run scripts/mdbook-build.sh first" >&2
    exit 1
fi

# Internal links and fragments.
hyperlink "$book" --check-anchors --sources src

# External links: listed, checked for form, never fetched.
mkdir -p target
list="target/external-links-html.txt"
# The dump goes to a file first, so a failing hyperlink stops the script (set -e) with its
# message shown, instead of leaving an empty list that would pass; only the grep may match
# nothing.
dump="target/external-links-dump.txt"
hyperlink dump-external-links --base-path "$book" > "$dump"
{ grep -E '^[a-zA-Z][a-zA-Z0-9+.-]*:' "$dump" || true; } | sort -u > "$list"
if [ ! -s "$list" ]; then
    echo "error: hyperlink dump-external-links listed no external links in $book/ (the book has some)" >&2
    exit 1
fi
bad="$(grep -Ev '^(https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#][^[:space:]<>"]*)?|mailto:[^@[:space:]]+@[^@[:space:]]+)$' "$list" || true)"
if [ -n "$bad" ]; then
    echo "error: external links that are not well-formed https: or mailto: addresses:" >&2
    echo "$bad" >&2
    exit 1
fi
echo "link check: internal links and anchors resolve; $(wc -l < "$list") external links listed in $list (not fetched)"
