#!/usr/bin/env bash
# Measures the book's benchmarks on this machine, Rust and NumPy side by side, merges them into
# results/benchmarks.csv and regenerates the book's timing tables and charts from it.
#
#   ./bench.sh              every group and size sweep (a long run: use a quiet machine)
#   ./bench.sh GROUP ...    only these groups, e.g. ./bench.sh life reciprocals_sweep
#                           (`cargo run -- bench-plan DIR` lists them; an unknown name stops here)
#
# What it runs, from the registry in chapters-code/src/benchmarks.rs:
#   Rust    criterion (`cargo bench`) with the system allocator: the default configuration, the
#           book's headline; again with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 for the rows that
#           show huge pages (chapter 2's lesson); again built with `--features fast-alloc`
#           (chapters_code::speed::FastAlloc as the global allocator) for the tuned rows, the
#           three taking turns one bench target at a time; and
#           chapter 5's `dot` rows built with `--features blas` (ndarray calling the system's
#           OpenBLAS, one thread), when the system has OpenBLAS to link (e.g. Debian's
#           libopenblas-dev).
#   Python  python/bench.py with $PYTHON if set (an error if it has no numpy/scipy), else
#           .venv (made by scripts/python-venv.sh with the numpy/scipy of
#           python/requirements.txt) when it exists, else python3; single-threaded, timed
#           like criterion (median, quartiles, min-max of calibrated samples).
#
# Every run measures into a fresh folder (target/bench/run) and then merges: the timings it
# measured replace theirs and name this run, with this machine's facts and date; every other
# line of results/benchmarks.csv stays as it was. Without NumPy the NumPy rows keep the run
# that measured them. The results file is written to a temporary file and renamed, so an
# interrupted run leaves it whole.
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
case "${1:-}" in
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
# A relative PYTHON is relative to the caller's folder: made absolute before the cd below.
# shellcheck source=scripts/python-path.sh
source "$(dirname "$0")/scripts/python-path.sh"
if ! python="$(absolute_python "${PYTHON:-}")"; then
    echo "error: PYTHON=$PYTHON: no such folder" >&2
    exit 1
fi
PYTHON="$python"
cd "$(dirname "$0")"
started=$(date +%s)

# The group and sweep names of the registry, read from its source: each group's module types
# its name once (`const G: &str = "life";`). A mistyped name stops the run here, before the
# release build (minutes) that bench-plan needs; bench-plan checks the names again, from the
# registry itself. tests/bench_ids.rs checks that this finds exactly the registry's names.
registry_groups() {
    sed -n 's/^ *const G[0-9]*: &str = "\([^"]*\)";$/\1/p' "$1"
}
known_groups=$(registry_groups chapters-code/src/benchmarks.rs)
unknown_groups=""
for name in "$@"; do
    if ! grep -qxF -e "$name" <<<"$known_groups"; then
        unknown_groups+="${unknown_groups:+, }\"$name\""
    fi
done
if [ -n "$unknown_groups" ]; then
    echo "error: unknown benchmark group $unknown_groups; the groups are: ${known_groups//$'\n'/ }" >&2
    exit 2
fi

# The headline is the default configuration, so settings inherited from the caller's
# environment that change what is measured are dropped, and named: OpenBLAS's (and OpenMP's)
# kernel, cache and thread choices — some machines set OPENBLAS_CORETYPE for older builds,
# which pins a newer processor to an older one's kernels —, glibc's and mimalloc's allocator
# settings, rayon's thread count, NumPy's SIMD switches, extra compiler flags, and a target
# triple (the timings are this machine's, and the program is looked for in its folder). The tuned
# configurations below set what they need themselves. tests/bench_ids.rs runs this function.
drop_tuning_environment() {
    local name dropped=()
    for name in $(compgen -e); do
        case "$name" in
            OPENBLAS_* | GOTO_* | OMP_* | GLIBC_TUNABLES | MALLOC_* | MIMALLOC_* \
                | RAYON_* | NPY_* | PYTHONMALLOC | RUSTFLAGS | CARGO_ENCODED_RUSTFLAGS \
                | CARGO_BUILD_RUSTFLAGS | CARGO_TARGET_*_RUSTFLAGS | CARGO_PROFILE_* \
                | CARGO_BUILD_TARGET | CARGO_INCREMENTAL | CARGO_TARGET_*_RUNNER \
                | BOOK_EXPECT_HUGE_PAGES)
                dropped+=("$name=${!name}")
                unset "$name"
                ;;
        esac
    done
    if [ ${#dropped[@]} -gt 0 ]; then
        echo "bench.sh: measuring the default configuration, without ${dropped[*]}" >&2
    fi
}
drop_tuning_environment
# Compiler flags from a cargo config file apply as RUSTFLAGS do: build.rustflags or
# target.<triple>.rustflags in ~/.cargo/config.toml, or in a .cargo/config.toml of a folder
# above the checkout (-Ctarget-cpu=native is a common one; rustc got it). An empty
# CARGO_ENCODED_RUSTFLAGS outranks every other source of flags, so none are added.
export CARGO_ENCODED_RUSTFLAGS=""
# Profile settings of a cargo config file ([profile.release] or [profile.bench] with lto,
# codegen-units or opt-level, in ~/.cargo/config.toml or a folder above) change the program
# measured as compiler flags do, and so does build.incremental. The environment outranks config
# files, so the settings that change the code are set to cargo's defaults for both profiles,
# which the manifest keeps (tests/bench_ids.rs checks it sets none of them); the manifest's
# settings for one package, such as chapters-code's single codegen unit, still apply.
# tests/bench_ids.rs runs this function.
pin_default_profiles() {
    local profile
    for profile in RELEASE BENCH; do
        export "CARGO_PROFILE_${profile}_OPT_LEVEL=3" "CARGO_PROFILE_${profile}_LTO=false" \
            "CARGO_PROFILE_${profile}_CODEGEN_UNITS=16" \
            "CARGO_PROFILE_${profile}_DEBUG_ASSERTIONS=false" \
            "CARGO_PROFILE_${profile}_OVERFLOW_CHECKS=false"
    done
    export CARGO_INCREMENTAL=0
}
pin_default_profiles
# A runner starts every benchmark program through another one (`runner = "nice"` or
# "taskset …" in a cargo config file's [target.<triple>] or [target.'cfg(…)'], which no
# environment variable drops): what it changes would be measured without a word. The
# environment's runner for the host outranks a config file's; `nice -n 0` runs the program as
# it is (niceness raised by 0). Not `env`: it takes a program path with a `=` in it (a checkout
# or target folder named so) for a variable to set, and runs nothing. With a TRIPLE, that
# target's runner (below, when a cargo config's build.target builds for another one).
# tests/bench_ids.rs runs this function.
pin_plain_runner() {
    local triple="${1:-}"
    if [ -z "$triple" ]; then
        triple=$(rustc -vV | sed -n 's/^host: //p')
    fi
    if [ -z "$triple" ]; then
        echo "error: rustc -vV names no host" >&2
        return 1
    fi
    triple=$(printf '%s' "$triple" | tr 'a-z.-' 'A-Z__')
    export "CARGO_TARGET_${triple}_RUNNER=nice -n 0"
}
pin_plain_runner

# The names of the [[bench]] targets a manifest declares, one a line, in its order: what
# `cargo bench --bench NAME` takes. The manifest is the one list (autobenches is off): a
# helper module in benches/ is no target, and a target's file may be named otherwise.
# tests/bench_ids.rs runs this function and checks it against the targets cargo builds.
bench_targets() {
    awk '
        /^\[\[bench\]\]/ { in_bench = 1; next }
        /^\[/ { in_bench = 0 }
        in_bench && /^name *= *"/ {
            sub(/^name *= *"/, "")
            sub(/".*/, "")
            print
            in_bench = 0
        }
    ' "$1"
}
bench_names=()
while IFS= read -r name; do
    bench_names+=("$name")
done < <(bench_targets chapters-code/Cargo.toml)
if [ ${#bench_names[@]} -eq 0 ]; then
    echo "error: chapters-code/Cargo.toml declares no [[bench]] target" >&2
    exit 1
fi

groups=("$@")

# The NumPy side runs with $PYTHON if set, else the venv of scripts/python-venv.sh, else python3.
if [ -n "${PYTHON:-}" ]; then
    python_bin="$PYTHON"
elif [ -x .venv/bin/python ]; then
    python_bin=.venv/bin/python
else
    python_bin=python3
fi
have_numpy=no
if command -v "$python_bin" >/dev/null 2>&1 && "$python_bin" -c "import numpy, scipy" 2>/dev/null; then
    have_numpy=yes
elif [ -n "${PYTHON:-}" ]; then
    # Asked for by name, the NumPy side is not skipped unseen: stop before anything is built.
    echo "error: PYTHON=$PYTHON cannot import numpy and scipy (scripts/python-venv.sh makes .venv with them)" >&2
    exit 1
fi

# Cargo's target folder, wherever the caller's settings put it: CARGO_TARGET_DIR, or
# CARGO_BUILD_TARGET_DIR or build.target-dir in a cargo config (target/ was assumed, so the
# run failed there, or ran a stale target/release/chapters-code left by an earlier build).
target="$(cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
if [ -z "$target" ]; then
    echo "error: cargo metadata names no target folder" >&2
    exit 1
fi
work="$target/bench/run"

# The path of the executable NAME that `cargo build --release ARGS…` makes, from cargo's own
# report of what it built: a build.target in a cargo config file puts it under a target triple
# ($target/<triple>/release), where $target/release held a stale one or none.
# tests/bench_ids.rs runs this function.
built_executable() {
    local name="$1" path
    shift
    path=$(cargo build --release --message-format=json-render-diagnostics "$@" \
        | sed -n 's/.*"reason":"compiler-artifact".*"target":{[^}]*"name":"'"$name"'"[^}]*}.*"executable":"\([^"]*\)".*/\1/p')
    if [ -z "$path" ] || [ ! -x "$path" ]; then
        echo "error: cargo built no executable $name" >&2
        return 1
    fi
    printf '%s\n' "$path"
}

echo "==> cargo build --release"
program=$(built_executable chapters-code)
# A build.target in a cargo config file builds for that triple ($target/<triple>/release):
# the runner of that triple is pinned too.
case "$program" in
    "$target"/*/release/*)
        built_for="${program#"$target"/}"
        pin_plain_runner "${built_for%%/*}"
        ;;
esac

echo "==> plan"
rm -rf "$work"
mkdir -p "$work"
# Writes the plan of the groups named (checked above, and again here against the registry
# itself) before anything else is built or measured.
"$program" bench-plan "$work" ${groups[@]+"${groups[@]}"}
work="$(cd "$work" && pwd)"
page_faults=$(built_executable ch02_page_faults --example ch02_page_faults)
page_faults_fast_alloc=$(built_executable ch02_page_faults_fast_alloc \
    --example ch02_page_faults_fast_alloc)

# The FastAlloc rows need the benchmarks built with chapters_code::speed::FastAlloc as their
# global allocator: if that does not build, say so and keep those rows' earlier runs.
if [ -s "$work/filter-rust-fastalloc.txt" ] && ! cargo bench --benches --features fast-alloc --no-run; then
    echo "warning: the benchmarks do not build with --features fast-alloc; the FastAlloc rows keep their earlier runs." >&2
    : > "$work/filter-rust-fastalloc.txt"
fi

# The OpenBLAS rows need the system's OpenBLAS: without it (the link fails, or the program does
# not start), say so and keep those rows' earlier runs. OpenBLAS says which kernels it chose
# when it loads, with OPENBLAS_VERBOSE=2 ("Core: Haswell"); an OpenBLAS older than the processor
# falls back to a generic one. A build for one processor prints nothing: "unknown". Its release
# is in the library the benchmark loads (ldd), which carries its build string ("OpenBLAS 0.3.21").
openblas_core=""
openblas_release=""
if [ -s "$work/filter-rust-blas.txt" ]; then
    if cargo bench --bench ch05_products --features blas --no-run \
        && listing=$(OPENBLAS_VERBOSE=2 cargo bench -q --bench ch05_products --features blas -- --list 2>&1); then
        openblas_core=$(printf '%s\n' "$listing" | sed -n 's/^Core: *//p' | head -n 1)
        openblas_core=${openblas_core:-unknown}
        # Each lookup may find nothing (set -e and pipefail would end the run): "unknown".
        blas_bench=$( { cargo bench --bench ch05_products --features blas --no-run --message-format=json 2>/dev/null || true; } \
            | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
        openblas_library=$( { ldd "$blas_bench" 2>/dev/null || true; } | awk '/libopenblas/ { print $3; exit }')
        if [ -n "$openblas_library" ]; then
            openblas_release=$( { grep -a -o -m 1 'OpenBLAS [0-9][0-9.]*[0-9]' "$(readlink -f "$openblas_library")" || true; } \
                | head -n 1 | sed 's/^OpenBLAS //')
        fi
        openblas_release=${openblas_release:-unknown}
    else
        echo "warning: chapter 5's benchmarks do not build or run with --features blas (is OpenBLAS installed, e.g. Debian's libopenblas-dev?); the OpenBLAS rows keep their earlier runs." >&2
        : > "$work/filter-rust-blas.txt"
    fi
fi

echo "==> machine facts"
# Runs a command in the "huge pages" configuration: glibc's malloc asked to advise huge pages
# (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). glibc 2.36 (Debian 12's) reads the kernel's setting
# into a buffer it does not terminate, so the tunable takes effect in some processes and not in
# others. With BOOK_EXPECT_HUGE_PAGES=1, each benchmark and the page-fault example first check
# that a fresh 40 MiB array gets huge pages and exit with code 75 when it does not
# (chapters_code::speed::exit_unless_huge_pages_as_expected): such a process is started again,
# up to 20 times, so that every timing labelled "huge pages" was measured with them. Where no
# process gets them (glibc older than 2.35, or the kernel's setting is "never"), the rest of the
# run skips that configuration, and its rows keep their earlier runs. tests/bench_ids.rs runs
# this function with stand-in commands.
huge_pages_available=unknown
with_huge_pages() {
    local attempt status log="$work/huge-pages-stderr.txt"
    if [ "$huge_pages_available" = no ]; then
        echo "==> skipped (no huge pages on this machine): $*" >&2
        return 0
    fi
    for attempt in $(seq 1 20); do
        status=0
        # Its stderr (criterion's progress) shows as it comes, and is kept in $log for the
        # check below; its stdout stays stdout. With pipefail the status is the command's.
        { env GLIBC_TUNABLES=glibc.malloc.hugetlb=1 BOOK_EXPECT_HUGE_PAGES=1 "$@" 2>&1 1>&3 3>&- \
            | tee "$log" >&2; } 3>&1 || status=$?
        if [ "$status" -eq 0 ]; then
            huge_pages_available=yes
            return 0
        fi
        if ! grep -q "BOOK_EXPECT_HUGE_PAGES: this process's allocator did not get huge pages" "$log"; then
            return "$status"
        fi
        echo "==> no huge pages in that process (attempt $attempt of 20): again" >&2
    done
    huge_pages_available=no
    echo "warning: glibc's allocator got no huge pages in 20 processes; this run skips the" \
        "\"huge pages\" configuration" >&2
    return 0
}

# Which code is measured: this checkout's commit (12 hex digits), "-dirty" when the code has
# changes not committed (tracked or new files; results, outputs and images do not count, a
# partial run rewrites them), "unknown" outside a git checkout of this folder (a tarball,
# even one unpacked inside another repository).
source_commit() {
    local top head
    if top=$(git rev-parse --show-toplevel 2>/dev/null) && [ "$top" = "$(pwd -P)" ] \
        && head=$(git rev-parse --short=12 HEAD 2>/dev/null); then
        if [ -n "$(git status --porcelain --untracked-files=all -- . \
            ':!results' ':!src/outputs' ':!images' 2>/dev/null)" ]; then
            echo "$head-dirty"
        else
            echo "$head"
        fi
    else
        echo unknown
    fi
}

{
    echo "date: $(date -u +%Y-%m-%d)"
    # No `|| uname -m` after the pipeline: its status is sed's, so it never ran, and a machine
    # whose /proc/cpuinfo has no 'model name' (aarch64 Linux) wrote an empty cpu fact.
    cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
    echo "cpu: ${cpu:-$(uname -m)}"
    echo "cores: $(nproc 2>/dev/null || echo unknown)"
    "$program" machine
    echo "os: $( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s), Linux $(uname -r)"
    echo "rustc: $(rustc --version)"
    echo "source commit: $(source_commit)"
    echo "transparent hugepages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)"
    if [ "$have_numpy" = yes ]; then
        "$python_bin" python/bench.py --facts
    fi
    if [ -n "$openblas_core" ]; then
        echo "openblas core: $openblas_core"
        echo "openblas release: $openblas_release"
    fi
    if grep -qx reciprocals "$work/groups.txt"; then
        # Keys from chapters_code::speed::page_fault_key: one line per variant and allocator.
        "$page_faults" rust
        with_huge_pages "$page_faults" rust+thp
        if [ "$huge_pages_available" = no ]; then
            # This run has no huge-pages counts: say so, or an earlier run's would stand in.
            "$page_faults" rust+thp --not-available
        fi
        "$page_faults_fast_alloc"
        if [ "$have_numpy" = yes ]; then "$python_bin" python/bench.py --page-faults; fi
    fi
} | tee "$work/machine.txt"
# The group above ran in a pipeline's subshell: carry its finding over to the benchmarks.
if grep -q "rust+thp, reciprocals: not available" "$work/machine.txt"; then
    huge_pages_available=no
fi

# cargo bench for one side and one bench target: its criterion output goes to
# $work/criterion-SIDE, and only the benchmarks of the plan's filter for that side run.
bench_side() {
    local side="$1" bench="$2"; shift 2
    local filter
    filter="$(cat "$work/filter-$side.txt")"
    if [ -z "$filter" ]; then
        return
    fi
    echo "==> cargo bench --bench $bench ($side)"
    # An assignment before a command (or a shell function, like with_huge_pages) puts the
    # variable in that command's environment only.
    CRITERION_HOME="$work/criterion-$side" "$@" --bench "$bench" -- "$filter"
}
# The configurations take turns, one bench target (a chapter, a sweep) at a time: a tuned row
# and its default row are measured minutes apart, not a whole pass apart, so that a machine
# whose speed drifts (shared, or changing its clock) moves them less apart. Criterion runs
# only the benchmarks of a target that match the side's filter.
for bench in "${bench_names[@]}"; do
    bench_side rust "$bench" cargo bench
    bench_side rust-thp "$bench" with_huge_pages cargo bench
    bench_side rust-fastalloc "$bench" cargo bench --features fast-alloc
done
# One OpenBLAS thread, like NumPy's single-threaded rows (OpenBLAS uses every core by default).
bench_side rust-blas ch05_products env OPENBLAS_NUM_THREADS=1 cargo bench --features blas

if [ ! -s "$work/python-plan.txt" ]; then
    echo "==> python/bench.py: nothing to measure in these groups"
elif [ "$have_numpy" = yes ]; then
    echo "==> python/bench.py"
    "$python_bin" python/bench.py "$work/python.csv" --plan "$work/python-plan.txt"
else
    echo "==> NumPy side skipped: $python_bin has no numpy and scipy; the NumPy rows keep their earlier runs."
    echo "    To add it: scripts/python-venv.sh (creates .venv with python/requirements.txt), then run ./bench.sh again."
fi

echo "==> results/benchmarks.csv"
"$program" results "$work"
echo "==> tables and charts"
"$program"
echo "Done in $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s. Review with: git diff results/ src/outputs/ images/"
