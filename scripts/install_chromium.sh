#!/usr/bin/env bash
# Installs Debian's chromium (/usr/bin/chromium) for the browser tests, when absent.
# Playwright drives it (`playwright install` downloads browsers and does not work
# offline). Needs root or sudo the first time.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
echo "==> installing chromium (apt-get) for the browser tests"
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "chromium is absent and installing it needs root or sudo" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
