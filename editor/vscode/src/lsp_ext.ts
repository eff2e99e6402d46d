// The server's LSP extensions, typed from docs/protocol.md.
import { NotificationType } from "vscode-languageclient";

export type Health = "ok" | "warning" | "error";

export interface ServerStatus {
    health: Health;
    quiescent: boolean;
    /** Markdown, one line per problem. */
    message?: string;
    counts: { error: number; warning: number; info: number };
    /** Commands to offer beside the message; the extension runs them itself (status.ts lists which). */
    actions?: StatusAction[];
}

export interface StatusAction {
    title: string;
    command: string;
    arguments?: unknown[];
}

export const status = new NotificationType<ServerStatus>("gowell/status");

/**
 * Commands the server executes (workspace/executeCommand). vscode-languageclient registers
 * each of them as a VS Code command, so the extension never registers these IDs itself.
 */
export const serverCommand = {
    runTool: "gowell.server.runTool",
    report: "gowell.server.report",
    rescan: "gowell.server.rescan",
    explain: "gowell.server.explain",
} as const;

export interface RunToolArgs {
    title: string;
    argv: string[];
    dir: string;
}
export interface RunToolResult {
    exitCode: number;
    output: string;
}
export interface ReportResult {
    text: string;
}
export interface ExplainResult {
    markdown: string;
}
