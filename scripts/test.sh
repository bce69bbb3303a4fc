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

# Temporal for the tests that run workflows and Weaviate for the
# recommendations index tests: built once per machine, started here unless
# already running, and stopped (by their pids) when we end if we started them.
stop_on_exit=()
on_exit() {
  local service
  for service in "${stop_on_exit[@]}"; do
    "scripts/services/$service.sh" stop
  done
}
trap on_exit EXIT
step "Temporal server"
if ! scripts/services/temporal.sh status >/dev/null 2>&1; then
  stop_on_exit+=(temporal)
fi
scripts/services/temporal.sh start
step "Weaviate server"
if ! scripts/services/weaviate.sh status >/dev/null 2>&1; then
  stop_on_exit+=(weaviate)
fi
scripts/services/weaviate.sh start
# The recommendations integration tests connect here.
export WEAVIATE_TEST_HTTP_URL="http://127.0.0.1:${WEAVIATE_HTTP_PORT:-8079}"
export WEAVIATE_TEST_GRPC_URL="127.0.0.1:${WEAVIATE_GRPC_PORT:-50051}"

step "generated code is up to date"
yarn generate:openapi:check
step "tsc"
yarn tsc
step "lint"
yarn lint:all
step "prettier"
yarn prettier:check
step "deployment: Helm chart, compose, Dockerfiles, Terraform, alerts, dashboards"
yarn test:deploy
step "unit tests"
yarn test
step "build the frontend"
yarn workspace app build
step "integration tests (PostgreSQL, Redis, OIDC, Temporal)"
yarn test:integration
step "browser journeys (Chromium)"
yarn test:e2e
