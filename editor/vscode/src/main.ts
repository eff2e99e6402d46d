// Activation: create the context, register the commands, start the server.
import type * as vscode from "vscode";
import * as commands from "./commands";
import { Ctx } from "./ctx";

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    ctx = new Ctx(context.extensionUri);
    context.subscriptions.push(ctx, ...commands.register(ctx));
    await ctx.start();
}

export async function deactivate(): Promise<void> {
    await ctx?.stop();
    ctx = undefined;
}
