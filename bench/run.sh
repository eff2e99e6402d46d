#!/usr/bin/env bash
# `make bench`: the Go benchmarks (rule evaluation, snapshot updates, the
# stdio loop in-process), then gowell against gopls (compare.sh). The
# generated workspaces are cached under the system's temporary directory; the
# first run writes the 100 000-file monorepo, which takes a minute.
# BENCH_PROFILE=dir also writes CPU and memory profiles of the monorepo cases
# there (see docs/performance.md for reading them).
set -euo pipefail
cd "$(dirname "$0")/.."

profile() { # profile NAME: the go test flags that write NAME's profiles
    [[ -n ${BENCH_PROFILE:-} && -n $1 ]] || return 0
    mkdir -p "$BENCH_PROFILE"
    echo "-cpuprofile=$BENCH_PROFILE/$1.cpu -memprofile=$BENCH_PROFILE/$1.mem"
}
gobench() { # gobench PKG PATTERN BENCHTIME [NAME]
    # shellcheck disable=SC2046
    go test -run='^$' -bench="$2" -benchmem -benchtime="$3" $(profile "${4:-}") "$1"
}

gobench ./workspace/ 'Load|Update' 10x workspace
gobench ./diagnostics/ 'RunMonorepo|FirstRunMonorepo|GoWorkEditMonorepo' 10x diagnostics
gobench ./diagnostics/ 'RuleMonorepo' 3x
gobench ./server/ 'ColdStart' 10x coldstart
gobench ./server/ 'Edit' 200x edit
gobench ./server/ 'Heap|IdleOnWindowsDrive' 1x

bench/compare.sh "$@"
