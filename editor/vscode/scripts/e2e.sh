#!/usr/bin/env bash
# End-to-end test in a real VS Code: installs its tools (first run only), builds the server
# and the vsix, installs the vsix into a fresh code-server, opens a workspace whose go.work
# is older than its module (and a go env file with GOFLAGS=-mod=mod), and drives it from
# headless Chromium (e2e/driver.ts); last, a second workspace on drive C: of a replayed WSL2
# machine (WSL003), whose quick fix moves the workspace.
# Screenshots and logs (code-server's and the extension's output channel) go to
# editor/vscode/test-results/.
# GOWELL_E2E_UPDATE_IMAGES=1 also copies the README screenshots to docs/images/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
started=$SECONDS
export E2E_CACHE=${E2E_CACHE:-$root/.cache/e2e}
results=$root/editor/vscode/test-results
code_server=$E2E_CACHE/cs/node_modules/.bin/code-server

editor/vscode/scripts/e2e-setup.sh
[[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error
npx esbuild editor/vscode/e2e/driver.ts --bundle --platform=node --format=cjs --target=node20 \
    --external:playwright-core --outfile=editor/vscode/out/e2e/driver.js --log-level=warning

run=$(mktemp -d "${TMPDIR:-/tmp}/gowell-e2e.XXXXXX")
pgids=()
cleanup() {
    local status=$?
    for g in "${pgids[@]}"; do kill -- "-$g" 2>/dev/null || true; done
    mkdir -p "$results/logs"
    cp -r "$run/code-server.log" "$run/ud/logs/"* "$results/logs/" 2>/dev/null || true
    rm -rf "$run"
    ((status == 0)) || echo "e2e: FAILED after $((SECONDS - started))s; screenshots and logs in ${results#"$root"/}" >&2
}
trap cleanup EXIT
rm -rf "$results" && mkdir -p "$results"

# The vsix as `make vsix` builds it, with only this machine's server (the others cannot run here).
GOWELL_PLATFORMS=$(go env GOOS)-$(go env GOARCH | sed 's/amd64/x64/') editor/vscode/scripts/vsix.sh "$run/gowell.vsix" >/dev/null
vsix=$run/gowell.vsix

# The workspace: go.work says go 1.21, its module needs go 1.24 (rule GO001).
mkdir -p "$run/ws/app"
printf 'go 1.21\n\nuse ./app\n' >"$run/ws/go.work"
printf 'module example.com/app\n\ngo 1.24\n' >"$run/ws/app/go.mod"

# code-server writes config under HOME and its extension host takes its environment from a
# login shell: give it a scratch HOME whose profile puts this machine's Go on PATH, and
# whose go env file sets GOFLAGS=-mod=mod (rule GO008; its fix runs `go env -u GOFLAGS`).
mkdir -p "$run/home" "$run/ud/User"
echo "export PATH=\"$(dirname "$(command -v go)"):\$PATH\"" >"$run/home/.profile"
cs_env=(env -u GOENV -u GOFLAGS HOME="$run/home" XDG_CONFIG_HOME="$run/home/.config"
    XDG_DATA_HOME="$run/home/.local/share" XDG_CACHE_HOME="$run/home/.cache" TMPDIR="$run")
(cd "$run" && "${cs_env[@]}" go env -w GOFLAGS=-mod=mod)
cat >"$run/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "editor.hover.delay": 200,
  "gowell.rules": { "IGN001": "off" }
}
JSON
# A second workspace, shop, on drive C: of a replayed WSL2 machine (rule WSL003; its quick fix
# moves the workspace): its folder settings start the server with --sysroot, where shop is
# mounted over 9p as WSL2 mounts a Windows drive, and its copy under $HOME/src is not.
wsl=$run/wsl
mkdir -p "$wsl/proc/sys/kernel" "$wsl/proc/self" "$run/shop/.vscode"
echo 5.15.167.4-microsoft-standard-WSL2 >"$wsl/proc/sys/kernel/osrelease"
printf '%s\n' "60 1 8:32 / / rw,relatime shared:1 - ext4 /dev/sdc rw,discard,errors=remount-ro,data=ordered" \
    "65 60 0:56 / $run/shop rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5" \
    >"$wsl/proc/self/mountinfo"
printf '%s\n' WSL_DISTRO_NAME=Ubuntu "HOME=$run/home" "PATH=$(dirname "$(command -v go)"):/usr/bin:/bin" >"$wsl/env"
printf 'module example.com/shop\n\ngo 1.24\n' >"$run/shop/go.mod"
printf '{\n  "gowell.server.extraArgs": ["--sysroot", "%s"],\n  "gowell.rules": { "IGN001": "off" }\n}\n' "$wsl" >"$run/shop/.vscode/settings.json"

cs_dirs=(--user-data-dir "$run/ud" --extensions-dir "$run/ext")
"${cs_env[@]}" "$code_server" "${cs_dirs[@]}" --install-extension "$vsix" >"$run/install.log" 2>&1 ||
    { cat "$run/install.log" >&2; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# setsid: code-server, its extension host and the server form one process group, stopped as one.
"${cs_env[@]}" setsid "$code_server" --config "$run/config.yaml" --bind-addr "127.0.0.1:$port" --auth none \
    "${cs_dirs[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
    "$run/ws" >"$run/code-server.log" 2>&1 &
pgids+=("$!")
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done

TMPDIR=$run E2E_URL=http://127.0.0.1:$port/ E2E_WORKSPACE=$run/ws E2E_SHOTS=$results \
    E2E_GOENV=$run/home/.config/go/env E2E_EXTENSIONS=$run/ext E2E_SETTINGS=$run/ud/User/settings.json \
    E2E_SHOP=$run/shop E2E_HOME=$run/home \
    setsid node editor/vscode/out/e2e/driver.js &
pgids+=("$!")
wait "$!"

if [[ ${GOWELL_E2E_UPDATE_IMAGES:-} == 1 ]]; then
    mkdir -p docs/images
    cp "$results/squiggle.png" "$results/quickfix.png" "$results/consent.png" "$results/status-error.png" docs/images/
fi
echo "e2e: passed in $((SECONDS - started))s"
