# Shared by the service scripts: where binaries are cached (per machine) and
# where a running server keeps its state (per checkout). Sourced, not run.
_ai_ops_services_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AI_OPS_CACHE="${AI_OPS_CACHE:-$HOME/.cache/ai-ops}"
AI_OPS_STATE="${AI_OPS_STATE:-$_ai_ops_services_root/.services}"
mkdir -p "$AI_OPS_CACHE/bin" "$AI_OPS_STATE"
# Go is installed in /usr/local/go on these machines, not always on PATH.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  PATH="/usr/local/go/bin:$PATH"
fi

# pid_alive <pidfile>: true when the file names a running process.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# wait_for_port <host> <port> <seconds> <pidfile>: true once something accepts
# connections; false when the time is up or the process died.
wait_for_port() {
  local host=$1 port=$2 seconds=$3 pidfile=$4 i
  for ((i = 0; i < seconds * 4; i++)); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
      return 0
    fi
    pid_alive "$pidfile" || return 1
    sleep 0.25
  done
  return 1
}

# stop_by_pidfile <pidfile> <name>: TERM, then KILL after 20 s; the process
# group is signalled, so children go too.
stop_by_pidfile() {
  local pidfile=$1 name=$2 pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    echo "$name: not running"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 80; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "$name: stopped (pid $pid)"
}

# go_install_cached <module@version> <dir>: builds once per machine.
go_install_cached() {
  local module=$1 dir=$2
  if [ -x "$dir/$(basename "${module%@*}")" ]; then
    return 0
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "go is not on PATH: cannot build $module" >&2
    return 1
  fi
  echo "building $module into $dir (once per machine; a few minutes on 2 cores)"
  mkdir -p "$dir.partial"
  GOBIN="$dir.partial" go install "$module"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
}
