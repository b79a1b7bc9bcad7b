#!/usr/bin/env bash
# Creates the virtual environment .venv (ignored by git) with the NumPy side's packages,
# python/requirements.txt (NumPy, SciPy, threadpoolctl), for ./bench.sh and the scripts in
# python/.
#
# Debian's and Ubuntu's system Python refuses `pip install` outside a virtual environment
# (PEP 668, "externally-managed-environment"); a venv is the supported way. Running the script
# again installs what changed in requirements.txt.
#
#   scripts/python-venv.sh                      with python3 from PATH
#   PYTHON=python3.12 scripts/python-venv.sh    with another Python (3.11 or later)
#
# Then: ./bench.sh picks .venv up by itself; for a chapter script, .venv/bin/python python/….py
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
# It takes no arguments (PYTHON=… picks the interpreter): `--help` prints the lines above
# instead of creating .venv and downloading the packages.
case "${1:-}" in
    "") ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: scripts/python-venv.sh   (no arguments; PYTHON=python3.12 picks another Python)" >&2; exit 2 ;;
esac
python="${PYTHON:-python3}"
# A relative path is relative to the caller's folder: made absolute before the cd below (one
# whose folder does not exist is left as it is, and reported as not found).
# shellcheck source=scripts/python-path.sh
source "$(dirname "$0")/python-path.sh"
if absolute="$(absolute_python "$python")"; then
    python="$absolute"
fi
cd "$(dirname "$0")/.."

if ! command -v "$python" >/dev/null 2>&1; then
    echo "error: $python not found; install Python 3.11 or later (Debian/Ubuntu: sudo apt-get install python3 python3-venv)" >&2
    exit 1
fi
# NumPy 2.4 needs Python 3.11 or later: say so, rather than leave pip to report that no
# version of numpy matches.
too_old() {
    ! "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}
if [ ! -x .venv/bin/python ] && too_old "$python"; then
    echo "error: $python is $("$python" --version 2>&1); the NumPy side needs Python 3.11 or later (PYTHON=python3.12 scripts/python-venv.sh picks another)" >&2
    exit 1
fi
if [ -x .venv/bin/python ] && too_old .venv/bin/python; then
    echo "error: .venv has $(.venv/bin/python --version 2>&1); the NumPy side needs Python 3.11 or later: delete .venv and run this again (with PYTHON=… for a newer Python)" >&2
    exit 1
fi
# A run interrupted while `python -m venv` installed pip leaves .venv with its python but no
# pip: every later run then stopped at "No module named pip" (and ./bench.sh skipped NumPy).
if [ -x .venv/bin/python ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "error: .venv has no pip (was its creation interrupted?): delete .venv and run this again" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv with $("$python" --version 2>&1) ($(command -v "$python"))"
    if ! "$python" -m venv .venv; then
        rm -rf .venv
        echo "error: $python cannot create a virtual environment; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2
        exit 1
    fi
fi
echo "==> installing python/requirements.txt into .venv (prebuilt wheels, about 60 MB to download)"
.venv/bin/python -m pip install --disable-pip-version-check -r python/requirements.txt
.venv/bin/python -c 'import numpy, scipy; print(f"==> .venv ready: NumPy {numpy.__version__}, SciPy {scipy.__version__}")'
echo "    ./bench.sh uses it by itself; run a chapter script with .venv/bin/python python/<script>.py"
