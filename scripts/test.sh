#!/usr/bin/env bash
# The whole test suite, as CI runs it: type check, lint, formatting, unit
# tests, integration tests against the machine's PostgreSQL and Redis and a
# local Temporal server, and Playwright journeys in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --browser
# Sourced scripts must not have switched these off.
set -euo pipefail

export CI=true
# Backstage's TestDatabases use the machine's PostgreSQL, not a container.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://${PGUSER:-$(id -un)}@127.0.0.1:5432}"

step() { printf '\n=== %s\n' "$*"; }

# Temporal for the tests that run workflows: built once per machine, started
# here unless one is already running, and stopped (by its pid) when we end.
step "Temporal server"
if ! scripts/services/temporal.sh status >/dev/null 2>&1; then
  trap 'scripts/services/temporal.sh stop' EXIT
fi
scripts/services/temporal.sh start

step "generated code is up to date"
yarn generate:openapi:check
step "tsc"
yarn tsc
step "lint"
yarn lint:all
step "prettier"
yarn prettier:check
step "unit tests"
yarn test
step "build the frontend"
yarn workspace app build
step "integration tests (PostgreSQL, Redis, OIDC, Temporal)"
yarn test:integration
step "browser journeys (Chromium)"
yarn test:e2e
