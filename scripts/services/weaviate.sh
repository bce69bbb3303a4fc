#!/usr/bin/env bash
# A local Weaviate server for tests, benchmarks and `yarn start` when
# recommendations.weaviate is configured: built once per machine from the Go
# module proxy at a pinned version, single node, anonymous access, no
# vectorizer module (the console supplies the vectors), data in a folder this
# script owns, started in the background and stopped by its pid.
#
#   scripts/services/weaviate.sh install   build the server if it is not cached
#   scripts/services/weaviate.sh start     start (if not running) and wait until ready
#   scripts/services/weaviate.sh stop      stop the server this checkout started
#   scripts/services/weaviate.sh status
#
# Environment: WEAVIATE_HTTP_PORT (default 8079), WEAVIATE_GRPC_PORT (default
# 50051), AI_OPS_CACHE, AI_OPS_STATE (see common.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WEAVIATE_VERSION=v1.38.11
WEAVIATE_MODULE="github.com/weaviate/weaviate/cmd/weaviate-server@$WEAVIATE_VERSION"
WEAVIATE_BIN_DIR="$AI_OPS_CACHE/bin/weaviate-$WEAVIATE_VERSION"
WEAVIATE_HTTP_PORT="${WEAVIATE_HTTP_PORT:-8079}"
WEAVIATE_GRPC_PORT="${WEAVIATE_GRPC_PORT:-50051}"
STATE="$AI_OPS_STATE/weaviate-$WEAVIATE_HTTP_PORT"
PIDFILE="$STATE/server.pid"
READY_URL="http://127.0.0.1:$WEAVIATE_HTTP_PORT/v1/.well-known/ready"

is_ready() {
  curl -fsS -o /dev/null --max-time 2 "$READY_URL" 2>/dev/null
}

cmd_install() {
  go_install_cached "$WEAVIATE_MODULE" "$WEAVIATE_BIN_DIR"
}

cmd_start() {
  cmd_install
  if pid_alive "$PIDFILE"; then
    echo "weaviate: already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$WEAVIATE_HTTP_PORT (gRPC $WEAVIATE_GRPC_PORT)"
    return 0
  fi
  if is_ready; then
    # Another Weaviate (another checkout's, or one a user runs) already serves
    # this port: use it, and leave it running.
    echo "weaviate: using the server already listening on 127.0.0.1:$WEAVIATE_HTTP_PORT"
    return 0
  fi
  mkdir -p "$STATE/data"
  # setsid: its own process group, so a stop reaches every child. The
  # raft/cluster ports sit next to the gRPC port so that two checkouts with
  # different ports do not collide. Cluster, raft and HTTP bind to loopback;
# Weaviate 1.38 binds its gRPC port on all interfaces (not configurable).
  (
    cd "$STATE"
    export AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true
    export PERSISTENCE_DATA_PATH="$STATE/data"
    export DEFAULT_VECTORIZER_MODULE=none
    export ENABLE_MODULES=""
    export CLUSTER_HOSTNAME=node1
    export CLUSTER_BIND_ADDR=127.0.0.1
    export CLUSTER_ADVERTISE_ADDR=127.0.0.1
    export GO_PROFILING_DISABLE=true
    export CLUSTER_GOSSIP_BIND_PORT=$((WEAVIATE_GRPC_PORT + 1))
    export CLUSTER_DATA_BIND_PORT=$((WEAVIATE_GRPC_PORT + 2))
    export RAFT_PORT=$((WEAVIATE_GRPC_PORT + 3))
    export RAFT_INTERNAL_RPC_PORT=$((WEAVIATE_GRPC_PORT + 4))
    export RAFT_BOOTSTRAP_EXPECT=1
    export RAFT_JOIN=node1
    export GRPC_PORT=$WEAVIATE_GRPC_PORT
    export DISABLE_TELEMETRY=true
    export LOG_LEVEL=warning
    export QUERY_DEFAULTS_LIMIT=25
    exec setsid "$WEAVIATE_BIN_DIR/weaviate-server" --host 127.0.0.1 \
      --port "$WEAVIATE_HTTP_PORT" --scheme http
  ) >"$STATE/server.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  if ! wait_for_port 127.0.0.1 "$WEAVIATE_HTTP_PORT" 120 "$PIDFILE"; then
    echo "weaviate: did not start; last lines of $STATE/server.log:" >&2
    tail -n 30 "$STATE/server.log" >&2 || true
    exit 1
  fi
  local i
  for ((i = 0; i < 240; i++)); do
    is_ready && break
    if ! pid_alive "$PIDFILE"; then break; fi
    sleep 0.25
  done
  if ! is_ready; then
    echo "weaviate: not ready; last lines of $STATE/server.log:" >&2
    tail -n 30 "$STATE/server.log" >&2 || true
    exit 1
  fi
  if ! wait_for_port 127.0.0.1 "$WEAVIATE_GRPC_PORT" 60 "$PIDFILE"; then
    echo "weaviate: gRPC port $WEAVIATE_GRPC_PORT not listening" >&2
    exit 1
  fi
  echo "weaviate: started (pid $(cat "$PIDFILE")) on 127.0.0.1:$WEAVIATE_HTTP_PORT (gRPC $WEAVIATE_GRPC_PORT)"
}

cmd_stop() {
  stop_by_pidfile "$PIDFILE" weaviate
}

cmd_status() {
  if pid_alive "$PIDFILE"; then
    echo "weaviate: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$WEAVIATE_HTTP_PORT (gRPC $WEAVIATE_GRPC_PORT), data in $STATE/data"
  else
    echo "weaviate: not running"
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
