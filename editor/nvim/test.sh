#!/usr/bin/env bash
# gowell in a real Neovim, configured by editor/nvim/gowell.lua exactly as a user copies it:
# installs neovim with apt-get on first run, builds the server, and runs test.lua in headless
# Neovim, which opens the workspaces of GO001 and GO008 fixtures, checks their diagnostics and
# applies their fixes (a file edit, then a tool), checks which files gowell attaches to and the
# progress of a long scan. Last, Neovim's LSP log must hold no error or warning.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
started=$SECONDS

if ! command -v nvim >/dev/null; then
    if ! command -v apt-get >/dev/null; then
        echo "nvim: FAIL install Neovim 0.7 or later first" >&2
        exit 1
    fi
    echo "nvim: apt-get install neovim (first run only)"
    sudo=()
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi

run=$(mktemp -d "${TMPDIR:-/tmp}/gowell-nvim.XXXXXX")
trap 'rm -rf "$run"' EXIT
CGO_ENABLED=0 go build -o "$run/bin/gowell" ./cmd/gowell

# A scratch HOME and XDG directories: the user's own Neovim config, plugins and LSP log stay
# out, and the go env file the GO008 fix changes is a scratch one.
mkdir -p "$run/home" "$run/ws"
export HOME=$run/home XDG_CONFIG_HOME=$run/home/.config XDG_DATA_HOME=$run/home/.local/share \
    XDG_STATE_HOME=$run/home/.local/state XDG_CACHE_HOME=$run/home/.cache
unset GOENV GOFLAGS GOWORK
export PATH=$run/bin:$PATH GOWELL_WS=$run/ws GOWELL_FIXTURES=$root/diagnostics/testdata

echo "nvim: $(nvim --version | head -n1)"
# The driver ends Neovim with :cquit on any failure; timeout covers a hang in Neovim itself.
status=0
timeout 120 nvim --headless -u editor/nvim/gowell.lua -c 'luafile editor/nvim/test.lua' </dev/null ||
    status=$?
((status == 124)) && echo "nvim: FAIL Neovim still running after 120s" >&2
# Neovim's LSP log: errors and warnings of the client, and all the server wrote to stderr.
if grep -rE --include=lsp.log '^\[(ERROR|WARN)\]' "$HOME"; then
    echo "nvim: FAIL errors or warnings in Neovim's LSP log (above)" >&2
    status=1
else
    echo "nvim: ok   nothing in Neovim's LSP log but its start"
fi
if ((status != 0)); then
    echo "nvim: FAILED after $((SECONDS - started))s" >&2
    exit 1
fi
echo "nvim: passed in $((SECONDS - started))s"
