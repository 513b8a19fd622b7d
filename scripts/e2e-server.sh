#!/usr/bin/env bash
# The server the end-to-end run talks to: built separately (HUB_BUILD_DIR, kept under .builds/, so
# it never overwrites a build someone else is using) and started in embedded mode on a fresh data
# folder, which loads the demo strategy. Both are removed when Playwright stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d "${TMPDIR:-/tmp}/hub-e2e-XXXXXX")"
build_name="$(basename "$work")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work" ".builds/$build_name"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

export NODE_ENV=production
export HUB_BUILD_DIR="$build_name"
export DATA_DIR="$work/data"
export PORT="${E2E_PORT:-3100}"
# Every journey signs in from 127.0.0.1; the per-address limit is tested in the integration suite.
export SIGN_IN_LIMIT_PER_IP=10000
# Known to the journeys (tests/e2e/support/collab-secret.ts), which mint a token that has run out.
export COLLAB_SECRET="$(sed -nE 's/^export const E2E_COLLAB_SECRET = "(.*)";$/\1/p' tests/e2e/support/collab-secret.ts)"
unset DATABASE_URL SUPABASE_URL SUPABASE_ANON_KEY APP_ORIGIN SEED_DEMO SMTP_URL REDIS_URL

mkdir -p "$DATA_DIR"
npm run --silent build >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
npx tsx server/index.ts &
server_pid=$!
wait "$server_pid"
