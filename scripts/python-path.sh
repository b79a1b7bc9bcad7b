# shellcheck shell=bash
# Sourced by bench.sh, scripts/numpy-outputs.sh and scripts/python-venv.sh before they cd to
# the repository: a PYTHON given as a relative path (venv/bin/python) names a file from the
# caller's folder, so they make it absolute first (else it named nothing after the cd, and
# bench.sh skipped the NumPy side as if NumPy were absent).

# absolute_python NAME: prints NAME, a relative path made absolute from the current folder.
# An absolute path, and a bare command name (python3.12, no slash) to be found on PATH, are
# printed as they are. Fails, printing nothing, when a relative path's folder does not exist.
absolute_python() {
    local folder
    case "$1" in
        /* | "") printf '%s\n' "$1" ;;
        */*)
            folder="$(cd "$(dirname "$1")" 2>/dev/null && pwd)" || return 1
            printf '%s\n' "$folder/$(basename "$1")"
            ;;
        *) printf '%s\n' "$1" ;;
    esac
}
