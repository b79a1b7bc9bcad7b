#!/usr/bin/env bash
# `mdbook build`, failing when a formula cannot be rendered: mdbook-katex only logs a warning
# ("Rendering failed, keeping the original content") and leaves the raw TeX in the page.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
mdbook build 2>&1 | tee "$out"
if grep -q "Rendering failed" "$out"; then
    echo "error: a formula could not be rendered (see the mdbook_katex warning above)" >&2
    exit 1
fi
