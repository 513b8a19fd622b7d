#!/usr/bin/env bash
# The one test command (`npm test`): the type check, the unit tests, the integration tests on
# PGlite (and again on Postgres when TEST_DATABASE_URL is set), then the end-to-end journeys in
# Chromium. It stops at the first step that fails, prints what ran, and always ends with one line,
# "N passed, N failed", counting the tests of every runner (a failed step that reports no failed
# test, such as the type check or a server that would not start, counts as one failure).
set -uo pipefail
cd "$(dirname "$0")/.."

reports="$(mktemp -d "${TMPDIR:-/tmp}/hub-test-reports-XXXXXX")"
trap 'rm -rf "$reports"' EXIT

passed=0
failed=0
lines=()

# Prints "<passed> <failed>" from a runner's JSON report (nothing to count for a plain check).
count_tests() {
  node -e '
    const [kind, file] = process.argv.slice(1);
    const fs = require("node:fs");
    if (kind === "check" || !fs.existsSync(file)) { console.log("0 0"); process.exit(0); }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    if (kind === "vitest") console.log(`${r.numPassedTests ?? 0} ${r.numFailedTests ?? 0}`);
    else console.log(`${(r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0)} ${r.stats?.unexpected ?? 0}`);
  ' "$1" "$2"
}

finish() {
  echo
  echo "Summary"
  printf '  %s\n' "${lines[@]}"
  echo "$passed passed, $failed failed"
  exit "$1"
}

# step <name> <check|vitest|playwright> <command…>
step() {
  local name="$1" kind="$2"
  shift 2
  local report="$reports/${#lines[@]}.json" started=$SECONDS status
  echo
  echo "==> $name"
  case "$kind" in
    vitest) "$@" --reporter=default --reporter=json --outputFile.json="$report" ;;
    playwright) PLAYWRIGHT_JSON_OUTPUT_FILE="$report" "$@" --reporter=list,json ;;
    *) "$@" ;;
  esac
  status=$?
  local p f
  read -r p f < <(count_tests "$kind" "$report")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  local outcome="passed"
  [ "$status" -ne 0 ] && outcome="FAILED"
  if [ "$kind" = check ]; then
    lines+=("$(printf '%-34s %-7s %5ss' "$name" "$outcome" $((SECONDS - started)))")
  else
    lines+=("$(printf '%-34s %-7s %5ss  (%s passed, %s failed)' "$name" "$outcome" $((SECONDS - started)) "$p" "$f")")
  fi
  if [ "$status" -ne 0 ]; then
    echo
    echo "Stopped: \"$name\" failed."
    finish 1
  fi
}

step "Type check" check npx tsc --noEmit
step "Unit tests" vitest npx vitest run --project unit --passWithNoTests
step "Integration tests (PGlite)" vitest env TEST_DB_BACKEND=pglite npx vitest run --project integration
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "Integration tests (Postgres)" vitest env TEST_DB_BACKEND=postgres npx vitest run --project integration
else
  lines+=("$(printf '%-34s %s' "Integration tests (Postgres)" "not run: set TEST_DATABASE_URL to include them")")
fi
step "End-to-end journeys (Chromium)" playwright npx playwright test
finish 0
