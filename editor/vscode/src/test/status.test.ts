import assert from "node:assert/strict";
import { test } from "node:test";
import type { ServerStatus } from "../lsp_ext";
import { countsText, renderStatus } from "../status";

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
