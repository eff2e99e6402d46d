import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import {
    type DoneLine,
    type ProgressLine,
    ProgressMeter,
    confirmation,
    countFiles,
    destinationProblem,
    differsText,
    exists,
    expandDestination,
    moveArgs,
    moveOutcome,
    parseMoveLine,
    size,
    suggestArgs,
    verifiedText,
} from "../move";

test("argv: the folder and destination are single arguments, never a shell string", () => {
    assert.deepEqual(suggestArgs("/mnt/c/My Repos/shop"), ["move-workspace", "--suggest", "--json", "--from", "/mnt/c/My Repos/shop"]);
    assert.deepEqual(moveArgs("/mnt/c/src/shop", "/home/u/src/$(rm -rf ~)"), [
        "move-workspace", "--json", "--from", "/mnt/c/src/shop", "/home/u/src/$(rm -rf ~)",
    ]);
});

// Lines exactly as cmd/gowell/move_output.go prints them.
test("parseMoveLine reads each documented line", () => {
    assert.deepEqual(parseMoveLine('{"type":"suggest","from":"/mnt/c/src/shop","dest":"/home/u/src/shop","folder":"svc/api"}'), {
        type: "suggest", from: "/mnt/c/src/shop", dest: "/home/u/src/shop", folder: "svc/api",
    });
    assert.deepEqual(parseMoveLine('{"type":"progress","phase":"copy","files":3,"totalFiles":27,"bytes":100,"totalBytes":24617}'), {
        type: "progress", phase: "copy", files: 3, totalFiles: 27, bytes: 100, totalBytes: 24617,
    });
    const done = parseMoveLine(
        '{"type":"done","src":"/mnt/c/src/shop","dest":"/home/u/src/shop","files":27,"symlinks":1,"dirs":19,"bytes":24617,' +
            '"git":true,"verified":false,"differences":["a.txt: 3 bytes, the original 4"],"skipped":[],"notes":[]}',
    );
    assert.equal(done?.type, "done");
    assert.deepEqual(done?.type === "done" && done.differences, ["a.txt: 3 bytes, the original 4"]);
    assert.deepEqual(parseMoveLine('{"type":"error","reason":"refused","message":"refusing to move: /home/u/src/shop exists"}'), {
        type: "error", reason: "refused", message: "refusing to move: /home/u/src/shop exists",
    });
});

test("parseMoveLine rejects what is not a documented line", () => {
    for (const line of [
        "",
        "copying: 3 of 27 files",
        "null",
        '{"type":"progress","phase":"compress","files":1,"totalFiles":1,"bytes":1,"totalBytes":1}',
        '{"type":"progress","phase":"copy","files":"3","totalFiles":27,"bytes":100,"totalBytes":24617}',
        '{"type":"done","src":"/a","dest":"/b","files":1,"symlinks":0,"dirs":1,"bytes":1,"git":false,"verified":true,"differences":null,"skipped":[],"notes":[]}',
        '{"type":"error","reason":"oops","message":"x"}',
        '{"type":"suggest","from":"/a","dest":"/b"}',
    ]) {
        assert.equal(parseMoveLine(line), undefined, line);
    }
});

test("the destination: absolute or ~, trimmed, normalised", () => {
    assert.equal(expandDestination("~/src/shop", "/home/u"), "/home/u/src/shop");
    assert.equal(expandDestination(" /home/u/src//shop/ ", "/home/u"), "/home/u/src/shop/");
    assert.equal(expandDestination("src/shop", "/home/u"), undefined);
    assert.equal(expandDestination("~bob/src", "/home/u"), undefined);
});

test("destinationProblem: relative, existing, or inside the source is refused with a reason", async () => {
    const taken = new Set(["/home/u/src/shop"]);
    const env = { home: "/home/u", from: "/mnt/c/src/shop", exists: async (p: string) => taken.has(p) };
    assert.equal(await destinationProblem("~/src/shop-2", env), undefined);
    assert.equal(await destinationProblem("/home/u/src/new", env), undefined);
    assert.match((await destinationProblem("  ", env)) ?? "", /Name the new folder/);
    assert.match((await destinationProblem("src/shop", env)) ?? "", /absolute path/);
    assert.match((await destinationProblem("~/src/shop", env)) ?? "", /\/home\/u\/src\/shop exists/);
    assert.match((await destinationProblem("/mnt/c/src/shop/copy", env)) ?? "", /inside the folder it copies/);
    assert.match((await destinationProblem("/mnt/c/src/shop", env)) ?? "", /inside the folder it copies/);
    // A sibling whose name starts the same is not inside.
    assert.equal(await destinationProblem("/mnt/c/src/shop-copy", env), undefined);
});

test("exists: true for a dangling symbolic link (the copy refuses it too), false for nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gowell-move-"));
    fs.symlinkSync(path.join(dir, "nowhere"), path.join(dir, "dangling"));
    assert.equal(await exists(path.join(dir, "dangling")), true);
    assert.equal(await exists(path.join(dir, "nothing")), false);
    fs.rmSync(dir, { recursive: true });
});

test("countFiles counts files and links as the copy does, without following links to directories", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gowell-move-"));
    fs.mkdirSync(path.join(dir, ".git/objects/ab"), { recursive: true });
    for (const f of ["go.mod", ".git/HEAD", ".git/objects/ab/cdef", "README.md"]) fs.writeFileSync(path.join(dir, f), "x");
    fs.symlinkSync(path.join(dir, ".git"), path.join(dir, "link-to-dir"));
    fs.symlinkSync("README.md", path.join(dir, "link-to-file"));
    fs.mkdirSync(path.join(dir, "empty"));
    assert.equal(await countFiles(dir, () => false, 2), 6);
    assert.equal(await countFiles(dir, () => true), undefined);
    fs.rmSync(dir, { recursive: true });
});

function progress(phase: ProgressLine["phase"], files: number, totalFiles: number, bytes: number, totalBytes: number): ProgressLine {
    return { type: "progress", phase, files, totalFiles, bytes, totalBytes };
}

test("ProgressMeter: increments add up to the share done, never go back, phase in the message", () => {
    const m = new ProgressMeter();
    const steps = [
        progress("count", 120, 0, 5_000_000, 0),
        progress("copy", 0, 200, 0, 10_000_000),
        progress("copy", 100, 200, 5_000_000, 10_000_000),
        progress("copy", 100, 200, 5_000_000, 10_000_000),
        progress("copy", 200, 200, 10_000_000, 10_000_000),
        progress("verify", 200, 200, 10_000_000, 10_000_000),
    ].map((p) => m.update(p));
    assert.deepEqual(steps.map((s) => s.increment), [0, 0, 48, 0, 47, 0]);
    assert.equal(steps.reduce((a, s) => a + s.increment, 0), 95);
    assert.deepEqual(steps.map((s) => s.message), [
        "counting: 120 files, 5.0 MB",
        "copying: 0 of 200 files, 0 bytes of 10.0 MB",
        "copying: 100 of 200 files, 5.0 MB of 10.0 MB",
        "copying: 100 of 200 files, 5.0 MB of 10.0 MB",
        "copying: 200 of 200 files, 10.0 MB of 10.0 MB",
        "verifying the 200 files against the original",
    ]);
});

test("size", () => {
    assert.deepEqual([0, 1, 999, 24617, 5_000_000, 1_234_000_000].map(size), ["0 bytes", "1 byte", "999 bytes", "24.6 kB", "5.0 MB", "1.2 GB"]);
});

test("ProgressMeter: a tree of empty files goes by files alone", () => {
    const m = new ProgressMeter();
    assert.equal(m.update(progress("copy", 1, 4, 0, 0)).increment, 24);
});

test("the confirmation says what is copied, how many files, where to, and that the original stays", () => {
    const s = { type: "suggest" as const, from: "/mnt/c/src/shop", dest: "/home/u/src/shop", folder: "." };
    const c = confirmation(s, "/home/u/src/shop", 1234);
    assert.match(c.detail, /^gowell copies \/mnt\/c\/src\/shop \(1,234 files\) to \/home\/u\/src\/shop .*; the original is not changed or deleted\./);
    assert.doesNotMatch(c.detail, /git repository/);
    const sub = confirmation({ ...s, folder: "svc/api" }, "/home/u/src/shop", 1);
    assert.match(sub.detail, /\(1 file\)/);
    assert.match(sub.detail, /This workspace folder is svc\/api inside the git repository \/mnt\/c\/src\/shop, so the whole repository is copied\./);
});

const done: DoneLine = {
    type: "done", src: "/mnt/c/src/shop", dest: "/home/u/src/shop", files: 27, symlinks: 1, dirs: 19, bytes: 24617,
    git: true, verified: true, differences: [], skipped: [], notes: [],
};

test("moveOutcome follows the exit status and the last line", () => {
    assert.deepEqual(moveOutcome(0, done), { kind: "verified", done });
    const differs = { ...done, verified: false, differences: ["go.sum: missing"] };
    assert.deepEqual(moveOutcome(1, differs), { kind: "differs", done: differs });
    assert.deepEqual(moveOutcome(2, { type: "error", reason: "cancelled", message: "interrupted: nothing was left at the destination" }), {
        kind: "cancelled", message: "interrupted: nothing was left at the destination",
    });
    assert.deepEqual(moveOutcome(2, { type: "error", reason: "refused", message: "refusing to move: /x exists" }), {
        kind: "failed", message: "refusing to move: /x exists",
    });
    // A done line with a failing status, or none at all, is never taken for a verified copy.
    assert.equal(moveOutcome(2, done).kind, "failed");
    assert.deepEqual(moveOutcome(null, undefined), { kind: "failed", message: "gowell move-workspace was killed without reporting a result." });
    assert.deepEqual(moveOutcome(0, undefined), { kind: "failed", message: "gowell move-workspace exited with status 0 without reporting a result." });
});

test("after a verified copy: what was checked, that the original stays, and where the window reopens", () => {
    const t = verifiedText({ ...done, notes: ["the original has 2 stashes"] }, "/home/u/src/shop/svc");
    assert.equal(t.message, "Reopen in the copy?");
    assert.match(t.detail, /Copied 27 files \(24\.6 kB\) to \/home\/u\/src\/shop and verified it: .*the same git status and refs\./);
    assert.match(t.detail, /The original at \/mnt\/c\/src\/shop is unchanged/);
    assert.match(t.detail, /Note: the original has 2 stashes/);
    assert.match(t.detail, /Reopening opens \/home\/u\/src\/shop\/svc in this window\.$/);
});

test("a copy that differs lists the differences, at most ten", () => {
    const differences = Array.from({ length: 12 }, (_, i) => `file${i}: differs`);
    const t = differsText({ ...done, verified: false, differences });
    assert.match(t.detail, /^The copy at \/home\/u\/src\/shop is complete but differs from the original:\n- file0: differs\n/);
    assert.ok(t.detail.includes("- file9: differs\n- … and 2 more (see the gowell output)"));
    assert.ok(!t.detail.includes("file10"));
    assert.match(t.detail, /The copy is kept and the original at \/mnt\/c\/src\/shop is unchanged/);
});
