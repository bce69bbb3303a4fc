#!/usr/bin/env bash
# Tools for checking deploy/: helm (renders and lints the chart in
# deploy/helm) and hclfmt (HashiCorp's HCL parser and formatter, for the
# Terraform module in deploy/terraform; a terraform/tofu binary cannot be
# built from the Go module proxy). Both are built once per machine from the
# Go module proxy at pinned versions (like the Temporal server) and cached
# under AI_OPS_CACHE.
#
#   scripts/services/helm.sh install        build helm and hclfmt if they are not cached
#   scripts/services/helm.sh path           print the path of the helm binary (builds it first)
#   scripts/services/helm.sh hclfmt-path    print the path of the hclfmt binary (builds it first)
#   scripts/services/helm.sh <args>         run helm with these arguments (e.g. lint, template)
#
# Environment: AI_OPS_CACHE (see common.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HELM_VERSION=v3.22.0
HELM_MODULE="helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
HELM_BIN_DIR="$AI_OPS_CACHE/bin/helm-$HELM_VERSION"
HELM_BIN="$HELM_BIN_DIR/helm"
HCL_VERSION=v2.25.0
HCLFMT_MODULE="github.com/hashicorp/hcl/v2/cmd/hclfmt@$HCL_VERSION"
HCLFMT_BIN_DIR="$AI_OPS_CACHE/bin/hclfmt-$HCL_VERSION"

cmd_install() {
  go_install_cached "$HELM_MODULE" "$HELM_BIN_DIR" >&2
  go_install_cached "$HCLFMT_MODULE" "$HCLFMT_BIN_DIR" >&2
}

# helm keeps its own cache and config out of $HOME and the work tree.
export HELM_CACHE_HOME="${HELM_CACHE_HOME:-$AI_OPS_CACHE/helm/cache}"
export HELM_CONFIG_HOME="${HELM_CONFIG_HOME:-$AI_OPS_CACHE/helm/config}"
export HELM_DATA_HOME="${HELM_DATA_HOME:-$AI_OPS_CACHE/helm/data}"

case "${1:-}" in
  install) cmd_install ;;
  path)
    cmd_install
    echo "$HELM_BIN"
    ;;
  hclfmt-path)
    cmd_install
    echo "$HCLFMT_BIN_DIR/hclfmt"
    ;;
  "")
    echo "usage: $0 install|path|<helm arguments>" >&2
    exit 2
    ;;
  *)
    cmd_install
    exec "$HELM_BIN" "$@"
    ;;
esac
