import assert from "node:assert/strict";
import { test } from "node:test";
import type { ServerStatus } from "../lsp_ext";
import { commandUri, countsText, renderStatus, tooltipCommands } from "../status";

const healthy: ServerStatus = { health: "ok", quiescent: true, counts: { error: 0, warning: 0, info: 0 } };

test("healthy: pass icon, no colour, opens the report", () => {
    const v = renderStatus({ kind: "running", status: healthy });
    assert.equal(v.text, "$(pass) Go env");
    assert.equal(v.background, undefined);
    assert.equal(v.command, "gowell.showReport");
    assert.match(v.tooltip, /^\*\*Go environment: healthy\*\*/);
    assert.match(v.tooltip, /\[Re-check\]\(command:gowell\.recheck\)/);
});

test("errors: error icon, colour and counts; the server's markdown is in the tooltip", () => {
    const message = "- go.work: go 1.21 is older than app/go.mod (go 1.24)\n- .gitignore hides go.sum";
    const v = renderStatus({
        kind: "running",
        status: { health: "error", quiescent: true, message, counts: { error: 1, warning: 1, info: 2 } },
    });
    assert.equal(v.text, "$(error) Go env: 1 error, 1 warning");
    assert.equal(v.background, "error");
    assert.match(v.tooltip, /^\*\*Go environment: 1 error, 1 warning, 2 info\*\*\n\n- go\.work: go 1\.21/);
    assert.ok(v.tooltip.includes(message));
});

test("warnings only: warning colour, plural counts", () => {
    const v = renderStatus({ kind: "running", status: { health: "warning", quiescent: true, counts: { error: 0, warning: 3, info: 0 } } });
    assert.equal(v.text, "$(warning) Go env: 3 warnings");
    assert.equal(v.background, "warning");
});

test("info alone is healthy and says so in the tooltip only", () => {
    const v = renderStatus({ kind: "running", status: { ...healthy, counts: { error: 0, warning: 0, info: 2 } } });
    assert.equal(v.text, "$(pass) Go env");
    assert.match(v.tooltip, /^\*\*Go environment: healthy\*\* \(2 info\)/);
});

test("not quiescent: spinner, but the colour of the last known health stays", () => {
    const v = renderStatus({ kind: "running", status: { health: "error", quiescent: false, counts: { error: 2, warning: 0, info: 0 } } });
    assert.equal(v.text, "$(sync~spin) Go env: 2 errors");
    assert.equal(v.background, "error");
    assert.match(v.tooltip, /_Checking…_/);
});

test("unhealthy without counted findings (server trouble) shows no empty count", () => {
    const v = renderStatus({ kind: "running", status: { health: "warning", quiescent: true, message: "go env failed", counts: { error: 0, warning: 0, info: 0 } } });
    assert.equal(v.text, "$(warning) Go env");
    assert.match(v.tooltip, /^\*\*Go environment: warning\*\*\n\ngo env failed/);
});

test("client states: starting and waiting spin, stopped is an error that opens the output", () => {
    assert.equal(renderStatus({ kind: "starting" }).text, "$(sync~spin) Go env");
    assert.equal(renderStatus({ kind: "running", status: undefined }).text, "$(sync~spin) Go env");
    const r = renderStatus({ kind: "restarting", delayMs: 4000 });
    assert.match(r.tooltip, /restarting it in 4s/);
    const s = renderStatus({ kind: "stopped", reason: "No gowell server." });
    assert.equal(s.background, "error");
    assert.equal(s.command, "gowell.showOutput");
    assert.match(s.tooltip, /No gowell server\./);
});

test("countsText", () => {
    assert.equal(countsText({ error: 0, warning: 0, info: 0 }), "");
    assert.equal(countsText({ error: 2, warning: 0, info: 1 }), "2 errors, 1 info");
    assert.equal(countsText({ error: 0, warning: 1, info: 1 }, false), "1 warning");
});

test("status actions are command links with their arguments, to the extension's own commands only", () => {
    const folder = "/mnt/c/Users/Ann Lee/src (old)/shop";
    const v = renderStatus({
        kind: "running",
        status: {
            health: "warning", quiescent: true, message: "- ⚠ `WSL003` go.mod:1 — this module is on Windows drive C:",
            counts: { error: 0, warning: 1, info: 0 },
            actions: [
                { title: "Move this workspace to the Linux filesystem…", command: "gowell.moveWorkspace", arguments: [folder] },
                { title: "Format the disk", command: "workbench.action.terminal.sendSequence", arguments: [{ text: "mkfs\n" }] },
            ],
        },
    });
    const link = /\[Move this workspace to the Linux filesystem…\]\(command:gowell\.moveWorkspace\?([^)\s]+)\)/.exec(v.tooltip);
    assert.ok(link, v.tooltip);
    // VS Code decodes the query and parses it as JSON: the same folder comes back.
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1] ?? "")), [folder]);
    assert.ok(!v.tooltip.includes("sendSequence") && !v.tooltip.includes("Format the disk"), v.tooltip);
    // After the problems, before the usual links.
    assert.ok(v.tooltip.indexOf("WSL003") < link.index && link.index < v.tooltip.indexOf("[Show report]"));
    assert.ok(tooltipCommands.includes("gowell.moveWorkspace"));
});

test("a status without actions has no action line; a title cannot break out of its link", () => {
    const plain = renderStatus({ kind: "running", status: { ...healthy } });
    assert.ok(!plain.tooltip.includes("moveWorkspace"));
    const v = renderStatus({
        kind: "running",
        status: { ...healthy, actions: [{ title: "Move [x](command:evil)", command: "gowell.moveWorkspace" }] },
    });
    assert.ok(v.tooltip.includes("[Move \\[x\\](command:evil)](command:gowell.moveWorkspace)"), v.tooltip);
});

test("commandUri", () => {
    assert.equal(commandUri("gowell.recheck", []), "command:gowell.recheck");
    assert.equal(commandUri("gowell.moveWorkspace", ["/a (b)"]), "command:gowell.moveWorkspace?%5B%22%2Fa%20%28b%29%22%5D");
});
