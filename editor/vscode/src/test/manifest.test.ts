// The extension manifest (the repository's package.json) against what the code relies on.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { tooltipCommands } from "../status";

interface Manifest {
    main: string;
    extensionKind: string[];
    contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
}
const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as Manifest;
const commands = manifest.contributes.commands.map((c) => c.command);

test("no contributed command is in the server's gowell.server.* namespace (vscode-languageclient registers those)", () => {
    assert.deepEqual(commands.filter((c) => c.startsWith("gowell.server.")), []);
});

test("the status tooltip links only contributed commands", () => {
    for (const id of tooltipCommands) assert.ok(commands.includes(id), id);
});

test("every setting the extension reads is declared", () => {
    const declared = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(declared, ["gowell.logLevel", "gowell.rules", "gowell.server.extraArgs", "gowell.server.path", "gowell.trace.server"]);
});

test("runs where the code is, from the bundle", () => {
    assert.deepEqual(manifest.extensionKind, ["workspace"]);
    assert.equal(manifest.main, "./editor/vscode/out/main.js");
});
