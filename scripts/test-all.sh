#!/usr/bin/env bash
# Every test of the project: type check, unit tests (vitest), browser tests (Playwright in
# Debian Chromium). Needs ../shared/data beside the repository and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
echo "== unit tests"
npx vitest run
echo "== browser tests"
npx playwright test
