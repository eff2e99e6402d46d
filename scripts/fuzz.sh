#!/usr/bin/env bash
# Runs every Go native fuzz target of the module (or of the packages given as
# arguments) for FUZZTIME each, default 30s. `go test -fuzz` takes one target
# of one package at a time, so the targets are listed with
# `go test -list '^Fuzz'` and run one after another; FUZZPARALLEL sets the
# number of fuzzing workers (default: one per CPU). FUZZMINIMIZETIME bounds
# the shrinking of each new input, default 5s: the go command's 60s would
# spend a short run of a slow target (FuzzRun runs the whole catalogue) on
# shrinking alone.
#
# A failing input is written to <package>/testdata/fuzz/<Target>/, where plain
# `go test` re-runs it from then on: fix the bug and commit the input with the
# fix. The script carries on with the other targets and exits non-zero at the
# end if any failed. A run that ends in "context deadline exceeded" without
# writing an input is the go command's own race at the end of -fuzztime
# (golang/go#75804, fixed in Go 1.27), not a finding: it is reported and
# ignored.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
FUZZTIME=${FUZZTIME:-30s}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-5s}
parallel=()
if [[ -n ${FUZZPARALLEL:-} ]]; then
	parallel=(-parallel "$FUZZPARALLEL")
fi
(($# > 0)) || set -- ./...

log=$(mktemp)
trap 'rm -f "$log"' EXIT
inputs() { { find "$1" -type f 2>/dev/null || true; } | wc -l; }

failed=()
for pkg in $("$GO" list "$@"); do
	if ! list=$("$GO" test -run '^$' -list '^Fuzz' "$pkg"); then
		echo "$list" >&2
		failed+=("$pkg (does not build)")
		continue
	fi
	dir=$("$GO" list -f '{{.Dir}}' "$pkg")
	for target in $(grep '^Fuzz' <<<"$list" || true); do
		echo "== $pkg $target ($FUZZTIME)"
		corpus=$dir/testdata/fuzz/$target
		before=$(inputs "$corpus")
		status=0
		"$GO" test -run "^$target\$" -fuzz "^$target\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" \
			"${parallel[@]}" "$pkg" 2>&1 | tee "$log" || status=$?
		if ((status == 0)); then
			continue
		fi
		if (($(inputs "$corpus") == before)) && grep -q '^ *context deadline exceeded$' "$log"; then
			echo "== $target: ignored \"context deadline exceeded\" with no failing input (golang/go#75804)"
			continue
		fi
		failed+=("$pkg $target")
	done
done

if ((${#failed[@]} > 0)); then
	printf 'fuzzing failed: %s\n' "${failed[@]}" >&2
	exit 1
fi
