// Drives a real VS Code (code-server) in headless Chromium through the scenario on a
// workspace with two errors on the go.work `go` line: GO008 (GOFLAGS=-mod=mod in the go env
// file; its fix runs `go env -u GOFLAGS`, behind a modal) and GO001 (go.work older than its
// module; its fix is an edit). Then Explain Rule, the report, two server crashes, and a
// gowell.rules change. Then, in a second workspace on drive C: of a replayed WSL2 machine
// (WSL003), the move quick fix copies the workspace and reopens the window in the copy.
// Inputs come from E2E_* variables (see e2e.sh).
// Every step must succeed within its timeout; the first failure takes a screenshot and exits 1.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Page } from "playwright-core";

function input(name: string): string {
    const v = process.env[`E2E_${name}`];
    if (!v) throw new Error(`E2E_${name} is not set`);
    return v;
}
const url = input("URL"); // code-server
const workspace = input("WORKSPACE");
const shots = input("SHOTS"); // screenshot directory
const goenvFile = input("GOENV"); // the go env file of code-server's HOME
const extDir = input("EXTENSIONS"); // code-server's extensions directory
const settingsFile = input("SETTINGS"); // code-server's user settings.json
const shop = input("SHOP"); // a workspace on drive C: of a replayed WSL2 machine (its folder settings say so)
const home = input("HOME"); // code-server's HOME, where the move suggests ~/src/<name>

const statusbar = "#workbench\\.parts\\.statusbar";
// vscode.window.createStatusBarItem("gowell.status") gets the DOM id "<extension id>.gowell.status".
const statusItem = `${statusbar} [id$="gowell.status"]`;
const editor = ".editor-group-container.active .monaco-editor";
const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

interface Status {
    text: string;
    kind: string;
    icons: string[];
}

async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
    try {
        const result = await fn();
        log(`ok   ${name}`);
        return result;
    } catch (e) {
        log(`FAIL ${name}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
        await page.screenshot({ path: path.join(shots, "failure.png") }).catch(() => undefined);
        throw e;
    }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const v = await probe();
        if (v !== undefined) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 250));
    }
}

/** The gowell status item: its text, whether it has the error/warning colour, and its codicons. */
function readStatus(page: Page): Promise<Status> {
    return page.$eval(statusItem, (el) => ({
        text: (el as HTMLElement).innerText.trim(),
        kind: ["error-kind", "warning-kind"].find((k) => el.classList.contains(k)) ?? "",
        icons: [...el.querySelectorAll(".codicon")].map((i) => [...i.classList].find((c) => c.startsWith("codicon-")) ?? ""),
    }));
}

async function waitStatus(page: Page, want: (s: Status) => boolean, what: string): Promise<void> {
    let last: Status | undefined;
    const probe = async () => {
        last = await readStatus(page).catch(() => undefined);
        return last && want(last) ? last : undefined;
    };
    await until(what, probe).catch(() => {
        throw new Error(`status item never ${what}; last seen ${JSON.stringify(last)}`);
    });
    log(`     status item: ${JSON.stringify(last)}`);
}

const isError = (n: number) => (s: Status) => s.kind === "error-kind" && s.icons.includes("codicon-error") && s.text === `Go env: ${n} error${n > 1 ? "s" : ""}`;
const isOk = (s: Status) => s.kind === "" && s.icons.includes("codicon-pass") && s.text === "Go env";

/** Waits for a visible hover (editor or workbench) whose text matches. */
async function waitHover(page: Page, text: RegExp): Promise<void> {
    await page.locator(".monaco-hover, .workbench-hover", { hasText: text }).first().waitFor({ state: "visible", timeout: 10_000 });
}

async function quickOpen(page: Page, keys: string, text: string, row: string): Promise<void> {
    await page.keyboard.press(keys);
    await page.waitForSelector(".quick-input-widget input");
    await page.keyboard.type(text);
    // Quick open lists files only once the file search has indexed the folder.
    await page.locator(".quick-input-list .monaco-list-row", { hasText: row }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press("Enter");
}

/**
 * Ctrl+. at `at` (line:column), then moves the focus down the menu to the fix titled `fix` and
 * applies it. Pressed just as diagnostics change, Ctrl+. can say "No code actions available"
 * although the server answered with the fix (the LSP trace shows it): then, as a user would,
 * it presses Ctrl+. again.
 */
async function applyQuickFix(page: Page, fix: RegExp, screenshot?: string, at = "1:4"): Promise<void> {
    await page.click(`${editor} .view-lines`);
    await page.keyboard.press("Control+G");
    await page.keyboard.type(at);
    await page.keyboard.press("Enter");
    const row = page.locator(".action-widget .monaco-list-row", { hasText: fix });
    for (let attempt = 1; ; attempt++) {
        await page.keyboard.press("Control+Period");
        try {
            await row.waitFor({ timeout: 5_000 });
            break;
        } catch (e) {
            if (attempt === 3) throw e;
            log(`     no ${fix} in the quick-fix menu yet; Ctrl+. again`);
            await page.keyboard.press("Escape");
        }
    }
    const rows = await page.$$eval(".action-widget .monaco-list-row", (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
    log(`     quick-fix menu: ${JSON.stringify(rows)}`);
    if (screenshot) await page.screenshot({ path: path.join(shots, screenshot) });
    // Clicking a row races the menu's layout; the keyboard is what Ctrl+. users use anyway.
    for (let i = 0; i < rows.length; i++) {
        const focused = await page.locator(".action-widget .monaco-list-row.focused").innerText();
        if (fix.test(focused)) return page.keyboard.press("Enter");
        await page.keyboard.press("ArrowDown");
    }
    throw new Error(`could not focus ${fix} in ${JSON.stringify(rows)}`);
}

/** The pids of the gowell servers started from this run's extensions dir. */
function serverPids(): number[] {
    return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
        try {
            const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
            return argv[0]?.startsWith(extDir) && argv[1] === "serve" ? [Number(pid)] : [];
        } catch {
            return []; // the process exited while we looked
        }
    });
}

async function crashServer(page: Page): Promise<void> {
    const [pid, ...more] = serverPids();
    if (pid === undefined || more.length) throw new Error(`expected one server process, found ${JSON.stringify(serverPids())}`);
    process.kill(pid, "SIGKILL");
    await until("a new server process", async () => (serverPids().some((p) => p !== pid) ? true : undefined));
    await waitStatus(page, isOk, "ok after the restart");
}

/** Every file below dir (relative path → content; a link → its target), to compare a copy with its original. */
function tree(dir: string, rel = ""): Map<string, string> {
    const out = new Map<string, string>();
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const p = path.join(rel, e.name);
        if (e.isDirectory()) for (const [k, v] of tree(dir, p)) out.set(k, v);
        else out.set(p, e.isSymbolicLink() ? `-> ${fs.readlinkSync(path.join(dir, p))}` : fs.readFileSync(path.join(dir, p), "utf8"));
    }
    return out;
}

/** The text of the modal dialog once it shows, which must match `want`. */
async function dialogText(page: Page, want: RegExp): Promise<string> {
    const dialog = page.locator(".monaco-dialog-box");
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    if (!want.test(text)) throw new Error(`modal says: ${JSON.stringify(text)}`);
    return text;
}

async function scenario(page: Page): Promise<void> {
    await step(page, "workbench loads", async () => {
        await page.goto(url);
        await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
    });
    await step(page, "the extension activates and shows its status item", () => page.waitForSelector(statusItem, { timeout: 60_000 }));
    // Two errors: IGN001 (no .gitignore) is off through the gowell.rules setting.
    await step(page, "status item turns to error once the server has scanned", () => waitStatus(page, isError(2), "showing 2 errors"));
    await step(page, "go.work opens with an error squiggle", async () => {
        await page.click(".monaco-workbench .part.editor");
        await quickOpen(page, "Control+P", "go.work", "go.work");
        await page.waitForSelector('.tab.active[aria-label*="go.work"]', { timeout: 15_000 });
        await page.waitForSelector(`${editor} .squiggly-error`, { timeout: 30_000 });
    });
    await step(page, "hovering the squiggle shows the GO001 message", async () => {
        const box = await page.locator(`${editor} .squiggly-error`).first().boundingBox();
        if (!box) throw new Error("squiggle has no box");
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await waitHover(page, /GO001/);
        await page.screenshot({ path: path.join(shots, "squiggle.png") });
    });
    await step(page, "the status tooltip lists both problems", async () => {
        await page.hover(statusItem);
        await waitHover(page, /Go environment: 2 errors[\s\S]*GO00[18][\s\S]*GO00[18]/);
        await page.screenshot({ path: path.join(shots, "status-error.png") });
        await page.mouse.move(640, 300);
    });

    await step(page, "Ctrl+. offers both fixes; the tool fix asks first, naming the exact command", async () => {
        await applyQuickFix(page, /Run 'go env -u GOFLAGS'/, "quickfix.png");
        const dialog = page.locator(".monaco-dialog-box");
        await dialog.waitFor({ timeout: 10_000 });
        const text = await dialog.innerText();
        if (!text.includes("go env -u GOFLAGS") || !/in \/\s/.test(`${text}\n`)) throw new Error(`modal says: ${JSON.stringify(text)}`);
        await page.screenshot({ path: path.join(shots, "consent.png") });
        await dialog.locator(".monaco-button", { hasText: /^Run$/ }).click();
    });
    await step(page, "the tool runs, the outcome is reported and GO008 clears", async () => {
        await page.locator(".notification-toast", { hasText: 'Ran "go env -u GOFLAGS"' }).waitFor({ timeout: 15_000 });
        if (/GOFLAGS/.test(fs.readFileSync(goenvFile, "utf8"))) throw new Error(`${goenvFile} still sets GOFLAGS`);
        await waitStatus(page, isError(1), "showing 1 error");
    });
    await step(page, "the GO001 fix edits the go line and the squiggle clears", async () => {
        await applyQuickFix(page, /Set go\.work go version to 1\.24/);
        // Monaco renders spaces as non-breaking spaces, which \s matches.
        await page.waitForFunction((sel) => /go\s1\.24/.test(document.querySelector(sel)?.textContent ?? ""), `${editor} .view-lines`, { timeout: 10_000 });
        await page.waitForSelector(`${editor} .squiggly-error`, { state: "detached", timeout: 30_000 });
    });
    // VS Code saves files a code action edited (files.refactoring.autoSave); Ctrl+S in case it did not.
    await step(page, "go 1.24 reaches the disk", async () => {
        await page.keyboard.press("Control+S");
        const workFile = path.join(workspace, "go.work");
        await until("go 1.24 in go.work on disk", async () => (/^go 1\.24$/m.test(fs.readFileSync(workFile, "utf8")) ? true : undefined), 10_000);
    });
    await step(page, "status item turns to ok", async () => {
        await waitStatus(page, isOk, "ok");
        const bar = await page.locator(statusbar).boundingBox();
        if (bar) await page.screenshot({ path: path.join(shots, "status-ok.png"), clip: { x: 0, y: bar.y - 60, width: 640, height: bar.height + 60 } });
    });

    await step(page, "gowell: Explain Rule shows the rule's page", async () => {
        await quickOpen(page, "F1", "gowell: Explain Rule", "Explain Rule");
        // No gowell diagnostic is left, so the command asks for an ID.
        await page.waitForSelector(".quick-input-widget input");
        await page.keyboard.type("GO001");
        await page.keyboard.press("Enter");
        await page.waitForSelector('.tab.active[aria-label*="GO001"]', { timeout: 15_000 });
        // The markdown preview is a webview: its text lives in a nested frame.
        const rendered = async () => {
            for (const f of page.frames()) {
                const t = await f.evaluate(() => document.body?.innerText ?? "").catch(() => "");
                if (/GO001: go\.work/.test(t)) return t;
            }
            return undefined;
        };
        log(`     explanation starts: ${JSON.stringify((await until("the rendered explanation", rendered, 15_000)).slice(0, 80))}`);
        await page.screenshot({ path: path.join(shots, "explain.png") });
    });
    await step(page, "clicking the status item opens the report", async () => {
        await page.click(statusItem);
        await page.waitForSelector('.tab.active[aria-label*="gowell report"]', { timeout: 10_000 });
        const text = await until("the report text", async () => {
            const t = await page.locator(`${editor} .view-lines`).innerText();
            return t.trim() ? t : undefined;
        });
        if (!/\[✓\]\sGo\sworkspace/.test(text)) throw new Error(`report: ${JSON.stringify(text)}`);
        log(`     report starts: ${JSON.stringify(text.slice(0, 100))}`);
        await page.screenshot({ path: path.join(shots, "report.png") });
    });
    await step(page, "a killed server is restarted, twice; the user is told once and sees no errors", async () => {
        await crashServer(page);
        await crashServer(page);
        await page.click(`${statusbar} #status\\.notifications`);
        const told = page.locator(".notifications-center .notification-list-item", { hasText: "exited unexpectedly" });
        await told.first().waitFor({ timeout: 10_000 });
        if ((await told.count()) !== 1) throw new Error(`told ${await told.count()} times`);
        const errors = await page.locator(".notifications-center .notification-list-item", { has: page.locator(".codicon-error") }).allInnerTexts();
        if (errors.length) throw new Error(`error notifications: ${JSON.stringify(errors)}`);
        await page.screenshot({ path: path.join(shots, "crash.png") });
        await page.keyboard.press("Escape");
    });
    // Through the settings editor, as a user would: code-server does not notice edits made
    // to settings.json behind its back.
    await step(page, "turning IGN001 back on in gowell.rules reaches the running server", async () => {
        const settings = JSON.parse(fs.readFileSync(settingsFile, "utf8")) as Record<string, unknown>;
        await quickOpen(page, "F1", "Preferences: Open User Settings (JSON)", "Open User Settings (JSON)");
        await page.waitForSelector('.tab.active[aria-label*="settings.json"]', { timeout: 15_000 });
        // Keys pressed before the editor has the focus are lost.
        await page.waitForSelector(`${editor}.focused`, { timeout: 15_000 });
        await page.keyboard.press("Control+A");
        await page.keyboard.insertText(JSON.stringify({ ...settings, "gowell.rules": { IGN001: "warning" } }, null, 2));
        await page.keyboard.press("Control+S");
        await waitStatus(page, (s) => s.kind === "warning-kind" && s.text === "Go env: 1 warning", "showing the IGN001 warning");
    });
    await moveScenario(page);
}

/**
 * A second window, on a workspace whose folder settings start the server on a replayed WSL2
 * machine where that folder is drive C: (WSL003). Its quick fix copies the workspace to
 * ~/src/shop and reopens the window in the copy, where WSL003 is gone.
 */
async function moveScenario(page: Page): Promise<void> {
    const original = tree(shop);
    const dest = path.join(home, "src", path.basename(shop));
    await step(page, "a workspace on drive C: shows WSL003, and the status tooltip offers the move", async () => {
        await page.goto(`${url}?folder=${encodeURIComponent(shop)}`);
        await page.waitForSelector(statusItem, { timeout: 60_000 });
        await waitStatus(page, (s) => s.kind === "warning-kind" && s.text === "Go env: 1 warning", "showing WSL003");
        await page.hover(statusItem);
        await waitHover(page, /WSL003[\s\S]*Move this workspace to the Linux filesystem…/);
        await page.screenshot({ path: path.join(shots, "status-move.png") });
        await page.mouse.move(640, 300);
    });
    await step(page, "Ctrl+. on the module line of go.mod offers the move, which suggests ~/src/shop", async () => {
        await page.click(".monaco-workbench .part.editor");
        await quickOpen(page, "Control+P", "go.mod", "go.mod");
        await page.waitForSelector('.tab.active[aria-label*="go.mod"]', { timeout: 15_000 });
        await page.waitForSelector(`${editor} .squiggly-warning`, { timeout: 30_000 });
        await applyQuickFix(page, /Move this workspace to the Linux filesystem…/, "move-quickfix.png", "1:10");
        const box = page.locator(".quick-input-widget input");
        await box.waitFor({ timeout: 15_000 });
        await until("the suggested destination", async () => ((await box.inputValue()) === dest ? true : undefined), 10_000).catch(async () => {
            throw new Error(`input box holds ${JSON.stringify(await box.inputValue())}, want ${JSON.stringify(dest)}`);
        });
        await page.keyboard.press("Enter");
    });
    await step(page, "the confirmation names the folder, its file count and the destination, and says the original stays", async () => {
        const text = await dialogText(page, /the original is not changed or deleted/);
        if (!text.includes(`${shop} (${original.size} files) to ${dest}`)) throw new Error(`modal says: ${JSON.stringify(text)}`);
        await page.screenshot({ path: path.join(shots, "move-confirm.png") });
        await page.locator(".monaco-dialog-box .monaco-button", { hasText: /^Copy$/ }).click();
    });
    await step(page, "the copy is made and verified, the original kept, and the window offers to reopen in it", async () => {
        await dialogText(page, /Reopen in the copy\?[\s\S]*verified it[\s\S]*unchanged/);
        const same = (a: Map<string, string>) => JSON.stringify([...a]) === JSON.stringify([...original]);
        if (!same(tree(dest))) throw new Error(`the copy holds ${JSON.stringify([...tree(dest)])}, the original ${JSON.stringify([...original])}`);
        if (!same(tree(shop))) throw new Error("the original changed");
        log(`     copied: ${JSON.stringify([...original.keys()])}`);
        await page.screenshot({ path: path.join(shots, "move-reopen.png") });
        await page.locator(".monaco-dialog-box .monaco-button", { hasText: /^Reopen$/ }).click();
    });
    await step(page, "the window reopens in the copy, where WSL003 is gone", async () => {
        await until("the window on the copy", async () => (new URL(page.url()).searchParams.get("folder")?.endsWith(dest) ? true : undefined));
        await page.waitForSelector(statusItem, { timeout: 60_000 });
        await waitStatus(page, isOk, "ok");
    });
}

async function main(): Promise<void> {
    const browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "chromium-")), {
        executablePath: "/usr/bin/chromium",
        headless: true,
        viewport: { width: 1280, height: 720 },
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
        await scenario(browser.pages()[0] ?? (await browser.newPage()));
    } finally {
        await browser.close();
    }
}

main().then(
    () => log("e2e passed"),
    () => process.exit(1),
);
