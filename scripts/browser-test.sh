#!/usr/bin/env bash
# Opens every page of the built book in headless Chromium (tests/browser/check.mjs).
# Installs what is missing: Chromium and Node.js from Debian's packages (needs root, as on CI),
# and playwright-core (pinned in tests/browser/package-lock.json, no browser download).
set -euo pipefail
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
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
node tests/browser/check.mjs book
