#!/usr/bin/env bash
# Every test, on a fresh machine too: installs what it needs (npm packages, PostgreSQL + pgvector,
# Chromium), runs unit tests, integration tests on a real server and on the embedded PGlite,
# type-checks, builds the app, and runs the Playwright end-to-end tests in Debian's Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 ONNXRUNTIME_NODE_INSTALL=skip
results=$(mktemp -d -t sieve-results.XXXXXX)
pg_dir=$(mktemp -d -t sieve-pg.XXXXXX)
cleanup() { bash scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1; }
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
die() { echo "test setup failed: $*" >&2; exit 1; }

step "npm packages"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || die "npm ci"
fi

step "Chromium"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null || die "apt-get install chromium"
fi

step "PostgreSQL + pgvector"
TEST_DATABASE_URL=$(bash scripts/postgres.sh start "$pg_dir" | tail -n 1) || die "scripts/postgres.sh"
export TEST_DATABASE_URL
echo "server: $TEST_DATABASE_URL"

failed_steps=()
run() { local name=$1; shift; step "$name"; "$@" || failed_steps+=("$name"); }

run "unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile="$results/unit.json"
run "integration tests on PostgreSQL server" env SIEVE_TEST_DB=server npx vitest run --project int --reporter=default --reporter=json --outputFile="$results/int-server.json"
run "integration tests on embedded PGlite" env SIEVE_TEST_DB=embedded npx vitest run --project int --reporter=default --reporter=json --outputFile="$results/int-embedded.json"
run "type check" npx tsc --noEmit
run "build" npm run build --silent
run "end-to-end tests (Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json

node scripts/test-summary.mjs "$results" "${failed_steps[@]}"
