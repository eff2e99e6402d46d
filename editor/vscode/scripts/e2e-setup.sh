#!/usr/bin/env bash
# Installs what the end-to-end test needs, idempotently: Debian's chromium, ripgrep and
# libkrb5-dev, then code-server from npm into $E2E_CACHE (playwright-core is a devDependency).
# code-server 4.100.3 (VS Code 1.100.3) is the newest that runs on Node 20. Microsoft's own
# harnesses (@vscode/test-electron, test-web) download VS Code builds, which this machine cannot.
set -euo pipefail
CACHE=${E2E_CACHE:-$(cd "$(dirname "$0")/../../.." && pwd)/.cache/e2e}
CODE_SERVER_VERSION=4.100.3

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev) # a native module builds against gssapi
if ((${#missing[@]})); then
  echo "e2e-setup: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

installed=$(node -p "require('$CACHE/cs/node_modules/code-server/package.json').version" 2>/dev/null || true)
if [[ $installed != "$CODE_SERVER_VERSION" ]]; then
  echo "e2e-setup: npm install code-server@$CODE_SERVER_VERSION (first run only, a minute or two)"
  # @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg.
  rgcache=$CACHE/tmp/vscode-ripgrep-cache-1.15.11
  mkdir -p "$rgcache"
  tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  # unsafe_perm: installs run as root here; nodedir: node-gyp uses the installed Node headers
  # instead of downloading them; yes: a postinstall runs `npx node-gyp`.
  TMPDIR=$CACHE/tmp npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --loglevel=error --prefix "$CACHE/cs" "code-server@$CODE_SERVER_VERSION"
fi
