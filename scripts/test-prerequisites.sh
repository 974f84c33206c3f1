#!/usr/bin/env bash
# What `npm test` needs besides npm packages: Debian's redis-server (the BullMQ tests start it on a
# loopback port), postgresql (the PostgreSQL store's tests initdb a cluster in a temporary directory
# and start it on a loopback port; Debian keeps initdb in /usr/lib/postgresql/<major>/bin) and chromium
# (the what-if HTML report is rendered headless, and playwright-core drives it through the web
# application's journeys, D49: playwright's own browser download cannot run here). Installed with apt-get
# when missing — as root, or through sudo — so a fresh machine runs the tests with `npm test` alone.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "npm test needs: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs: ${missing[*]} (no apt-get here: install them with your package manager)" >&2
  exit 1
fi
echo "installing ${missing[*]} for the tests (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
