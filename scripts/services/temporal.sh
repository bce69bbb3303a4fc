#!/usr/bin/env bash
# A local Temporal server for development and tests: built once per machine
# from the Go module proxy at a pinned version, SQLite persistence in a file
# this script owns, started in the background and stopped by its pid.
#
#   scripts/services/temporal.sh install   build the server if it is not cached
#   scripts/services/temporal.sh start     start (if not running), wait until ready, register the namespace
#   scripts/services/temporal.sh stop      stop the server this checkout started
#   scripts/services/temporal.sh status
#
# Environment: TEMPORAL_PORT (frontend gRPC, default 7233), TEMPORAL_NAMESPACE
# (default ai-ops), AI_OPS_CACHE, AI_OPS_STATE (see common.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TEMPORAL_VERSION=v1.31.2
TEMPORAL_MODULE="go.temporal.io/server/cmd/server@$TEMPORAL_VERSION"
TEMPORAL_BIN_DIR="$AI_OPS_CACHE/bin/temporal-$TEMPORAL_VERSION"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-ai-ops}"
STATE="$AI_OPS_STATE/temporal-$TEMPORAL_PORT"
PIDFILE="$STATE/server.pid"

write_config() {
  mkdir -p "$STATE"
  # Internal services sit on ports after the frontend's; membership ports below.
  local base=$TEMPORAL_PORT
  cat >"$STATE/dynamicconfig.yaml" <<YAML
frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
YAML
  local store
  store() {
    cat <<YAML
    $1:
      sql:
        pluginName: sqlite
        databaseName: "$STATE/$2.db"
        connectAddr: localhost
        connectProtocol: tcp
        connectAttributes:
          cache: private
          setup: true
          journal_mode: wal
          synchronous: 2
        maxConns: 1
        maxIdleConns: 1
        maxConnLifetime: 1h
YAML
  }
  cat >"$STATE/config.yaml" <<YAML
log:
  stdout: true
  level: warn
persistence:
  defaultStore: sqlite-default
  visibilityStore: sqlite-visibility
  numHistoryShards: 1
  datastores:
$(store sqlite-default default)
$(store sqlite-visibility visibility)
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
  frontend:
    rpc: { grpcPort: $base, membershipPort: $((base - 300)), bindOnLocalHost: true, httpPort: $((base + 10)) }
  history:
    rpc: { grpcPort: $((base + 1)), membershipPort: $((base - 299)), bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $((base + 2)), membershipPort: $((base - 298)), bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $((base + 6)), membershipPort: $((base - 294)), bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:$base
      httpAddress: 127.0.0.1:$((base + 10))
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: $STATE/dynamicconfig.yaml
  pollInterval: 10s
YAML
}

cmd_install() {
  go_install_cached "$TEMPORAL_MODULE" "$TEMPORAL_BIN_DIR"
}

cmd_start() {
  cmd_install
  if pid_alive "$PIDFILE"; then
    echo "temporal: already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$TEMPORAL_PORT"
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$TEMPORAL_PORT") 2>/dev/null; then
      # Another Temporal (another checkout's, or `temporal server start-dev`)
      # already serves this port: use it, and leave it running.
      echo "temporal: using the server already listening on 127.0.0.1:$TEMPORAL_PORT"
      node "$(dirname "${BASH_SOURCE[0]}")/temporal-namespace.mjs" "127.0.0.1:$TEMPORAL_PORT" "$TEMPORAL_NAMESPACE"
      return 0
    fi
    write_config
    # setsid: its own process group, so a stop reaches every child.
    setsid "$TEMPORAL_BIN_DIR/server" --config-file "$STATE/config.yaml" --allow-no-auth start \
      >"$STATE/server.log" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    if ! wait_for_port 127.0.0.1 "$TEMPORAL_PORT" 120 "$PIDFILE"; then
      echo "temporal: did not start; last lines of $STATE/server.log:" >&2
      tail -n 30 "$STATE/server.log" >&2 || true
      exit 1
    fi
    echo "temporal: started (pid $(cat "$PIDFILE")) on 127.0.0.1:$TEMPORAL_PORT"
  fi
  # Readiness through gRPC (GetSystemInfo) and the namespace, idempotently.
  node "$(dirname "${BASH_SOURCE[0]}")/temporal-namespace.mjs" "127.0.0.1:$TEMPORAL_PORT" "$TEMPORAL_NAMESPACE"
}

cmd_stop() {
  stop_by_pidfile "$PIDFILE" temporal
}

cmd_status() {
  if pid_alive "$PIDFILE"; then
    echo "temporal: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$TEMPORAL_PORT, state in $STATE"
  else
    echo "temporal: not running"
    return 1
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 install|start|stop|status" >&2
    exit 2
    ;;
esac
