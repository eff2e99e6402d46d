// gowell.moveWorkspace: copies a workspace off a Windows drive with `gowell move-workspace`,
// asking first, showing its progress, and reopening the window in the copy once verified.
// Offered by the server on WSL003 diagnostics and in the status tooltip (docs/protocol.md).
import * as child_process from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import * as vscode from "vscode";
import type { Ctx } from "./ctx";
import {
    type DoneLine,
    type ErrorLine,
    type MoveOutcome,
    ProgressMeter,
    type SuggestLine,
    confirmation,
    countFiles,
    destinationProblem,
    differsText,
    exists,
    expandDestination,
    moveArgs,
    moveOutcome,
    parseMoveLine,
    suggestArgs,
    verifiedText,
} from "./move";
import { errorText } from "./util";

const title = "Move this workspace to the Linux filesystem";

/** The command, and a disposable that stops a copy still running when the extension stops. */
export function moveWorkspace(ctx: Ctx): { run: (arg?: unknown) => Promise<void>; disposable: vscode.Disposable } {
    let running: child_process.ChildProcess | undefined;
    let busy = false;
    const run = async (arg?: unknown) => {
        if (busy) {
            void vscode.window.showInformationMessage("gowell is already moving a workspace; wait for it to finish or cancel it.");
            return;
        }
        busy = true;
        try {
            await moveFlow(ctx, arg, (child) => (running = child));
        } catch (e) {
            ctx.output.error(`Moving the workspace: ${errorText(e)}`);
            void vscode.window.showErrorMessage(`gowell could not move the workspace: ${errorText(e)}`);
        } finally {
            busy = false;
            running = undefined;
        }
    };
    // SIGTERM, never SIGKILL: the command then removes its partial copy.
    return { run, disposable: new vscode.Disposable(() => running?.kill("SIGTERM")) };
}

async function moveFlow(ctx: Ctx, arg: unknown, started: (c: child_process.ChildProcess) => void): Promise<void> {
    if (arg === undefined && !vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showInformationMessage("Open the folder to move first.");
        return;
    }
    const folder = typeof arg === "string" ? arg : arg instanceof vscode.Uri ? arg.fsPath : (await pickFolder())?.uri.fsPath;
    if (!folder) return;
    const found = ctx.locateServer();
    if ("error" in found) throw new Error(found.error);
    const gowell = found.path;

    const suggested = await suggest(ctx, gowell, folder);
    if (!suggested) return;
    // Counting runs while the user reads the suggestion: on a Windows drive it takes a while.
    const stopCounting = new vscode.CancellationTokenSource();
    const counting = countFiles(suggested.from, () => stopCounting.token.isCancellationRequested);
    try {
        const dest = await askDestination(suggested);
        if (dest === undefined) return;
        // A notification only when the count is still running by now.
        const counted = await Promise.race([counting.then((n) => ({ n })), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 300))]);
        const files = counted
            ? counted.n
            : await vscode.window.withProgress(
                  { location: vscode.ProgressLocation.Notification, title: `Counting the files in ${suggested.from}…`, cancellable: true },
                  (_, token) => {
                      token.onCancellationRequested(() => stopCounting.cancel());
                      return counting;
                  },
              );
        if (files === undefined) return;
        const { message, detail } = confirmation(suggested, dest, files);
        if ((await vscode.window.showInformationMessage(message, { modal: true, detail }, "Copy")) !== "Copy") return;
        const outcome = await copy(ctx, gowell, suggested.from, dest, started);
        await report(ctx, outcome, suggested, folder);
    } finally {
        stopCounting.cancel();
        stopCounting.dispose();
    }
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return folders[0];
    return vscode.window.showWorkspaceFolderPick({ placeHolder: "The workspace folder to move" });
}

/** Asks the command what a move of folder copies and where to; undefined (and the user told) when it cannot move it. */
async function suggest(ctx: Ctx, gowell: string, folder: string): Promise<SuggestLine | undefined> {
    const argv = suggestArgs(folder);
    ctx.output.info(`Running ${gowell} ${argv.join(" ")}`);
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
        child_process.execFile(gowell, argv, { timeout: 60_000 }, (err, stdout, stderr) =>
            // Exit status 2 comes with an error line on stdout, read below.
            err && !stdout ? reject(new Error(`${err.message}${stderr ? `: ${stderr.trim()}` : ""}`)) : resolve({ stdout, stderr }),
        ),
    );
    if (stderr.trim()) ctx.output.warn(stderr.trim());
    const line = parseMoveLine(stdout.trim().split("\n").pop() ?? "");
    if (line?.type === "suggest") return line;
    const why = line?.type === "error" ? line.message : `unexpected output ${JSON.stringify(stdout.trim())}`;
    ctx.output.error(`${argv.join(" ")}: ${why}`);
    void vscode.window.showErrorMessage(`gowell cannot move ${folder}: ${why}`);
    return undefined;
}

async function askDestination(s: SuggestLine): Promise<string | undefined> {
    const home = os.homedir();
    const input = await vscode.window.showInputBox({
        title,
        prompt: `The new folder for a copy of ${s.from}. It must not exist yet.`,
        value: s.dest,
        valueSelection: [s.dest.length - path.basename(s.dest).length, s.dest.length],
        ignoreFocusOut: true,
        validateInput: (v) => destinationProblem(v, { home, from: s.from, exists }),
    });
    return input === undefined ? undefined : expandDestination(input, home);
}

/** Runs the copy under a cancellable progress notification and returns how it ended. */
async function copy(ctx: Ctx, gowell: string, from: string, dest: string, started: (c: child_process.ChildProcess) => void): Promise<MoveOutcome> {
    const argv = moveArgs(from, dest);
    ctx.output.info(`Running ${gowell} ${argv.join(" ")}`);
    return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Copying ${path.basename(from)} to ${dest}`, cancellable: true },
        (progress, token) =>
            new Promise<MoveOutcome>((resolve, reject) => {
                const child = child_process.spawn(gowell, argv, { stdio: ["ignore", "pipe", "pipe"] });
                started(child);
                const meter = new ProgressMeter();
                let last: DoneLine | ErrorLine | undefined;
                readline.createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (text) => {
                    const line = parseMoveLine(text);
                    if (line?.type === "progress") progress.report(meter.update(line));
                    else if (line?.type === "done" || line?.type === "error") last = line;
                    else ctx.output.warn(`move-workspace: unexpected line ${text}`);
                });
                readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on("line", (text) => ctx.output.info(`move-workspace: ${text}`));
                const cancel = token.onCancellationRequested(() => {
                    ctx.output.info("Cancelling the move (SIGTERM)");
                    progress.report({ message: "cancelling…" });
                    child.kill("SIGTERM");
                });
                child.on("error", (e) => {
                    cancel.dispose();
                    reject(e);
                });
                // "close": the process has exited and its output is read to the end.
                child.on("close", (code) => {
                    cancel.dispose();
                    ctx.output.info(`move-workspace exited with status ${code}: ${JSON.stringify(last)}`);
                    resolve(moveOutcome(code, last));
                });
            }),
    );
}

async function report(ctx: Ctx, outcome: MoveOutcome, s: SuggestLine, folder: string): Promise<void> {
    switch (outcome.kind) {
        case "cancelled":
            void vscode.window.showInformationMessage(`The move was cancelled: ${outcome.message}`);
            return;
        case "failed": {
            const choice = await vscode.window.showErrorMessage(`gowell could not move ${s.from}: ${outcome.message}`, "Show Output");
            if (choice) ctx.output.show();
            return;
        }
        case "differs": {
            const { message, detail } = differsText(outcome.done);
            if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, "Open the copy anyway")) === "Open the copy anyway") {
                await reopen(folder, path.join(outcome.done.dest, s.folder));
            }
            return;
        }
        case "verified": {
            const target = path.join(outcome.done.dest, s.folder);
            const { message, detail } = verifiedText(outcome.done, target);
            if ((await vscode.window.showInformationMessage(message, { modal: true, detail }, "Reopen")) === "Reopen") {
                await reopen(folder, target);
            } else {
                void vscode.window.showInformationMessage(`The copy is at ${target}; this window stays on the original.`);
            }
        }
    }
}

/**
 * Opens the copy in this window. In a workspace of several folders only the moved folder is
 * replaced, so the others stay open.
 */
async function reopen(folder: string, target: string): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const i = folders.findIndex((f) => f.uri.fsPath === folder);
    if (folders.length > 1 && i >= 0) {
        vscode.workspace.updateWorkspaceFolders(i, 1, { uri: vscode.Uri.file(target) });
        return;
    }
    await vscode.commands.executeCommand("vscode.openFolder", vscode.Uri.file(target), { forceNewWindow: false });
}
