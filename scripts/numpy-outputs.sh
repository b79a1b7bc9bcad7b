#!/usr/bin/env bash
# Regenerates every NumPy output the book shows (python/outputs/), and each folder's
# SHA256SUMS manifest, which `cargo test --test book_guard` checks byte for byte (the tests
# never run Python). Needs NumPy and SciPy: scripts/python-venv.sh once, or PYTHON=….
#
#   scripts/numpy-outputs.sh            every chapter script and the edge-case data
#   scripts/numpy-outputs.sh ch03       only python/ch03_*.py
set -euo pipefail
# The chapter scripts run from python/ (below), so the interpreter's path is made absolute
# first: a relative PYTHON is relative to the caller's folder, the default to the repository.
# A bare command name (no slash) is left as it is, to be found on PATH.
python="${PYTHON:-$(dirname "$0")/../.venv/bin/python}"
case "$python" in
    /*) ;;
    */*)
        if ! folder="$(cd "$(dirname "$python")" 2>/dev/null && pwd)"; then
            echo "error: $python: no such folder; run scripts/python-venv.sh first, or set PYTHON=…" >&2
            exit 1
        fi
        python="$folder/$(basename "$python")"
        ;;
esac
cd "$(dirname "$0")/.."
if ! "$python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "error: $python has no NumPy/SciPy; run scripts/python-venv.sh first, or set PYTHON=…" >&2
    exit 1
fi
only="${1:-}"
cd python
for script in introduction.py ch[0-9][0-9]_*.py where_next.py; do
    case "$script" in "$only"*) ;; *) continue ;; esac
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
git status --short python/outputs
