import assert from "node:assert/strict";
import { test } from "node:test";
import { type Config, configurationSettings, initializationOptions, locateServer, readConfig, serverArgs } from "../config";

function config(settings: Record<string, unknown>): Config {
    return readConfig((key) => settings[key], "/home/u");
}

test("defaults", () => {
    const cfg = config({});
    assert.deepEqual(cfg, { serverPath: undefined, extraArgs: [], logLevel: "info", rules: {}, problems: [] });
    assert.deepEqual(serverArgs(cfg), ["serve", "--log-level", "info"]);
    assert.deepEqual(initializationOptions(cfg), { statusNotification: true, moveWorkspaceCommand: true, rules: {} });
});

test("server arguments: log level then extra args", () => {
    const cfg = config({ logLevel: "debug", "server.extraArgs": ["--log-file", "/tmp/g.log"] });
    assert.deepEqual(serverArgs(cfg), ["serve", "--log-level", "debug", "--log-file", "/tmp/g.log"]);
});

test("rules go to initializationOptions and didChangeConfiguration; bad entries are dropped and reported", () => {
    const cfg = config({ rules: { GO001: "off", IGN001: "warning", DKR002: "loud", X: 3 } });
    assert.deepEqual(cfg.rules, { GO001: "off", IGN001: "warning" });
    assert.deepEqual(initializationOptions(cfg), { statusNotification: true, moveWorkspaceCommand: true, rules: { GO001: "off", IGN001: "warning" } });
    assert.deepEqual(configurationSettings(cfg), { gowell: { rules: { GO001: "off", IGN001: "warning" } } });
    assert.equal(cfg.problems.length, 2);
    assert.match(cfg.problems[0] ?? "", /gowell\.rules\.DKR002: "loud"/);
});

test("malformed settings fall back to defaults", () => {
    const cfg = config({ rules: ["GO001"], logLevel: "loud", "server.extraArgs": ["-v", 1] });
    assert.deepEqual(cfg.rules, {});
    assert.equal(cfg.logLevel, "info");
    assert.deepEqual(cfg.extraArgs, ["-v"]);
    assert.equal(cfg.problems.length, 3);
});

test("server.path: blank is unset, ~ is the home directory", () => {
    assert.equal(config({ "server.path": "  " }).serverPath, undefined);
    assert.equal(config({ "server.path": "~/go/bin/gowell" }).serverPath, "/home/u/go/bin/gowell");
});

const env = { bundled: "/ext/editor/vscode/bin/linux-x64/gowell", pathVar: "/usr/bin::/home/u/go/bin", platform: "linux" as const };

test("locateServer: the setting wins, then the bundled binary, then PATH", () => {
    const all = () => true;
    assert.deepEqual(locateServer(config({ "server.path": "/opt/gowell" }), env, all), { path: "/opt/gowell", source: "setting" });
    assert.deepEqual(locateServer(config({}), env, all), { path: env.bundled, source: "bundled" });
    const onPath = (f: string) => f === "/home/u/go/bin/gowell";
    assert.deepEqual(locateServer(config({}), env, onPath), { path: "/home/u/go/bin/gowell", source: "PATH" });
});

test("locateServer: a broken setting is an error, not a silent fallback; nothing found is an error", () => {
    const r = locateServer(config({ "server.path": "/nope" }), env, (f) => f === env.bundled);
    assert.ok("error" in r && r.error.includes("/nope"));
    assert.ok("error" in locateServer(config({}), env, () => false));
});

test("locateServer on Windows looks for gowell.exe on a ;-separated PATH", () => {
    const win = { bundled: "C:\\ext\\gowell.exe", pathVar: "C:\\a;C:\\go\\bin", platform: "win32" as const };
    assert.deepEqual(locateServer(config({}), win, (f) => f === "C:\\go\\bin\\gowell.exe"), { path: "C:\\go\\bin\\gowell.exe", source: "PATH" });
});
