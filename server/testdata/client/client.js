// A headless LSP client on vscode-jsonrpc: starts `gowell serve --stdio`,
// opens a workspace folder, waits for the first diagnostics on go.work, asks
// for code actions on them, waits for a quiescent gowell/status (the machine
// probe runs the real `go env`), shuts the server down and prints what it saw as
// JSON on stdout: {diagnostics, actions, registrations, status, exitCode}.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const { pathToFileURL } = require('url');
const rpc = require('vscode-jsonrpc/node');

const [binary, dir, initOptions] = process.argv.slice(2);
if (!binary || !dir) {
  console.error('usage: client.js BINARY WORKSPACE_DIR [INIT_OPTIONS_JSON]');
  process.exit(2);
}
const folder = pathToFileURL(dir).href;
const work = pathToFileURL(path.join(dir, 'go.work')).href;

const proc = spawn(binary, ['serve', '--stdio', '--log-level', 'debug'], { stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
const conn = rpc.createMessageConnection(
  new rpc.StreamMessageReader(proc.stdout),
  new rpc.StreamMessageWriter(proc.stdin),
);

const seen = { registrations: [], status: [] };
let gotDiagnostics, gotQuiescent;
const diagnostics = new Promise((resolve) => { gotDiagnostics = resolve; });
const quiescent = new Promise((resolve) => { gotQuiescent = resolve; });
conn.onRequest('client/registerCapability', (params) => {
  seen.registrations.push(...params.registrations.map((r) => r.method));
  return null;
});
conn.onNotification('textDocument/publishDiagnostics', (params) => {
  if (params.uri === work && params.diagnostics.length > 0) gotDiagnostics(params.diagnostics);
});
conn.onNotification('gowell/status', (params) => {
  seen.status.push(params);
  if (params.quiescent) gotQuiescent();
});
conn.listen();

function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: path.basename(dir) }],
    capabilities: {
      workspace: {
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
      },
      textDocument: {
        publishDiagnostics: { dataSupport: true, versionSupport: true },
        codeAction: { isPreferredSupport: true, dataSupport: true },
      },
    },
    initializationOptions: JSON.parse(initOptions || '{}'),
  });
  await conn.sendNotification('initialized', {});
  seen.diagnostics = await within(20000, diagnostics, 'diagnostics on go.work');
  seen.actions = await conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: work },
    range: seen.diagnostics[0].range,
    context: { diagnostics: seen.diagnostics, only: ['quickfix'] },
  });
  await within(20000, quiescent, 'the server to finish probing the machine');
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  seen.exitCode = await within(10000, exited, 'the server to exit');
  conn.dispose();
  process.stdout.write(JSON.stringify(seen));
}

main().catch((err) => {
  console.error(`client.js: ${err.stack || err}`);
  proc.kill();
  process.exit(1);
});
