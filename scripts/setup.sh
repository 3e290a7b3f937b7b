#!/usr/bin/env bash
# Installs everything the portal and its tests need on a fresh machine: the npm packages
# (versions from package-lock.json) and, for the browser tests, a Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm ci` refuses a lockfile written on one platform when another platform's optional
# native packages (@next/swc-*, @img/sharp-*) are missing from it; `npm install` keeps the
# locked versions and resolves those for this machine.
npm install --no-audit --no-fund

if [ -x /usr/bin/chromium ]; then
  echo "setup: using Debian's Chromium at /usr/bin/chromium"
elif command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing Debian's chromium package"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
else
  echo "setup: no Debian Chromium here; installing Playwright's own browser"
  npx playwright install chromium
fi
