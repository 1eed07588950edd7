#!/usr/bin/env bash
# One command from a fresh clone: install everything, build, and start the product
# (server + web + embedded PostgreSQL). Prints the URL and the admin login when ready.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm install --frozen-lockfile
exec pnpm start
