// The extension's long-lived state: the output channels, the status-bar item and the
// LanguageClient, which is created, replaced on restart and disposed here only.
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import * as lc from "vscode-languageclient/node";
import { createClient } from "./client";
import { runToolWithConsent } from "./commands";
import { type Config, configurationSettings, locateServer, readConfig, restartSettings, type ServerLocation, serverArgs } from "./config";
import * as ext from "./lsp_ext";
import { type ClientState, renderStatus, tooltipCommands } from "./status";

const installHint = "go install github.com/gowell/gowell/cmd/gowell@latest";
const stoppedHint = "The server stopped; its output says why. Run **gowell: Restart Server** to start it again.";

export class Ctx implements vscode.Disposable {
    readonly output = vscode.window.createOutputChannel("gowell", { log: true });
    private readonly trace = vscode.window.createOutputChannel("gowell LSP trace", { log: true });
    private readonly item = vscode.window.createStatusBarItem("gowell.status", vscode.StatusBarAlignment.Left);
    private readonly statusChanged = new vscode.EventEmitter<void>();
    /** Fires on every status change; open reports refresh on it. */
    readonly onDidChangeStatus = this.statusChanged.event;
    private readonly disposables: vscode.Disposable[];
    private client: lc.LanguageClient | undefined;
    private crashReported = false;

    constructor(private readonly extensionUri: vscode.Uri) {
        this.item.name = "gowell";
        this.disposables = [
            this.output, this.trace, this.item, this.statusChanged,
            vscode.workspace.onDidChangeConfiguration((e) => this.onConfigChange(e)),
        ];
    }

    async start(): Promise<void> {
        const cfg = this.config();
        const found = this.locateServer(cfg);
        if ("error" in found) {
            this.output.error(found.error);
            this.setState({ kind: "stopped", reason: found.error });
            void this.reportMissingServer(found.error, cfg.serverPath !== undefined);
            return;
        }
        this.output.info(`Starting ${found.path} ${serverArgs(cfg).join(" ")} (server from ${found.source})`);
        let initialized = false;
        const client: lc.LanguageClient = createClient(found.path, cfg, { output: this.output, trace: this.trace }, {
            initialized: () => initialized,
            onCrash: (delayMs) => this.onCrash(delayMs),
            wanted: () => this.client === client,
            runTool: (args, send) => runToolWithConsent(this, args, send),
        });
        this.client = client;
        client.onNotification(ext.status, (status) => this.setState({ kind: "running", status }));
        client.onDidChangeState(({ newState }) => {
            initialized = newState === lc.State.Running;
            if (this.client !== client) return;
            if (newState === lc.State.Starting) this.setState({ kind: "starting" });
            if (newState === lc.State.Running) this.setState({ kind: "running", status: undefined });
            if (newState === lc.State.Stopped) this.setState({ kind: "stopped", reason: stoppedHint });
        });
        this.setState({ kind: "starting" });
        try {
            await client.start();
        } catch (e) {
            // The client has already shown the error; the status item keeps saying what to do.
            this.output.error(`Starting ${found.path} failed: ${String(e)}`);
            if (this.client === client) this.setState({ kind: "stopped", reason: stoppedHint });
        }
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        try {
            await client?.dispose();
        } catch (e) {
            // A crashed server cannot answer `shutdown`; its process is gone already.
            this.output.warn(`Stopping the server: ${String(e)}`);
        }
    }

    async restart(): Promise<void> {
        await this.stop();
        await this.start();
    }

    /** Sends a `gowell.server.*` command directly (no consent step: these do not run tools). */
    async serverCommand<R>(command: string, args: unknown[] = []): Promise<R> {
        if (!this.client?.isRunning()) throw new Error("The gowell server is not running.");
        return (await this.client.sendRequest(lc.ExecuteCommandRequest.type, { command, arguments: args })) as R;
    }

    dispose(): void {
        vscode.Disposable.from(...this.disposables).dispose();
    }

    private config(): Config {
        const section = vscode.workspace.getConfiguration("gowell");
        const cfg = readConfig((key) => section.get(key), os.homedir());
        cfg.problems.forEach((p) => this.output.warn(`Settings: ${p}`));
        return cfg;
    }

    /** The gowell binary, found as for the server; the move command runs the same one. */
    locateServer(cfg = this.config()): ServerLocation {
        return locateServer(cfg, { bundled: this.bundledServer(), pathVar: process.env["PATH"], platform: process.platform }, isExecutable);
    }

    private bundledServer(): string {
        const exe = process.platform === "win32" ? "gowell.exe" : "gowell";
        return vscode.Uri.joinPath(this.extensionUri, "editor", "vscode", "bin", `${process.platform}-${process.arch}`, exe).fsPath;
    }

    private onConfigChange(e: vscode.ConfigurationChangeEvent): void {
        if (!e.affectsConfiguration("gowell")) return;
        if (e.affectsConfiguration("gowell.rules") && this.client?.isRunning()) {
            const settings = configurationSettings(this.config());
            this.output.info(`Sending gowell.rules ${JSON.stringify(settings.gowell.rules)} to the server`);
            void this.client.sendNotification(lc.DidChangeConfigurationNotification.type, { settings });
        }
        if (restartSettings.some((s) => e.affectsConfiguration(s))) {
            void vscode.window
                .showInformationMessage("The changed gowell setting takes effect when the server restarts.", "Restart Now")
                .then((choice) => choice && this.restart());
        }
    }

    private onCrash(delayMs: number): void {
        this.setState({ kind: "restarting", delayMs });
        if (this.crashReported) return;
        this.crashReported = true;
        void vscode.window
            .showWarningMessage("The gowell server exited unexpectedly. It is restarted automatically, after a growing delay if it keeps exiting.", "Show Output")
            .then((choice) => choice && this.output.show());
    }

    private async reportMissingServer(error: string, fromSetting: boolean): Promise<void> {
        const restart = 'then run "gowell: Restart Server".';
        const choice = fromSetting
            ? await vscode.window.showErrorMessage(`${error} Correct or clear the setting, ${restart}`, "Open Settings")
            : await vscode.window.showErrorMessage(
                  `${error} Install it with "${installHint}" or set gowell.server.path, ${restart}`,
                  "Open Settings",
                  "Copy Install Command",
              );
        if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "gowell.server.path");
        if (choice === "Copy Install Command") await vscode.env.clipboard.writeText(installHint);
    }

    private setState(state: ClientState): void {
        const view = renderStatus(state);
        const tooltip = new vscode.MarkdownString(view.tooltip, true);
        tooltip.isTrusted = { enabledCommands: tooltipCommands };
        this.item.text = view.text;
        this.item.tooltip = tooltip;
        this.item.command = view.command;
        this.item.backgroundColor = view.background && new vscode.ThemeColor(`statusBarItem.${view.background}Background`);
        this.item.show();
        this.statusChanged.fire();
    }
}

function isExecutable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}
