import assert from "node:assert/strict";
import { test } from "node:test";
import { Backoff, formatArgv, isRunToolArgs, parseServerLog, toolOutcome } from "../util";

test("formatArgv quotes only what a shell would split or expand", () => {
    assert.equal(formatArgv(["go", "env", "-u", "GOROOT"]), "go env -u GOROOT");
    assert.equal(formatArgv(["go", "env", "-w", "GOFLAGS=-mod=mod"]), "go env -w GOFLAGS=-mod=mod");
    assert.equal(formatArgv(["echo", "a b", "it's", "$HOME", ""]), `echo 'a b' 'it'\\''s' '$HOME' ''`);
});

test("isRunToolArgs accepts the documented shape only", () => {
    assert.ok(isRunToolArgs({ title: "Unset GOROOT", argv: ["go", "env", "-u", "GOROOT"], dir: "/w" }));
    assert.ok(!isRunToolArgs({ title: "x", argv: [], dir: "/w" }));
    assert.ok(!isRunToolArgs({ title: "x", argv: ["go", 1], dir: "/w" }));
    assert.ok(!isRunToolArgs({ argv: ["go"], dir: "/w" }));
    assert.ok(!isRunToolArgs(undefined));
});

test("toolOutcome names the command and its result", () => {
    assert.deepEqual(toolOutcome("go env -u GOROOT", { exitCode: 0, output: "" }), { ok: true, message: 'Ran "go env -u GOROOT".' });
    const failed = toolOutcome("go env -u GOROOT", { exitCode: 1, output: "go: permission denied\n" });
    assert.deepEqual(failed, { ok: false, message: '"go env -u GOROOT" failed with exit code 1: go: permission denied' });
    assert.ok(toolOutcome("x", { exitCode: 0, output: "y".repeat(500) }).message.endsWith("y…"));
});

test("Backoff doubles up to the cap and starts over after a quiet period", () => {
    const b = new Backoff(1000, 5000, 60_000);
    assert.deepEqual([0, 10, 20, 30, 40].map((t) => b.next(t)), [1000, 2000, 4000, 5000, 5000]);
    assert.equal(b.next(40 + 60_001), 1000);
});

test("parseServerLog keeps zap's level and drops its time; other lines are errors", () => {
    assert.deepEqual(parseServerLog('2026-11-21T01:00:32.053Z\tinfo\tinitialize\t{"status": true}'), {
        level: "info",
        text: 'initialize {"status": true}',
    });
    assert.deepEqual(parseServerLog("2026-11-21T01:00:32.053Z\twarn\twatch: polling"), { level: "warn", text: "watch: polling" });
    assert.equal(parseServerLog("2026-11-21T01:00:32.053Z\tfatal\tboom").level, "error");
    assert.deepEqual(parseServerLog("panic: runtime error"), { level: "error", text: "panic: runtime error" });
});
