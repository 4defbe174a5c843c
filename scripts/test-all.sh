#!/usr/bin/env bash
# Runs every test: unit, integration (real server + PouchDB clients, embedded and CouchDB-protocol stores)
# and, when present, end-to-end tests in Debian's Chromium. Installs Chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

npm run check
npx vite build --logLevel warn
npx vitest run --project unit --project 'tz-*'
npx vitest run --project integration
if ls tests/e2e/*.spec.ts >/dev/null 2>&1; then
  npx playwright test
fi
