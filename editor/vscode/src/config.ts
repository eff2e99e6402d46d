// The extension's settings, read through a getter so the mapping is unit-tested without
// VS Code: what the server is started with and what it is told about rules.
import * as path from "node:path";

export type Severity = "off" | "error" | "warning" | "info";
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Config {
    serverPath: string | undefined;
    extraArgs: string[];
    logLevel: LogLevel;
    rules: Record<string, Severity>;
    /** Settings that were ignored because they are malformed, for the output channel. */
    problems: string[];
}

/** Settings that only take effect when the server is restarted. */
export const restartSettings = ["gowell.server.path", "gowell.server.extraArgs", "gowell.logLevel"];

const severities: readonly string[] = ["off", "error", "warning", "info"];
const logLevels: readonly string[] = ["debug", "info", "warn", "error"];

/** `get` reads a key of the `gowell` section, e.g. `get("server.path")`. */
export function readConfig(get: (key: string) => unknown, home: string): Config {
    const problems: string[] = [];
    const rawPath = get("server.path");
    const serverPath = typeof rawPath === "string" && rawPath.trim() ? expandHome(rawPath.trim(), home) : undefined;

    const rawArgs = get("server.extraArgs") ?? [];
    const extraArgs = Array.isArray(rawArgs) ? rawArgs.filter((a): a is string => typeof a === "string") : [];
    if (!Array.isArray(rawArgs) || extraArgs.length !== rawArgs.length) {
        problems.push("gowell.server.extraArgs must be a list of strings; ignoring the other entries");
    }

    const rawLevel = get("logLevel") ?? "info";
    const logLevel = typeof rawLevel === "string" && logLevels.includes(rawLevel) ? (rawLevel as LogLevel) : "info";
    if (logLevel !== rawLevel) problems.push(`gowell.logLevel: ${JSON.stringify(rawLevel)} is not one of ${logLevels.join(", ")}`);

    const rules: Record<string, Severity> = {};
    const rawRules = get("rules") ?? {};
    if (typeof rawRules !== "object" || rawRules === null || Array.isArray(rawRules)) {
        problems.push("gowell.rules must be an object mapping a rule ID to a severity");
    } else {
        for (const [id, sev] of Object.entries(rawRules)) {
            if (typeof sev === "string" && severities.includes(sev)) rules[id] = sev as Severity;
            else problems.push(`gowell.rules.${id}: ${JSON.stringify(sev)} is not one of ${severities.join(", ")}`);
        }
    }
    return { serverPath, extraArgs, logLevel, rules, problems };
}

export function serverArgs(cfg: Config): string[] {
    return ["serve", "--log-level", cfg.logLevel, ...cfg.extraArgs];
}

/** `moveWorkspaceCommand`: this extension implements gowell.moveWorkspace, which WSL003 then offers. */
export function initializationOptions(cfg: Config): { statusNotification: true; moveWorkspaceCommand: true; rules: Record<string, Severity> } {
    return { statusNotification: true, moveWorkspaceCommand: true, rules: cfg.rules };
}

/** The `settings` of workspace/didChangeConfiguration, in the shape docs/protocol.md names. */
export function configurationSettings(cfg: Config): { gowell: { rules: Record<string, Severity> } } {
    return { gowell: { rules: cfg.rules } };
}

export type ServerLocation = { path: string; source: "setting" | "bundled" | "PATH" } | { error: string };

/**
 * The server binary: the `gowell.server.path` setting when set (an explicit choice wins),
 * else the binary bundled for this platform, else `gowell` on PATH.
 */
export function locateServer(
    cfg: Config,
    env: { bundled: string; pathVar: string | undefined; platform: NodeJS.Platform },
    isExecutable: (file: string) => boolean,
): ServerLocation {
    if (cfg.serverPath !== undefined) {
        return isExecutable(cfg.serverPath)
            ? { path: cfg.serverPath, source: "setting" }
            : { error: `gowell.server.path is set to ${cfg.serverPath}, which is not an executable file.` };
    }
    if (isExecutable(env.bundled)) return { path: env.bundled, source: "bundled" };
    const exe = env.platform === "win32" ? "gowell.exe" : "gowell";
    for (const dir of (env.pathVar ?? "").split(env.platform === "win32" ? ";" : ":")) {
        if (!dir) continue;
        const candidate = (env.platform === "win32" ? path.win32 : path.posix).join(dir, exe);
        if (isExecutable(candidate)) return { path: candidate, source: "PATH" };
    }
    return { error: "No gowell server found: this extension bundles none for this platform and gowell is not on PATH." };
}

function expandHome(p: string, home: string): string {
    return p === "~" || p.startsWith("~/") ? home + p.slice(1) : p;
}
