#!/usr/bin/env bash
# Installs what the end-to-end test needs, idempotently: Debian's chromium, ripgrep and
# libkrb5-dev, then code-server from npm into $E2E_CACHE (playwright-core is a devDependency).
# The code-server recipe (and why each variable is set) is in /work/shared/e2e/README.md.
set -euo pipefail
CACHE=${E2E_CACHE:-$(cd "$(dirname "$0")/../../.." && pwd)/.cache/e2e}
CODE_SERVER_VERSION=4.100.3

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  echo "e2e-setup: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$CACHE/tmp"
if [[ ! -x $CACHE/cs/node_modules/.bin/code-server ]]; then
  echo "e2e-setup: npm install code-server@$CODE_SERVER_VERSION (first run only, a few minutes)"
  # @vscode/ripgrep's postinstall would download rg from GitHub; seed its cache instead.
  rgcache=$CACHE/tmp/vscode-ripgrep-cache-1.15.11
  mkdir -p "$rgcache"
  tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  TMPDIR=$CACHE/tmp npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --loglevel=error --prefix "$CACHE/cs" "code-server@$CODE_SERVER_VERSION"
fi
