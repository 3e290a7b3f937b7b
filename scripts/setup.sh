#!/usr/bin/env bash
# Installs everything the portal and its tests need on a fresh machine: the npm packages
# (versions from package-lock.json), a Chromium for the browser tests and Lighthouse, and a Java
# runtime for the W3C Nu HTML checker (vnu-jar) that `npm run audit` runs.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# `npm ci` refuses a lockfile written on one platform when another platform's optional
# native packages (@next/swc-*, @img/sharp-*) are missing from it; `npm install` keeps the
# locked versions and resolves those for this machine, and `--no-save` keeps it from writing
# this platform's view back into package-lock.json.
npm install --no-save --no-audit --no-fund

if [ -x /usr/bin/chromium ]; then
  echo "setup: using Debian's Chromium at /usr/bin/chromium"
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium package"
  apt_install chromium
else
  echo "setup: no Debian Chromium here; installing Playwright's own browser"
  npx playwright install chromium
fi

# vnu-jar's own install script would download a Java runtime; it is not allowed to run
# (package.json "allowScripts"), so Java comes from the system.
if command -v java >/dev/null 2>&1; then
  echo "setup: using $(command -v java) for the Nu HTML checker"
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's default-jre-headless package for the Nu HTML checker"
  apt_install default-jre-headless
else
  echo "setup: no Java here and no apt-get to install it; npm run audit needs java on the PATH" >&2
  exit 1
fi

# The tests run real PostgreSQL, Redis and nginx servers (scripts/services.sh starts them on
# 127.0.0.1 with their data in a temporary folder); wrk loads them in the scale-out test.
missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then missing+=(nginx-light); fi
if ! command -v wrk >/dev/null 2>&1; then missing+=(wrk); fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's ${missing[*]}"
    apt_install "${missing[@]}"
  else
    echo "setup: ${missing[*]} missing and no apt-get to install them; the tests need them" >&2
    exit 1
  fi
fi
# Debian starts the services it installs; the tests start their own, so stop those.
if [ "${#missing[@]}" -gt 0 ] && command -v service >/dev/null 2>&1; then
  for name in postgresql redis-server nginx; do $sudo service "$name" stop >/dev/null 2>&1 || true; done
fi
