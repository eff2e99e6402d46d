// Small pure helpers, unit-tested under plain node.
import type { RunToolArgs, RunToolResult } from "./lsp_ext";

export function errorText(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}

/** An argv as a user would type it in a POSIX shell, for display only (the server never uses a shell). */
export function formatArgv(argv: readonly string[]): string {
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

export function isRunToolArgs(v: unknown): v is RunToolArgs {
    if (typeof v !== "object" || v === null) return false;
    const o = v as Record<string, unknown>;
    return (
        typeof o["title"] === "string" &&
        typeof o["dir"] === "string" &&
        Array.isArray(o["argv"]) &&
        o["argv"].length > 0 &&
        o["argv"].every((a) => typeof a === "string")
    );
}

export function isRunToolResult(v: unknown): v is RunToolResult {
    if (typeof v !== "object" || v === null) return false;
    const o = v as Record<string, unknown>;
    return typeof o["exitCode"] === "number" && typeof o["output"] === "string";
}

/**
 * Restart delays after server crashes: 1s, 2s, 4s … capped at `maxMs`; a crash more than
 * `resetAfterMs` after the previous one starts over at 1s.
 */
export class Backoff {
    private failures = 0;
    private last = -Infinity;

    constructor(
        private readonly firstMs = 1000,
        private readonly maxMs = 30_000,
        private readonly resetAfterMs = 180_000,
    ) {}

    next(now: number): number {
        if (now - this.last > this.resetAfterMs) this.failures = 0;
        this.last = now;
        return Math.min(this.firstMs * 2 ** this.failures++, this.maxMs);
    }
}

/** The notification after a runTool fix ran: the command, its exit status and the start of its output. */
export function toolOutcome(line: string, r: RunToolResult): { ok: boolean; message: string } {
    const out = r.output.trim();
    const excerpt = out.length > 200 ? `${out.slice(0, 200)}…` : out;
    const head = r.exitCode === 0 ? `Ran "${line}"` : `"${line}" failed with exit code ${r.exitCode}`;
    return { ok: r.exitCode === 0, message: excerpt ? `${head}: ${excerpt}` : `${head}.` };
}

export type LogLevelName = "debug" | "info" | "warn" | "error";

/**
 * A line of the server's stderr, for the log output channel: zap's console format
 * (`<time>\t<level>\t<message>\t<fields>`) keeps its level and loses its time (the channel
 * adds one); anything else, such as a Go panic, is an error.
 */
export function parseServerLog(line: string): { level: LogLevelName; text: string } {
    const m = /^\d{4}-\d\d-\d\dT\S+\t(debug|info|warn|error|dpanic|panic|fatal)\t(.*)$/.exec(line);
    if (!m) return { level: "error", text: line };
    const level = m[1] === "debug" || m[1] === "info" || m[1] === "warn" ? m[1] : "error";
    return { level, text: (m[2] ?? "").replace(/\t/g, " ") };
}
