#!/usr/bin/env bash
# Every test, on a fresh machine too: installs what it needs (npm packages, PostgreSQL + pgvector,
# Citus, Chromium), runs unit tests, integration tests on a real server, on a Citus cluster and on the
# embedded PGlite, type-checks, builds the app, and runs the Playwright end-to-end tests in Debian's Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 ONNXRUNTIME_NODE_INSTALL=skip
results=$(mktemp -d -t sieve-results.XXXXXX)
pg_dir=$(mktemp -d -t sieve-pg.XXXXXX)
citus_dir=$(mktemp -d -t sieve-citus.XXXXXX)
cleanup() { bash scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1; bash scripts/citus.sh stop "$citus_dir" >/dev/null 2>&1; }
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
step "Citus cluster (a coordinator and two workers)"
if CITUS_URL=$(bash scripts/citus.sh start "$citus_dir" | tail -n 1) && [ -n "$CITUS_URL" ]; then
  echo "coordinator: $CITUS_URL"
  # The whole suite on the cluster, 4 shards a table to keep it quick; lib/db/citus.int.test.ts makes 32 and
  # compares every answer with the same rows on the plain server.
  run "integration tests on Citus" env SIEVE_TEST_DB=server TEST_DATABASE_URL="$CITUS_URL" TEST_SINGLE_DATABASE_URL="$TEST_DATABASE_URL" \
    SIEVE_CITUS_SHARDS=4 npx vitest run --project int --reporter=default --reporter=json --outputFile="$results/int-citus.json"
  bash scripts/citus.sh stop "$citus_dir" >/dev/null 2>&1
else
  failed_steps+=("Citus cluster")
fi
run "integration tests on embedded PGlite" env SIEVE_TEST_DB=embedded npx vitest run --project int --reporter=default --reporter=json --outputFile="$results/int-embedded.json"
run "type check" npx tsc --noEmit
run "layers (imports point down)" npm run --silent check:layers
run "build" npm run build --silent
run "end-to-end tests (Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json

node scripts/test-summary.mjs "$results" "${failed_steps[@]}"
