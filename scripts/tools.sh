# shellcheck shell=bash
# Sourced by build.sh and test.sh: makes sure the pinned book tools, mdbook and mdbook-katex,
# are on PATH, installing them with `cargo install --locked` (from crates.io) when they are
# missing or of another version. scripts/link-check.sh sources it too, for has_tool,
# tool_is and describe_tool, to install its own pinned tool the same way.
#
# They go where cargo installs programs: ~/.cargo/bin (or $CARGO_INSTALL_ROOT/bin,
# $CARGO_HOME/bin), the folder rustup already put on your PATH. So after ./build.sh the
# README's plain commands, `mdbook serve --open` and `mdbook test`, work as typed. Tools of
# exactly these versions already on your PATH are used as they are.

MDBOOK_VERSION="0.5.4"
MDBOOK_KATEX_VERSION="0.10.0"
# Building both from source takes several minutes; the install loop below reports how long
# each one took on this machine.

# tool_is PROGRAM VERSION: PROGRAM (a name on PATH, or a path) reports exactly VERSION.
tool_is() {
    "$1" --version 2>/dev/null | grep -Eq "(^| |v)${2//./\\.}( |$)"
}

# has_tool BINARY VERSION: the BINARY first on PATH is exactly VERSION.
has_tool() {
    command -v "$1" >/dev/null 2>&1 && tool_is "$1" "$2"
}

# describe_tool BINARY: "mdbook v0.4.40 at /usr/bin/mdbook", or "none".
describe_tool() {
    if command -v "$1" >/dev/null 2>&1; then
        echo "$("$1" --version 2>/dev/null | head -n1) at $(command -v "$1")"
    else
        echo "none"
    fi
}

ensure_book_tools() {
    if ! command -v cargo >/dev/null 2>&1; then
        echo "error: cargo is not on PATH; install the Rust toolchain with rustup first (https://rustup.rs)," >&2
        echo "       or add the folder that holds cargo (usually ~/.cargo/bin) to your PATH" >&2
        exit 1
    fi
    local bin="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
    local on_path=yes
    case ":$PATH:" in
        *":$bin:"*) ;;
        *) on_path=no; export PATH="$PATH:$bin" ;;
    esac

    local todo=() item
    for item in "mdbook $MDBOOK_VERSION" "mdbook-katex $MDBOOK_KATEX_VERSION"; do
        # Installed already, maybe shadowed on PATH (see the notes below), or not installed.
        has_tool "${item% *}" "${item#* }" || tool_is "$bin/${item% *}" "${item#* }" || todo+=("$item")
    done
    if [ ${#todo[@]} -gt 0 ]; then
        echo "==> One-time setup: building the book's tools from source with cargo install --locked:"
        for item in "${todo[@]}"; do
            echo "      ${item}   (found: $(describe_tool "${item% *}"))"
        done
        echo "    into $bin. This takes several minutes; later runs reuse them."
        for item in "${todo[@]}"; do
            local crate="${item% *}" version="${item#* }" start=$SECONDS
            echo "==> cargo install --locked $crate --version $version"
            cargo install --locked "$crate" --version "$version"
            echo "==> $crate $version installed in $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s"
        done
        if [ -d "${XDG_CACHE_HOME:-$HOME/.cache}/numpy-tricks-in-rust/tools" ]; then
            echo "    (The older private copy in ${XDG_CACHE_HOME:-$HOME/.cache}/numpy-tricks-in-rust/tools is no longer used; you may delete it.)"
        fi
    fi

    # Another version earlier on PATH (say a distribution's mdbook) would shadow ours.
    local binary version other
    for item in "mdbook $MDBOOK_VERSION" "mdbook-katex $MDBOOK_KATEX_VERSION"; do
        binary="${item% *}" version="${item#* }"
        has_tool "$binary" "$version" && continue
        other="$(describe_tool "$binary")"
        export PATH="$bin:$PATH"
        if ! has_tool "$binary" "$version"; then
            echo "error: $binary $version is not runnable from $bin" >&2
            exit 1
        fi
        echo "note: the \`$binary\` first on your PATH is $other; this book needs $version," >&2
        echo "      which is $bin/$binary: put $bin first on your PATH." >&2
    done
    if [ "$on_path" = no ]; then
        echo "note: $bin, where cargo installs programs, is not on your PATH: add it" >&2
        echo "      (rustup's installer does; or run: source \"${CARGO_HOME:-$HOME/.cargo}/env\")" >&2
        echo "      so that \`mdbook serve --open\` and \`mdbook test\` work in your shell." >&2
    fi
}
