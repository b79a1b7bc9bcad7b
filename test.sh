#!/usr/bin/env bash
# Runs every test of the book: formatting, lints, rustdoc, the workspace's tests (samples,
# outputs, figures, guards, benchmarks in test mode), `mdbook test`, which compiles and runs
# every Rust block of the book, then the built book's links and a browser check of every page.
# Installs the pinned mdBook tools first if they are missing. It never writes generated files.
#
#   ./test.sh                      every check (a long run)
#   BOOK_SKIP_BROWSER=1 ./test.sh  every check but the browser's (no Chromium or Node.js)
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
cd "$(dirname "$0")"
# It takes no arguments: `./test.sh --help` prints this instead of starting the long run.
case "${1:-}" in
    "") ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: ./test.sh   (no arguments; BOOK_SKIP_BROWSER=1 skips the browser check)" >&2; exit 2 ;;
esac
source scripts/tools.sh
ensure_book_tools

# Snapshots and generated files are never written during a test run: a missing or changed one
# fails (UPDATE=1 would make tests/generated.rs rewrite them; INSTA_FORCE_PASS=1 would make
# every snapshot assertion pass, and INSTA_FORCE_UPDATE=1 rewrite the snapshots that match).
export INSTA_UPDATE=no
unset UPDATE INSTA_FORCE_PASS INSTA_FORCE_UPDATE
# Nor does the caller's environment relax a check: CARGO_PROFILE_* and the compiler flags
# (RUSTFLAGS, CARGO_TARGET_<TRIPLE>_RUSTFLAGS, and rustdoc's for the doc tests) can turn the
# debug build's overflow checks off (both edge-case runs would then test release arithmetic);
# MDBOOK_<KEY> overrides book.toml (MDBOOK_BUILD__BUILD_DIR=elsewhere built the book there,
# and the link and browser checks then read an old book/), BOOK_TEST=mdbook leaves the
# blocks to mdBook alone; RUSTDOC (or CARGO_BUILD_RUSTDOC) replaces the program that runs
# the doc tests (RUSTDOC=/bin/true: cargo test --doc and cargo doc passed, testing nothing);
# CARGO_TARGET_<TRIPLE>_RUNNER starts every test program through another one (a runner
# "true": cargo test exited 0 having run no test); PROPTEST_* sets how many cases a property
# test tries (PROPTEST_CASES=0: none, and a property that fails passes); MIMALLOC_* retunes the
# allocator tests/fast_alloc.rs measures; and BROWSER_REQUIRE_<RULE>=0 turns a browser rule
# into a note. CARGO_TERM_QUIET and CARGO_TERM_VERBOSE hide or reword the "Running …" lines
# every_test_program_reported reads (see there).
drop_relaxing_environment() {
    local name relaxed=()
    for name in $(compgen -e); do
        case "$name" in
            CARGO_PROFILE_* | RUSTFLAGS | CARGO_ENCODED_RUSTFLAGS | CARGO_BUILD_RUSTFLAGS \
                | CARGO_TARGET_*_RUSTFLAGS | CARGO_TARGET_*_RUNNER | RUSTDOCFLAGS \
                | CARGO_ENCODED_RUSTDOCFLAGS | CARGO_BUILD_RUSTDOCFLAGS | RUSTDOC | CARGO_BUILD_RUSTDOC \
                | MDBOOK_* | BOOK_TEST | PROPTEST_* | MIMALLOC_* | CARGO_TERM_QUIET | CARGO_TERM_VERBOSE)
                relaxed+=("$name"); unset "$name" ;;
            BROWSER_REQUIRE_*)
                if [ "${!name}" = 0 ]; then relaxed+=("$name=0"); unset "$name"; fi ;;
        esac
    done
    if [ ${#relaxed[@]} -gt 0 ]; then
        echo "test.sh: testing without ${relaxed[*]}" >&2
    fi
}
drop_relaxing_environment
# A cargo config file's [term] quiet = true hides cargo's "Running …" lines, and verbose = true
# turns them into "Running `…`", which names no test program: with a runner that ran nothing,
# the log then had nothing for every_test_program_reported to miss. The environment outranks
# the file.
export CARGO_TERM_QUIET=false CARGO_TERM_VERBOSE=false

# Every test program cargo ran ("Running …", "Doc-tests …") reported its tests: a "test
# result:" line, or criterion's "Success" for a benchmark run in test mode. A runner from a
# cargo config file (target.<triple>.runner, which no variable above drops) that does not run
# the program it is given made cargo test exit 0 with no test run, and this run say "passed".
# (Colours, as CARGO_TERM_COLOR=always gives them, are read past.)
every_test_program_reported() {
    awk '
        { gsub(/\033\[[0-9;]*m/, "") }
        function check() {
            if (pending != "") {
                print "error: cargo ran " pending " but it reported no test (a cargo runner that did not run it?)" > "/dev/stderr"
                bad = 1
            }
            pending = ""
        }
        /^ +Running [^`]|^ +Doc-tests / { check(); programs++; pending = $0; sub(/^ +/, "", pending); next }
        /^test result: / { pending = ""; next }
        pending ~ /^Running benches\// && /^Success$/ { pending = ""; next }
        END {
            check()
            if (programs == 0) {
                print "error: the log names no test program cargo ran (its \"Running …\" lines hidden?)" > "/dev/stderr"
                bad = 1
            }
            exit bad
        }
    ' "$1"
}

log="target/test-log.txt"
mkdir -p target
: > "$log"
# Each step says how long it took, and the closing lines list them: where a slow run spends
# its time (the cold run's budget is 15 minutes on 2 cores).
durations=()
step() {
    local start=$SECONDS
    echo; echo "==> $*"
    "$@" 2>&1 | tee -a "$log"
    durations+=("$((SECONDS - start)) s  $*")
    echo "(took $((SECONDS - start)) s)"
}

step cargo fmt --all -- --check
step cargo clippy --workspace --all-targets -- -D warnings
# The crate's API docs: a broken or private intra-doc link is an error, not a dead link.
step env RUSTDOCFLAGS="-D warnings" cargo doc -p chapters-code --no-deps --quiet
# BOOK_EDGE_ARITHMETIC: tests/edge_cases.rs checks that this run's arithmetic is checked (a
# cargo config file's profile settings, which the loop above cannot drop, could turn it off).
step env BOOK_EDGE_ARITHMETIC=checked cargo test --workspace --all-targets
step cargo test --workspace --doc
# The edge cases once more with a release build's arithmetic (overflow wraps, no debug
# assertions): an answer that depends on the build profile fails one of the two runs.
step scripts/edge-cases-release-arithmetic.sh
# Plain `mdbook test`, as the README tells readers: the book-test preprocessor (book-test/)
# builds the companion crate's libraries, tests each chapter's blocks and prints
# "test result: ok. N passed", which the closing line below counts.
step mdbook test
step scripts/mdbook-build.sh
# Every internal link and fragment of the built HTML, offline (hyperlink); external links are
# listed and checked for form, never fetched.
step scripts/link-check.sh
browser="browser"
if [ "${BOOK_SKIP_BROWSER:-0}" = 1 ]; then
    echo; echo "==> browser check skipped (BOOK_SKIP_BROWSER=1)"
    browser="browser SKIPPED (BOOK_SKIP_BROWSER=1)"
else
    step scripts/browser-test.sh
fi

every_test_program_reported "$log"

# One closing line that counts every test that ran (cargo's, rustdoc's, every Rust block of the
# book in mdbook test, and the browser check's pages).
# (check.mjs closes on "browser: N pages passed, 0 failures".)
passed=$(grep -Eo 'test result: ok\. [0-9]+ passed|browser: [0-9]+ pages passed' "$log" | grep -Eo '[0-9]+' | awk '{s += $1} END {print s + 0}')
echo
echo "All checks passed: fmt, clippy, rustdoc, cargo test (all targets and doc tests), mdbook test, mdbook build, link check, $browser."
echo "Time per step:"
printf '  %s\n' "${durations[@]}"
echo "Total: $SECONDS s"
echo "book tests: $passed passed, 0 failed"
