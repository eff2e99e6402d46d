#!/usr/bin/env bash
# Measures gowell and gopls side by side on the same generated workspaces (a
# two-module repository and a 100 000-file monorepo), each server started as a
# process and driven over its stdio pipes, and prints a table of ratios.
# docs/performance.md explains the measures. Extra arguments go to
# `lspbench compare` (-ws small, -edits 50, -json out.json, …).
#
# gopls comes from the Go module proxy at a pinned version, installed once into
# .cache/gopls/ (gitignored, never committed). v0.23.0 is the newest gopls that
# builds with Go 1.26 (v0.24.0 asks for go 1.27).
set -euo pipefail
cd "$(dirname "$0")/.."

GOPLS_VERSION=${GOPLS_VERSION:-v0.23.0}
gopls_dir=$PWD/.cache/gopls/$GOPLS_VERSION
bin=$PWD/.cache/bench
mkdir -p "$bin" "$gopls_dir"

if [[ ! -x $gopls_dir/gopls ]]; then
    echo "compare.sh: installing gopls $GOPLS_VERSION into $gopls_dir" >&2
    # GOTOOLCHAIN=local: fail rather than fetch a newer Go for a newer gopls.
    GOBIN=$gopls_dir GOTOOLCHAIN=local GOFLAGS= go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
fi
# Built as `make build` builds it.
CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$bin/gowell" ./cmd/gowell
go build -o "$bin/lspbench" ./bench/lspbench

exec "$bin/lspbench" compare -gowell "$bin/gowell" -gopls "$gopls_dir/gopls" "$@"
