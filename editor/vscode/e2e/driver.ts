// Drives a real VS Code (code-server) in headless Chromium through the scenario:
// squiggle on the go.work `go` line → quick fix from Ctrl+. → squiggle gone, status error → ok.
// Usage: node driver.js <code-server URL> <workspace dir> <screenshot dir>
// Every step must succeed within its timeout; the first failure takes a screenshot and exits 1.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Page } from "playwright-core";

const [url = "", workspace = "", shots = ""] = process.argv.slice(2);
if (!url || !workspace || !shots) throw new Error("usage: driver.js <url> <workspace> <screenshot dir>");

const statusbar = "#workbench\\.parts\\.statusbar";
// vscode.window.createStatusBarItem("gowell.status") gets the DOM id "<extension id>.gowell.status".
const statusItem = `${statusbar} [id$="gowell.status"]`;
const editor = ".editor-group-container.active .monaco-editor";
const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

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

/** The gowell status item: its text, whether it has the error/warning colour, and its codicons. */
async function readStatus(page: Page): Promise<{ text: string; kind: string; icons: string[] }> {
    return page.$eval(statusItem, (el) => ({
        text: (el as HTMLElement).innerText.trim(),
        kind: ["error-kind", "warning-kind"].find((k) => el.classList.contains(k)) ?? "",
        icons: [...el.querySelectorAll(".codicon")].map((i) => [...i.classList].find((c) => c.startsWith("codicon-")) ?? ""),
    }));
}

async function waitStatus(page: Page, want: (s: { text: string; kind: string; icons: string[] }) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    let last = await readStatus(page).catch(() => undefined);
    while (!last || !want(last)) {
        if (Date.now() > deadline) throw new Error(`status item never ${what}; last seen ${JSON.stringify(last)}`);
        await page.waitForTimeout(250);
        last = await readStatus(page).catch(() => undefined);
    }
    log(`     status item: ${JSON.stringify(last)}`);
}

/** Waits for a visible hover (editor or workbench) whose text matches. */
async function waitHover(page: Page, text: RegExp): Promise<void> {
    await page.locator(".monaco-hover, .workbench-hover", { hasText: text }).first().waitFor({ state: "visible", timeout: 10_000 });
}

async function openFile(page: Page, name: string): Promise<void> {
    await page.keyboard.press("Control+P");
    await page.waitForSelector(".quick-input-widget input");
    await page.keyboard.type(name);
    // Quick open lists files only once the file search has indexed the folder.
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 30_000 });
    await page.keyboard.press("Enter");
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
    await page.waitForSelector(`${editor} .view-lines`);
}

async function main(): Promise<void> {
    const workFile = path.join(workspace, "go.work");
    const browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "chromium-")), {
        executablePath: "/usr/bin/chromium",
        headless: true,
        viewport: { width: 1280, height: 720 },
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    try {
        await step(page, "workbench loads", async () => {
            await page.goto(url);
            await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
        });
        await step(page, "the extension activates and shows its status item", () => page.waitForSelector(statusItem, { timeout: 60_000 }));
        // Exactly one error: IGN001 (no .gitignore) is off through the gowell.rules setting.
        await step(page, "status item turns to error once the server has scanned", () =>
            waitStatus(page, (s) => s.kind === "error-kind" && s.icons.includes("codicon-error") && s.text === "Go env: 1 error", "showed the error"));
        await step(page, "go.work opens with an error squiggle", async () => {
            await page.click(".monaco-workbench .part.editor");
            await openFile(page, "go.work");
            await page.waitForSelector(`${editor} .squiggly-error`, { timeout: 30_000 });
        });
        await step(page, "hovering the squiggle shows the GO001 message", async () => {
            const box = await page.locator(`${editor} .squiggly-error`).first().boundingBox();
            if (!box) throw new Error("squiggle has no box");
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            await waitHover(page, /GO001/);
            await page.screenshot({ path: path.join(shots, "squiggle.png") });
        });
        await step(page, "the status tooltip lists the problem", async () => {
            await page.hover(statusItem);
            await waitHover(page, /Go environment: 1 error/);
            await page.screenshot({ path: path.join(shots, "status-error.png") });
            await page.mouse.move(640, 300);
        });
        const fix = /Set go\.work go version to 1\.24/;
        await step(page, "Ctrl+. on the go line offers the fix", async () => {
            await page.click(`${editor} .view-lines`);
            await page.keyboard.press("Control+G");
            await page.keyboard.type("1:1");
            await page.keyboard.press("Enter");
            await page.keyboard.press("Control+Period");
            const row = page.locator(".action-widget .monaco-list-row", { hasText: fix });
            await row.waitFor({ timeout: 15_000 });
            const rows = await page.$$eval(".action-widget .monaco-list-row", (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
            log(`     quick-fix menu: ${JSON.stringify(rows)}`);
            await page.screenshot({ path: path.join(shots, "quickfix.png") });
            await page.locator(".action-widget .monaco-list-row.focused", { hasText: fix }).waitFor({ timeout: 5_000 });
            await page.keyboard.press("Enter");
        });
        await step(page, "the fix edits the go line and the squiggle clears", async () => {
            await page.waitForFunction((sel) => /go\s1\.24/.test(document.querySelector(sel)?.textContent ?? ""), `${editor} .view-lines`, { timeout: 10_000 });
            await page.waitForSelector(`${editor} .squiggly-error`, { state: "detached", timeout: 30_000 });
        });
        // VS Code saves files a code action edited (files.refactoring.autoSave); Ctrl+S in case it did not.
        await step(page, "go 1.24 reaches the disk", async () => {
            await page.keyboard.press("Control+S");
            const deadline = Date.now() + 10_000;
            while (!/^go 1\.24$/m.test(fs.readFileSync(workFile, "utf8"))) {
                if (Date.now() > deadline) throw new Error(`go.work on disk:\n${fs.readFileSync(workFile, "utf8")}`);
                await page.waitForTimeout(200);
            }
        });
        await step(page, "status item turns to ok", async () => {
            await waitStatus(page, (s) => s.kind === "" && s.icons.includes("codicon-pass"), "turned ok");
            const bar = await page.locator(statusbar).boundingBox();
            if (bar) await page.screenshot({ path: path.join(shots, "status-ok.png"), clip: { x: 0, y: bar.y - 60, width: 640, height: bar.height + 60 } });
        });
        await step(page, "clicking the status item opens the report", async () => {
            await page.click(statusItem);
            await page.waitForSelector('.tab.active[aria-label*="gowell report"]', { timeout: 10_000 });
            await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? "").trim().length > 0, `${editor} .view-lines`);
            const text = await page.locator(`${editor} .view-lines`).innerText();
            if (/not available/.test(text)) throw new Error(`report: ${text}`);
            log(`     report starts: ${JSON.stringify(text.slice(0, 120))}`);
            await page.screenshot({ path: path.join(shots, "report.png") });
        });
    } finally {
        await browser.close();
    }
}

main().then(
    () => log("e2e passed"),
    () => process.exit(1),
);
