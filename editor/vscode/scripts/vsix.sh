#!/usr/bin/env bash
# Builds dist/gowell-<version>.vsix (or the file named by $1): the bundled extension plus a
# gowell server for each platform in bin/<platform>-<arch>/ (one universal vsix; the extension
# picks its platform's). GOWELL_PLATFORMS narrows the list, e.g. GOWELL_PLATFORMS=linux-x64.
set -euo pipefail
cd "$(dirname "$0")/../../.."
platforms=${GOWELL_PLATFORMS:-linux-x64 linux-arm64 darwin-x64 darwin-arm64}
version=$(node -p 'require("./package.json").version')
out=${1:-dist/gowell-$version.vsix}

[[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error
rm -rf editor/vscode/bin
for p in $platforms; do
    goos=${p%-*} arch=${p#*-}
    [[ $arch == x64 ]] && arch=amd64
    CGO_ENABLED=0 GOOS=$goos GOARCH=$arch go build -trimpath -ldflags "-s -w -X main.version=$version" \
        -o "editor/vscode/bin/$p/gowell" ./cmd/gowell ||
        { echo "vsix: building the server for $p failed; GOWELL_PLATFORMS='...' narrows the list" >&2; exit 1; }
done
npm run -s build
mkdir -p "$(dirname "$out")"
npx vsce package --no-dependencies --no-update-package-json --out "$out"
