#!/usr/bin/env bash
# Opens every page of the built book in headless Chromium (tests/browser/check.mjs).
# Installs what is missing: Chromium and Node.js from Debian's packages (needs root, as on CI),
# and the npm packages pinned in tests/browser/package-lock.json: playwright-core (drives the system
# Chromium, downloads no browser) and axe-core (the accessibility rules, loaded into the pages from
# node_modules, offline).
set -euo pipefail
# cd searches an exported CDPATH (and prints the folder it found): never here.
unset CDPATH
# It takes no arguments: `--help` prints the lines above instead of installing and running.
case "${1:-}" in
    "") ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: scripts/browser-test.sh   (no arguments; it checks book/, from scripts/mdbook-build.sh)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing ${need_apt[*]} (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "error: the browser test needs ${need_apt[*]}; install them (e.g. sudo apt-get install ${need_apt[*]})," >&2
        echo "       or skip this step with BOOK_SKIP_BROWSER=1 ./test.sh" >&2
        exit 1
    fi
fi
# (Re)install when a pinned package is missing or the lock file changed since the last install.
installed=tests/browser/node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ ! -d tests/browser/node_modules/axe-core ] \
    || [ tests/browser/package-lock.json -nt "$installed" ]; then
    echo "==> installing the browser test's npm packages (npm ci, pinned by package-lock.json)"
    (cd tests/browser && npm ci --no-audit --no-fund)
fi
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
node tests/browser/check.mjs book
