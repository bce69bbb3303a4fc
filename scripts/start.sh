#!/usr/bin/env bash
# Starts the console with zero setup: the frontend on :3000, the backend on
# :7007, the Temporal worker on :7017 and a local Temporal server on :7233,
# with SQLite files under .services/, a memory cache and guest sign-in (and a
# local Weaviate on :8079 when app-config sets recommendations.weaviate).
# Open http://localhost:3000. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
set -euo pipefail
source scripts/services/common.sh
mkdir -p "$AI_OPS_STATE/sqlite"

started_temporal=false
if ! scripts/services/temporal.sh status >/dev/null 2>&1; then
  started_temporal=true
fi
scripts/services/temporal.sh start

# Weaviate only when app-config asks for it (recommendations.weaviate); the
# zero-setup start uses the exact in-memory index.
started_weaviate=false
if node -e '
  const fs = require("fs");
  const yaml = require("yaml");
  const files = ["app-config.yaml", "app-config.local.yaml"].filter(f => fs.existsSync(f));
  const asks = files.some(f => yaml.parse(fs.readFileSync(f, "utf8"))?.recommendations?.weaviate?.httpUrl);
  process.exit(asks ? 0 : 1);
'; then
  if ! scripts/services/weaviate.sh status >/dev/null 2>&1; then
    started_weaviate=true
  fi
  scripts/services/weaviate.sh start
fi

worker_pid=""
cleanup() {
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    kill -TERM -- "-$worker_pid" 2>/dev/null || true
  fi
  if $started_temporal; then
    scripts/services/temporal.sh stop
  fi
  if $started_weaviate; then
    scripts/services/weaviate.sh stop
  fi
}
trap cleanup EXIT INT TERM

# The worker starts once the backend has created the shared databases; in its
# own process group (setsid), so that stopping it reaches its children.
setsid bash -c '
  for _ in $(seq 1 600); do
    if (exec 3<>/dev/tcp/127.0.0.1/7007) 2>/dev/null; then break; fi
    sleep 0.5
  done
  exec yarn workspace worker start
' &
worker_pid=$!

yarn start
