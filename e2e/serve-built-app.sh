#!/usr/bin/env bash
# Serves packages/app/dist from the backend on $E2E_PORT with the zero-setup
# configuration (SQLite files in a fresh temporary directory, guest sign-in),
# and runs the Temporal worker (packages/worker) beside it so that runs
# execute. Build the app first; Temporal must be running
# (scripts/services/temporal.sh start, as scripts/test.sh does).
set -euo pipefail
port="${E2E_PORT:-17007}"
worker_port="$((port + 10))"
root="$(cd "$(dirname "$0")/.." && pwd)"
test -f "$root/packages/app/dist/index.html" || { echo "packages/app/dist is missing: run 'yarn workspace app build'" >&2; exit 1; }

# Every run starts from empty databases, shared by the backend and the worker.
state="$(mktemp -d "${TMPDIR:-/tmp}/ai-ops-e2e.XXXXXX")"
backend_pid=""
worker_pid=""
cleanup() {
  for pid in $worker_pid $backend_pid; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

export NODE_ENV=development
export APP_CONFIG_app_baseUrl="http://localhost:${port}"
export APP_CONFIG_backend_cors_origin="http://localhost:${port}"
export APP_CONFIG_backend_database_connection="{\"directory\":\"$state/sqlite\"}"
# A task queue of this run's own, so no other worker on the machine takes its runs.
export APP_CONFIG_temporal_taskQueue="ai-ops-e2e-${port}-$$"
# Recommendations index: follow new components within seconds, not a minute.
export APP_CONFIG_recommendations_refreshIntervalSeconds=5

cat >"$state/worker.yaml" <<YAML
backend:
  baseUrl: http://localhost:${worker_port}
  listen:
    port: ${worker_port}
discovery:
  endpoints:
    - target: http://localhost:${port}/api/{{pluginId}}
      plugins: [ai-components, workflows, executions]
YAML

cd "$root/packages/backend"
APP_CONFIG_backend_baseUrl="http://localhost:${port}" \
APP_CONFIG_backend_listen_port="${port}" \
  node --require @backstage/cli-node/config/nodeTransform.cjs src/index.ts --config ../../app-config.yaml &
backend_pid=$!

# The worker signs its calls with keys the backend stores: start it once the backend is up.
for _ in $(seq 1 180); do
  if curl -fsS "http://localhost:${port}/.backstage/health/v1/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$backend_pid" 2>/dev/null || exit 1
  sleep 1
done
cd "$root/packages/worker"
node --require @backstage/cli-node/config/nodeTransform.cjs src/index.ts \
  --config ../../app-config.yaml --config ../../app-config.worker.yaml --config "$state/worker.yaml" &
worker_pid=$!

wait -n "$backend_pid" "$worker_pid"
