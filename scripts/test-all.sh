#!/usr/bin/env bash
# Runs every test: unit, integration (real server + PouchDB clients, embedded and CouchDB-protocol stores)
# and, when present, end-to-end tests in Debian's Chromium. Installs Chromium, espeak-ng and sox when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: chromium (browser tests), espeak-ng and sox (the call simulator's voice).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

npm run check
npx vite build --logLevel warn
npx vitest run --project unit --project 'tz-*'
npx vitest run --project integration --maxWorkers=2
if ls tests/e2e/*.spec.ts >/dev/null 2>&1; then
  npx playwright test
fi
