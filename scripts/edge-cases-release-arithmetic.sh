#!/usr/bin/env bash
# Runs the edge-case tests (tests/edge_cases/) once more with a release build's arithmetic:
# integer overflow wraps and debug assertions are off, as in `cargo build --release`, while
# `cargo test` checks them with overflow checks on. An answer that depends on the build
# profile fails one of the two runs. Only the companion crate is built again, unoptimised
# (the arithmetic is the same at every opt-level); its dependencies keep their test build.
#
#   scripts/edge-cases-release-arithmetic.sh               every edge case
#   scripts/edge-cases-release-arithmetic.sh convolution   arguments go to cargo test (a filter)
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
case "${1:-}" in
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
cd "$(dirname "$0")/.."
# Compiler flags from the caller's environment come after the profile's settings and win
# (RUSTFLAGS=-Coverflow-checks=on would make this run test the debug arithmetic again):
# they are dropped, and named. (--config below outranks CARGO_PROFILE_* variables.) So is a
# runner (CARGO_TARGET_<TRIPLE>_RUNNER=true: cargo test exited 0 having run no edge case).
dropped=()
for name in $(compgen -e); do
    case "$name" in
        RUSTFLAGS | CARGO_ENCODED_RUSTFLAGS | CARGO_BUILD_RUSTFLAGS | CARGO_TARGET_*_RUSTFLAGS \
            | CARGO_TARGET_*_RUNNER)
            dropped+=("$name=${!name}")
            unset "$name"
            ;;
    esac
done
if [ ${#dropped[@]} -gt 0 ]; then
    echo "edge-cases-release-arithmetic.sh: testing without ${dropped[*]}" >&2
fi
settings=()
for profile in dev test; do
    for setting in overflow-checks=false debug-assertions=false opt-level=0; do
        settings+=(--config "profile.$profile.package.chapters-code.$setting")
    done
done
# tests/edge_cases.rs checks that the build's arithmetic is the one asked for here.
export BOOK_EDGE_ARITHMETIC=wrapping
exec cargo test "${settings[@]}" --test edge_cases "$@"
