#!/usr/bin/env bash
# Serves packages/app/dist from the backend on $E2E_PORT with the zero-setup
# configuration (SQLite in memory here, guest sign-in). Build the app first.
set -euo pipefail
port="${E2E_PORT:-17007}"
cd "$(dirname "$0")/../packages/backend"
test -f ../app/dist/index.html || { echo "packages/app/dist is missing: run 'yarn workspace app build'" >&2; exit 1; }
export NODE_ENV=development
export APP_CONFIG_app_baseUrl="http://localhost:${port}"
export APP_CONFIG_backend_baseUrl="http://localhost:${port}"
export APP_CONFIG_backend_listen_port="${port}"
export APP_CONFIG_backend_cors_origin="http://localhost:${port}"
# Every run starts from an empty database.
export APP_CONFIG_backend_database_connection='":memory:"'
exec node --require @backstage/cli-node/config/nodeTransform.cjs src/index.ts --config ../../app-config.yaml
