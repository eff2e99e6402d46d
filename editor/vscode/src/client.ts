// Builds the LanguageClient for `gowell serve`: which files it sees, how it restarts after a
// crash, and the consent step in front of server commands that run tools.
import * as readline from "node:readline";
import * as vscode from "vscode";
import * as lc from "vscode-languageclient/node";
import { type Config, initializationOptions, serverArgs } from "./config";
import * as ext from "./lsp_ext";
import { Backoff, parseServerLog } from "./util";

/**
 * The files the server diagnoses (the server's workspace.KindOf). Patterns rather than
 * language IDs: go.mod/go.work have languages only when vscode-go (or this extension)
 * contributes them, and Dockerfiles and ignore files may carry any language a user picked.
 */
const documentSelector: lc.DocumentSelector = [
    "**/go.mod",
    "**/go.work",
    "**/.gitignore",
    "**/*.dockerignore",
    "**/{Dockerfile,dockerfile,Containerfile,containerfile}",
    "**/{Dockerfile,dockerfile}.*",
    "**/*.{Dockerfile,dockerfile}",
].map((pattern) => ({ scheme: "file", pattern }));

export interface ClientHooks {
    /** True once the server answered `initialize`; reset on every (re)start. */
    initialized(): boolean;
    /** The server exited unexpectedly; it is restarted after `delayMs` if still `wanted()`. */
    onCrash(delayMs: number): void;
    /** False once this client has been stopped or replaced (e.g. by a restart during the delay). */
    wanted(): boolean;
    /** Asks the user before a `gowell.server.runTool` command is sent, and reports its outcome. */
    runTool(args: unknown[], send: () => Promise<unknown>): Promise<unknown>;
}

export function createClient(
    serverPath: string,
    cfg: Config,
    channels: { output: vscode.LogOutputChannel; trace: vscode.LogOutputChannel },
    hooks: ClientHooks,
): lc.LanguageClient {
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const run: lc.Executable = { command: serverPath, args: serverArgs(cfg), options: cwd ? { cwd } : {} };
    const options: lc.LanguageClientOptions = {
        documentSelector,
        initializationOptions: initializationOptions(cfg),
        outputChannel: channels.output,
        traceOutputChannel: channels.trace,
        revealOutputChannelOn: lc.RevealOutputChannelOn.Never,
        stdioOptions: { stdout: logLines, stderr: logLines },
        errorHandler: new RestartWithBackoff(hooks),
        // A failed `initialize` is logged, and start() reports it; no second notification, no retry.
        initializationFailedHandler: () => false,
        middleware: {
            executeCommand: (command, args, next) =>
                command === ext.serverCommand.runTool
                    ? hooks.runTool(args, async () => next(command, args))
                    : next(command, args),
        },
    };
    return new lc.LanguageClient("gowell", "gowell", { run, debug: run }, options);
}

/** The server's log lines, at their own level (the client's default logs all of stderr as errors). */
function logLines(input: NodeJS.ReadableStream, channel: vscode.LogOutputChannel): void {
    readline.createInterface({ input, crlfDelay: Infinity }).on("line", (line) => {
        const { level, text } = parseServerLog(line);
        channel[level](text);
    });
}

/**
 * Restarts a server that crashed after it had started, after a growing delay. One that exits
 * during start-up (a broken binary, a bad extraArg) is left stopped: retrying cannot help.
 */
class RestartWithBackoff implements lc.ErrorHandler {
    private readonly backoff = new Backoff();

    constructor(private readonly hooks: ClientHooks) {}

    /**
     * Reading or writing failed, typically because the server just died: only log it, since
     * `closed` tells the user and restarts (a Shutdown here would prevent that restart).
     */
    error(): lc.ErrorHandlerResult {
        return { action: lc.ErrorAction.Continue, handled: true };
    }

    async closed(): Promise<lc.CloseHandlerResult> {
        if (!this.hooks.initialized()) {
            return { action: lc.CloseAction.DoNotRestart, message: "The gowell server exited during start-up.", handled: true };
        }
        const delayMs = this.backoff.next(Date.now());
        this.hooks.onCrash(delayMs);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return this.hooks.wanted()
            ? { action: lc.CloseAction.Restart, message: `The gowell server exited; restarting it after ${delayMs} ms.`, handled: true }
            : { action: lc.CloseAction.DoNotRestart, message: "The gowell server exited after it was replaced.", handled: true };
    }
}
