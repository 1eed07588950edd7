#!/usr/bin/env bash
# pnpm 10 from npm (corepack is not reliable on every machine). Sourced by the other scripts.
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  echo "Installing pnpm 10 with npm…"
  npm install -g pnpm@10 >/dev/null
fi
