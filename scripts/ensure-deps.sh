#!/bin/sh
# Makes `npm start` and `npm test` work on a fresh clone: installs the locked dependencies when
# node_modules is missing or older than package-lock.json. (npm ci also builds, via `prepare`.)
set -e
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "sitrep: installing dependencies (npm ci)…" >&2
  npm ci --no-audit --no-fund >&2
fi
