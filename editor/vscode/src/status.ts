// What the status-bar item shows, as a pure function of the client's state (no vscode API
// here, so it is unit-tested under plain node; ctx.ts applies the result to the item).
import type { ServerStatus, StatusAction } from "./lsp_ext";

export type ClientState =
    | { kind: "starting" }
    | { kind: "running"; status: ServerStatus | undefined }
    | { kind: "restarting"; delayMs: number }
    | { kind: "stopped"; reason: string };

export interface StatusView {
    text: string;
    /** Markdown; the command links in it are the ones listed in `tooltipCommands`. */
    tooltip: string;
    background: "error" | "warning" | undefined;
    command: string;
}

/**
 * The commands a server's status action may name: this extension's own, announced to the server
 * with initializationOptions.moveWorkspaceCommand (docs/protocol.md); any other is not shown.
 */
const actionCommands: readonly string[] = ["gowell.moveWorkspace"];
/** Every command the tooltip may run (MarkdownString.isTrusted.enabledCommands). */
export const tooltipCommands = ["gowell.showReport", "gowell.recheck", "gowell.showOutput", ...actionCommands];
const label = "Go env";
const links =
    "[Show report](command:gowell.showReport) · [Re-check](command:gowell.recheck) · " +
    "[Output](command:gowell.showOutput)";

export function renderStatus(state: ClientState): StatusView {
    switch (state.kind) {
        case "starting":
            return view(`$(sync~spin) ${label}`, "gowell is starting…", undefined);
        case "restarting": {
            const secs = Math.round(state.delayMs / 1000);
            return view(`$(sync~spin) ${label}`, `The gowell server exited; restarting it in ${secs}s.`, "warning");
        }
        case "stopped":
            return {
                text: `$(circle-slash) ${label}`,
                tooltip: `**gowell is not running.** ${state.reason}\n\n[Output](command:gowell.showOutput)`,
                background: "error",
                command: "gowell.showOutput",
            };
        case "running":
            return state.status === undefined
                ? view(`$(sync~spin) ${label}`, "gowell is scanning the workspace…", undefined)
                : renderServerStatus(state.status);
    }
}

function renderServerStatus(s: ServerStatus): StatusView {
    const icon = !s.quiescent ? "$(sync~spin)" : s.health === "ok" ? "$(pass)" : `$(${s.health})`;
    const problems = countsText(s.counts, false);
    const text = s.health === "ok" || !problems ? `${icon} ${label}` : `${icon} ${label}: ${problems}`;
    const summary = countsText(s.counts) || (s.health === "ok" ? "" : s.health);
    const head = s.health === "ok" ? "**Go environment: healthy**" : `**Go environment: ${summary}**`;
    const parts = [s.health === "ok" && summary ? `${head} (${summary})` : head];
    if (!s.quiescent) parts.push("_Checking…_");
    if (s.message?.trim()) parts.push(s.message.trim());
    const actions = actionLinks(s.actions);
    if (actions) parts.push(actions);
    parts.push(links);
    return { text, tooltip: parts.join("\n\n"), background: s.health === "ok" ? undefined : s.health, command: "gowell.showReport" };
}

/** The status actions as command links, leaving out any command this extension does not run. */
function actionLinks(actions: StatusAction[] | undefined): string {
    return (actions ?? [])
        .filter((a) => actionCommands.includes(a.command))
        .map((a) => `[${escapeMarkdown(a.title)}](${commandUri(a.command, a.arguments ?? [])})`)
        .join(" · ");
}

/**
 * A `command:` link with its arguments, as VS Code reads them: JSON, percent-encoded, and with
 * the parentheses encoded too so that a path holding one does not end the Markdown link.
 */
export function commandUri(command: string, args: readonly unknown[]): string {
    if (!args.length) return `command:${command}`;
    const query = encodeURIComponent(JSON.stringify(args)).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `command:${command}?${query}`;
}

function escapeMarkdown(s: string): string {
    return s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/** "1 error, 2 warnings, 1 info"; without info when `withInfo` is false; "" when there is nothing to count. */
export function countsText(c: ServerStatus["counts"], withInfo = true): string {
    const parts = [plural(c.error, "error"), plural(c.warning, "warning")];
    if (withInfo) parts.push(c.info ? `${c.info} info` : "");
    return parts.filter(Boolean).join(", ");
}

function plural(n: number, word: string): string {
    return n === 0 ? "" : `${n} ${word}${n === 1 ? "" : "s"}`;
}

function view(text: string, tooltip: string, background: StatusView["background"]): StatusView {
    return { text, tooltip: `${tooltip}\n\n${links}`, background, command: "gowell.showReport" };
}
