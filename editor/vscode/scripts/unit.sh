#!/usr/bin/env bash
# Type-checks the extension and runs its unit tests (pure modules, plain node, no VS Code).
set -euo pipefail
cd "$(dirname "$0")/../../.."
[[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error
npx tsc --noEmit -p . && npx tsc --noEmit -p editor/vscode/e2e
out=editor/vscode/out/test
rm -rf "$out"
npx esbuild editor/vscode/src/test/*.test.ts --bundle --platform=node --format=cjs --target=node20 --outdir="$out" --log-level=warning
node --test --test-reporter=spec "$out"/*.test.js
