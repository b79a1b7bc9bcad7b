#!/usr/bin/env bash
# Regenerates every NumPy output the book shows (python/outputs/), and each folder's
# SHA256SUMS manifest, which `cargo test --test book_guard` checks byte for byte (the tests
# never run Python). Needs NumPy and SciPy: scripts/python-venv.sh once, or PYTHON=….
# Runs NumPy in its default configuration (OPENBLAS_*, GOTO_*, OMP_*, MKL_*, NPY_*, MALLOC_*,
# GLIBC_TUNABLES and PYTHONMALLOC are dropped), with its assert checks (PYTHONOPTIMIZE too).
#
#   scripts/numpy-outputs.sh            every chapter script and the edge-case data
#   scripts/numpy-outputs.sh ch03       only python/ch03_*.py (any start of a chapter script's
#                                       name: introduction, ch03, where_next)
#   scripts/numpy-outputs.sh edge       only the edge-case data (python/edge_cases.py)
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
case "${1:-}" in
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if [ $# -gt 1 ] || [[ "${1:-}" == -* ]]; then
    echo "usage: scripts/numpy-outputs.sh [ch03 | introduction | where_next | edge | ...]" >&2
    exit 2
fi
# The chapter scripts run from python/ (below), so the interpreter's path is made absolute
# first: a relative PYTHON is relative to the caller's folder, the default to the repository.
# shellcheck source=scripts/python-path.sh
source "$(dirname "$0")/python-path.sh"
python="${PYTHON:-$(dirname "$0")/../.venv/bin/python}"
if ! absolute="$(absolute_python "$python")"; then
    echo "error: $python: no such folder; run scripts/python-venv.sh first, or set PYTHON=…" >&2
    exit 1
fi
python="$absolute"
cd "$(dirname "$0")/.."
only="${1:-}"
# The chapter scripts this run runs, in the book's order; a name that matches none (a typo
# such as ch3) stops here, rather than running nothing and succeeding.
scripts=()
for script in python/introduction.py python/ch[0-9][0-9]_*.py python/where_next.py; do
    script="${script#python/}"
    case "$script" in "$only"*) scripts+=("$script") ;; esac
done
if [ ${#scripts[@]} -eq 0 ] && [ "$only" != edge ]; then
    echo "error: no chapter script in python/ starts with \"$only\" (e.g. ch03, introduction, where_next, or edge)" >&2
    exit 2
fi
# The outputs are default NumPy's: settings inherited from the caller's environment that
# change its kernels or threads (some machines set OPENBLAS_CORETYPE, which pins OpenBLAS to
# an older processor's kernels and changes the last bits of products), or Python's and
# glibc's allocators (PYTHONMALLOC=malloc changes chapter 1's resident memory), are dropped,
# and named: python/book_outputs.py refuses to record with any of them set. So is
# PYTHONOPTIMIZE, which skips the scripts' assert checks of what they print.
dropped=()
for name in $(compgen -e); do
    case "$name" in
        OPENBLAS_* | GOTO_* | OMP_* | MKL_* | NPY_* | MALLOC_* | GLIBC_TUNABLES | PYTHONMALLOC \
            | PYTHONOPTIMIZE)
            dropped+=("$name=${!name}")
            unset "$name"
            ;;
    esac
done
if [ ${#dropped[@]} -gt 0 ]; then
    echo "numpy-outputs.sh: NumPy's default configuration, without ${dropped[*]}" >&2
fi
# Called by its full path, the script's default .venv/bin/python is absolute: when it does not
# exist, say so (it was reported as a Python without NumPy).
if ! command -v "$python" >/dev/null 2>&1; then
    echo "error: $python: not found; run scripts/python-venv.sh first, or set PYTHON=…" >&2
    exit 1
fi
if ! "$python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "error: $python has no NumPy/SciPy; run scripts/python-venv.sh first, or set PYTHON=…" >&2
    exit 1
fi
cd python
for script in ${scripts[@]+"${scripts[@]}"}; do
    echo "==> $script"
    "$python" "$script" >/dev/null
done
if [ -z "$only" ] || [ "$only" = edge ]; then
    echo "==> edge_cases.py"
    "$python" edge_cases.py >/dev/null
    "$python" book_outputs.py --record outputs/edge-cases/*.json
fi
"$python" book_outputs.py --prune
cd ..
# What the run changed, when this is a git checkout (from a tarball the run is done: git
# status failed there, and the script with it, after writing every output).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git status --short python/outputs
fi
