#!/usr/bin/env bash
# Runs client.js, a real LSP client built on vscode-jsonrpc (the library under
# vscode-languageclient), against a gowell binary:
#
#   server/testdata/client/run.sh BINARY WORKSPACE_DIR INIT_OPTIONS_JSON
#
# On first use (or when package-lock.json changes) it installs the pinned
# vscode-jsonrpc into $LSP_CLIENT_CACHE (default: .cache/lsp-client at the
# repository root, which git ignores). server/external_client_test.go calls it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${LSP_CLIENT_CACHE:-$(cd "$here/../../.." && pwd)/.cache/lsp-client}

mkdir -p "$cache"
if [[ ! -f $cache/node_modules/vscode-jsonrpc/package.json ]] || ! cmp -s "$here/package-lock.json" "$cache/package-lock.json"; then
  echo "lsp-client: npm ci into $cache" >&2
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  npm ci --no-audit --no-fund --loglevel=error --prefix "$cache" >&2
fi
NODE_PATH=$cache/node_modules exec node "$here/client.js" "$@"
