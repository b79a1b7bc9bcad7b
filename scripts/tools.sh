# Sourced by build.sh and test.sh: makes sure the pinned book tools are on PATH, installing
# them with cargo (from crates.io) when they are missing or of another version.
#
# They are installed into a cache folder outside the repository, shared by every clone, so a
# second clone or a CI run on the same machine does not build them again, and an mdbook that
# you installed yourself is left untouched.

MDBOOK_VERSION="0.5.4"
MDBOOK_KATEX_VERSION="0.10.0"
BOOK_TOOLS_ROOT="${BOOK_TOOLS_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/numpy-tricks-in-rust/tools}"

# ensure_tool BINARY CRATE VERSION: puts CRATE@VERSION's BINARY on PATH.
ensure_tool() {
    local binary="$1" crate="$2" version="$3"
    if command -v "$binary" >/dev/null 2>&1 \
        && "$binary" --version 2>/dev/null | grep -Eq "(^| |v)${version//./\\.}( |$)"; then
        return 0
    fi
    local root="$BOOK_TOOLS_ROOT/$crate-$version"
    if [ ! -x "$root/bin/$binary" ]; then
        echo "==> installing $crate $version into $root (one time, a few minutes)"
        cargo install --quiet --locked "$crate" --version "$version" --root "$root"
    fi
    export PATH="$root/bin:$PATH"
}

ensure_book_tools() {
    if ! command -v cargo >/dev/null 2>&1; then
        echo "error: cargo is not on PATH; install the Rust toolchain with rustup first" >&2
        exit 1
    fi
    ensure_tool mdbook mdbook "$MDBOOK_VERSION"
    ensure_tool mdbook-katex mdbook-katex "$MDBOOK_KATEX_VERSION"
}
