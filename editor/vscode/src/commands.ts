// The extension's commands, one factory each, and the consent step for tool-running fixes.
// None of these IDs is a server command (`gowell.server.*`): the client registers those.
// gowell.moveWorkspace is one the server offers for the extension to run (move_workspace.ts).
import * as vscode from "vscode";
import type { Ctx } from "./ctx";
import * as ext from "./lsp_ext";
import { moveWorkspace } from "./move_workspace";
import { errorText, formatArgv, isRunToolArgs, isRunToolResult, toolOutcome } from "./util";

type Cmd = (...args: unknown[]) => unknown;

export function register(ctx: Ctx): vscode.Disposable[] {
    const report = new ReportProvider(ctx);
    const rules = new RuleProvider(ctx);
    const move = moveWorkspace(ctx);
    const commands: Record<string, Cmd> = {
        "gowell.restartServer": restartServer(ctx),
        "gowell.showReport": showReport(report),
        "gowell.recheck": recheck(ctx, report),
        "gowell.showOutput": showOutput(ctx),
        "gowell.explainRule": explainRule(rules),
        "gowell.moveWorkspace": move.run,
    };
    return [
        report,
        move.disposable,
        vscode.workspace.registerTextDocumentContentProvider(ReportProvider.scheme, report),
        vscode.workspace.registerTextDocumentContentProvider(RuleProvider.scheme, rules),
        ...Object.entries(commands).map(([id, f]) => vscode.commands.registerCommand(id, f)),
    ];
}

function restartServer(ctx: Ctx): Cmd {
    return () => ctx.restart();
}

function showReport(report: ReportProvider): Cmd {
    return async () => {
        const doc = await vscode.workspace.openTextDocument(report.uri);
        await vscode.window.showTextDocument(doc, { preview: false });
    };
}

function recheck(ctx: Ctx, report: ReportProvider): Cmd {
    return async () => {
        try {
            await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: "gowell: re-checking" }, () =>
                ctx.serverCommand(ext.serverCommand.rescan),
            );
            report.refresh();
        } catch (e) {
            void vscode.window.showErrorMessage(`gowell: re-check failed: ${errorText(e)}`);
        }
    };
}

function showOutput(ctx: Ctx): Cmd {
    return () => ctx.output.show();
}

function explainRule(rules: RuleProvider): Cmd {
    return async (arg?: unknown) => {
        const id = typeof arg === "string" ? arg : await pickRule();
        if (!id) return;
        const uri = rules.uri(id);
        await vscode.commands
            .executeCommand("markdown.showPreview", uri)
            .then(undefined, () => vscode.window.showTextDocument(uri));
    };
}

/** The rule of the gowell diagnostic under the cursor, else one picked from those present, else typed. */
async function pickRule(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const atCursor = editor
        ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.range.contains(editor.selection.active)).map(ruleOf)
        : [];
    const here = atCursor.find((id) => id !== undefined);
    if (here) return here;
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.map(ruleOf));
    const present = [...new Set(all.filter((id): id is string => id !== undefined))].sort();
    return present.length
        ? vscode.window.showQuickPick(present, { placeHolder: "Rule to explain" })
        : vscode.window.showInputBox({ prompt: "gowell rule ID", placeHolder: "GO001" });
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
    if (d.source !== "gowell" || d.code === undefined) return undefined;
    return String(typeof d.code === "object" ? d.code.value : d.code);
}

/** Shows a `gowell.server.runTool` fix's exact argv in a modal, sends it only if accepted, reports the outcome. */
export async function runToolWithConsent(ctx: Ctx, args: unknown[], send: () => Promise<unknown>): Promise<unknown> {
    const tool = args[0];
    if (!isRunToolArgs(tool)) {
        ctx.output.error(`Ignoring ${ext.serverCommand.runTool} with malformed arguments: ${JSON.stringify(args)}`);
        return undefined;
    }
    const line = formatArgv(tool.argv);
    const choice = await vscode.window.showWarningMessage(
        tool.title,
        { modal: true, detail: `This fix changes state outside the workspace. gowell will run:\n\n${line}\n\nin ${tool.dir}` },
        "Run",
    );
    if (choice !== "Run") return undefined;
    ctx.output.info(`Running ${line} in ${tool.dir}`);
    let result: unknown;
    try {
        result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Running ${line}…` }, send);
    } catch (e) {
        ctx.output.error(`${line}: ${errorText(e)}`);
        void vscode.window.showErrorMessage(`gowell could not run "${line}": ${errorText(e)}`);
        return undefined;
    }
    if (!isRunToolResult(result)) {
        ctx.output.error(`${line}: unexpected result ${JSON.stringify(result)}`);
        return result;
    }
    ctx.output.info(`${line} exited with status ${result.exitCode}\n${result.output}`);
    const outcome = toolOutcome(line, result);
    const show = outcome.ok
        ? vscode.window.showInformationMessage(outcome.message, "Show Output")
        : vscode.window.showErrorMessage(outcome.message, "Show Output");
    void show.then((c) => c && ctx.output.show());
    return result;
}

/** The `gowell check` report of the current snapshot, as a read-only document that follows the status. */
class ReportProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
    static readonly scheme = "gowell-report";
    readonly uri = vscode.Uri.from({ scheme: ReportProvider.scheme, path: "/gowell report" });
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private readonly subscription: vscode.Disposable;

    constructor(private readonly ctx: Ctx) {
        this.subscription = ctx.onDidChangeStatus(() => this.refresh());
    }

    refresh(): void {
        this.changed.fire(this.uri);
    }

    async provideTextDocumentContent(): Promise<string> {
        try {
            return (await this.ctx.serverCommand<ext.ReportResult>(ext.serverCommand.report)).text;
        } catch (e) {
            return `The gowell report is not available: ${errorText(e)}\n`;
        }
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}

/** A rule's documentation (`gowell.server.explain`) at gowell-rule:/<ID>.md. */
class RuleProvider implements vscode.TextDocumentContentProvider {
    static readonly scheme = "gowell-rule";

    constructor(private readonly ctx: Ctx) {}

    uri(id: string): vscode.Uri {
        return vscode.Uri.from({ scheme: RuleProvider.scheme, path: `/${id}.md` });
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const id = uri.path.replace(/^\//, "").replace(/\.md$/, "");
        try {
            return (await this.ctx.serverCommand<ext.ExplainResult>(ext.serverCommand.explain, [id])).markdown;
        } catch (e) {
            return `# ${id}\n\nThe explanation is not available: ${errorText(e)}\n`;
        }
    }
}
