#!/usr/bin/env bash
# Prepares a fresh clone: Node 24 (when the machine's node is older than 22),
# the dependencies from the committed lockfile with the committed yarn, and
# Debian's Chromium for the browser tests (only with --browser).
# Usage: source scripts/setup.sh [--browser]
_ai_ops_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.sh
source "$_ai_ops_root/scripts/toolchain.sh"

_ai_ops_stamp="$_ai_ops_root/node_modules/.ai-ops-install-stamp"
_ai_ops_lock_sum="$(sha256sum "$_ai_ops_root/yarn.lock" "$_ai_ops_root/package.json" | sha256sum | cut -c1-64)"
if [ ! -f "$_ai_ops_stamp" ] || [ "$(cat "$_ai_ops_stamp")" != "$_ai_ops_lock_sum" ]; then
  echo "setup: installing dependencies" >&2
  (cd "$_ai_ops_root" && yarn install --immutable) || return 1 2>/dev/null || exit 1
  echo "$_ai_ops_lock_sum" >"$_ai_ops_stamp"
fi

case " $* " in
  *" --browser "*)
    if [ ! -x /usr/bin/chromium ]; then
      echo "setup: installing Debian's chromium package" >&2
      if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
      else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
      fi
    fi
    ;;
esac
