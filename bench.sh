#!/usr/bin/env bash
# Measures every benchmark of the book on this machine, Rust and NumPy side by side, and
# regenerates the book's timing tables and charts from the results.
#
#   ./bench.sh              every workload (about 15 minutes)
#   ./bench.sh GROUP ...    only these criterion groups / Python groups, e.g. ./bench.sh reciprocals
#
# Rust: criterion (`cargo bench`), run twice: once with glibc's allocator as it is, once with
# GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (transparent huge pages for large allocations, which
# NumPy asks the kernel for by itself; chapter 2 explains why that matters).
# Python: python/bench.py, with the numpy/scipy of python/requirements.txt (in .venv, made by
# scripts/python-venv.sh, when it exists), single-threaded.
# Results: results/benchmarks.csv (committed), with the machine's facts.
set -euo pipefail
cd "$(dirname "$0")"

work="${CARGO_TARGET_DIR:-target}/bench"
mkdir -p "$work"
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
fi

echo "==> machine facts"
{
    echo "date: $(date -u +%Y-%m-%d)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || uname -m)"
    echo "cores: $(nproc 2>/dev/null || echo unknown)"
    echo "os: $( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s), Linux $(uname -r)"
    echo "rustc: $(rustc --version)"
    echo "transparent hugepages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)"
    if [ "$have_numpy" = yes ]; then
        "$python_bin" -c 'import platform, numpy, scipy; print(f"python: {platform.python_version()}\nnumpy: {numpy.__version__}\nscipy: {scipy.__version__}")'
    else
        echo "python: not measured"
    fi
} | tee "$work/machine.txt"

echo "==> page faults of a fresh 80 MB result"
cargo build --release
{
    cargo run --release --quiet -- page-faults Rust
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1 cargo run --release --quiet -- page-faults "Rust with huge pages,"
    if [ "$have_numpy" = yes ]; then "$python_bin" python/bench.py --page-faults; fi
} | tee -a "$work/machine.txt"

filter=()
if [ ${#groups[@]} -gt 0 ]; then
    filter=("$(IFS='|'; echo "^(${groups[*]})/")")
fi

echo "==> cargo bench (glibc malloc as configured)"
cargo bench --benches -- ${filter[@]+"${filter[@]}"}
echo "==> cargo bench (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)"
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 CRITERION_HOME="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/criterion-thp" \
    cargo bench --benches -- ${filter[@]+"${filter[@]}"}

if [ "$have_numpy" = yes ]; then
    echo "==> python/bench.py"
    "$python_bin" python/bench.py "$work/python.csv" ${groups[@]+"${groups[@]}"}
else
    echo "==> NumPy side skipped: $python_bin has no numpy and scipy."
    echo "    To add it: scripts/python-venv.sh (creates .venv with python/requirements.txt), then run ./bench.sh again."
fi

echo "==> results/benchmarks.csv, then tables and charts"
cargo run --release --quiet -- results "$work"
cargo run --release --quiet
echo "Done. Review with: git diff results/ src/outputs/ images/"
