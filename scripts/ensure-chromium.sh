#!/bin/sh
# Installs Debian's chromium (and pdftoppm, used to check PDF briefs) when missing: the browser
# tests and PDF briefs drive the system browser through playwright-core, which never downloads one.
set -e
if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "sitrep: /usr/bin/chromium is missing and apt-get is unavailable; install chromium by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "sitrep: installing chromium and poppler-utils (apt-get)…" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >&2
