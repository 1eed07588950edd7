#!/usr/bin/env bash
# One command for every test: install, build, lint, format check, type check, unit, server integration tests against
# a real PostgreSQL (embedded by default; DATABASE_URL selects an external one) and browser tests.
# When TEST_EXTERNAL_DATABASE_URL is set as well, the server integration suite runs a second time
# against that server (CI does this with the machine's PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm install --frozen-lockfile
pnpm test
if [[ -n "${TEST_EXTERNAL_DATABASE_URL:-}" ]]; then
  echo "Server integration tests again, against ${TEST_EXTERNAL_DATABASE_URL}"
  DATABASE_URL="$TEST_EXTERNAL_DATABASE_URL" pnpm test:db
fi
