// The pure parts of "Move this workspace to the Linux filesystem": the `gowell move-workspace`
// command lines, its JSON lines, the destination check, the progress and what the user is
// told. No vscode API here, so all of it is unit-tested under plain node.
import * as fs from "node:fs/promises";
import * as path from "node:path";

/** `gowell move-workspace --suggest --json --from <folder>`: what a move of the folder copies, and where to. */
export interface SuggestLine {
    type: "suggest";
    /** The git repository holding the folder, or the folder itself outside one. */
    from: string;
    /** A free ~/src/<name>. */
    dest: string;
    /** Where the folder sits inside `from` ("." when it is `from`). */
    folder: string;
}
export type Phase = "count" | "copy" | "verify";
export interface ProgressLine {
    type: "progress";
    phase: Phase;
    files: number;
    totalFiles: number;
    bytes: number;
    totalBytes: number;
}
export interface DoneLine {
    type: "done";
    src: string;
    dest: string;
    files: number;
    symlinks: number;
    dirs: number;
    bytes: number;
    git: boolean;
    verified: boolean;
    differences: string[];
    skipped: string[];
    notes: string[];
}
export interface ErrorLine {
    type: "error";
    reason: "refused" | "usage" | "cancelled" | "failed";
    message: string;
}
export type MoveLine = SuggestLine | ProgressLine | DoneLine | ErrorLine;

export function suggestArgs(folder: string): string[] {
    return ["move-workspace", "--suggest", "--json", "--from", folder];
}

export function moveArgs(from: string, dest: string): string[] {
    return ["move-workspace", "--json", "--from", from, dest];
}

/** One line of the command's stdout, or undefined when it is not a line of the documented shape. */
export function parseMoveLine(line: string): MoveLine | undefined {
    let v: unknown;
    try {
        v = JSON.parse(line);
    } catch {
        return undefined;
    }
    if (typeof v !== "object" || v === null) return undefined;
    const o = v as Record<string, unknown>;
    const str = (k: string) => typeof o[k] === "string";
    const num = (k: string) => typeof o[k] === "number" && Number.isFinite(o[k]);
    const strs = (k: string) => Array.isArray(o[k]) && o[k].every((s) => typeof s === "string");
    switch (o["type"]) {
        case "suggest":
            return str("from") && str("dest") && str("folder") ? (o as unknown as SuggestLine) : undefined;
        case "progress":
            return ["count", "copy", "verify"].includes(o["phase"] as string) && ["files", "totalFiles", "bytes", "totalBytes"].every(num)
                ? (o as unknown as ProgressLine)
                : undefined;
        case "done":
            return str("src") && str("dest") && ["files", "symlinks", "dirs", "bytes"].every(num) &&
                typeof o["git"] === "boolean" && typeof o["verified"] === "boolean" && ["differences", "skipped", "notes"].every(strs)
                ? (o as unknown as DoneLine)
                : undefined;
        case "error":
            return ["refused", "usage", "cancelled", "failed"].includes(o["reason"] as string) && str("message")
                ? (o as unknown as ErrorLine)
                : undefined;
    }
    return undefined;
}

/** A typed destination as an absolute path: `~` and `~/…` are the home directory. */
export function expandDestination(input: string, home: string): string | undefined {
    const p = input.trim();
    if (p === "~" || p.startsWith("~/")) return path.posix.join(home, p.slice(1));
    return path.posix.isAbsolute(p) ? path.posix.normalize(p) : undefined;
}

/**
 * Why the typed destination cannot be used, or undefined when it can: it must be absolute (or
 * start with ~), not exist in any form (the copy refuses an existing folder, even an empty one)
 * and not lie inside the folder being copied.
 */
export async function destinationProblem(
    input: string,
    env: { home: string; from: string; exists: (p: string) => Promise<boolean> },
): Promise<string | undefined> {
    if (!input.trim()) return "Name the new folder.";
    const dest = expandDestination(input, env.home);
    if (dest === undefined) return "Give an absolute path, or one that starts with ~/.";
    if (within(env.from, dest)) return `The copy cannot go inside the folder it copies (${env.from}).`;
    if (await env.exists(dest)) return `${dest} exists: name a folder that does not exist yet.`;
    return undefined;
}

function within(dir: string, p: string): boolean {
    const rel = path.posix.relative(dir, p);
    return rel === "" || (!rel.startsWith("../") && rel !== ".." && !path.posix.isAbsolute(rel));
}

/** True when p exists as anything, a dangling symbolic link included. */
export async function exists(p: string): Promise<boolean> {
    try {
        await fs.lstat(p);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code !== "ENOENT";
    }
}

/**
 * The files a move of dir copies, counted as the command counts them (regular files and
 * symbolic links; links to directories are not followed), for the confirmation. Directories
 * are read a few at a time: on a Windows drive each read is a round trip to Windows. An
 * unreadable directory is skipped (the copy itself reports it). Undefined once cancelled.
 */
export async function countFiles(dir: string, cancelled: () => boolean, parallel = 16): Promise<number | undefined> {
    let running = 0;
    const waiting: (() => void)[] = [];
    const readdir = async (d: string) => {
        if (running >= parallel) await new Promise<void>((resolve) => waiting.push(resolve));
        running++;
        try {
            return await fs.readdir(d, { withFileTypes: true });
        } catch {
            return [];
        } finally {
            running--;
            waiting.shift()?.();
        }
    };
    const walk = async (d: string): Promise<number> => {
        if (cancelled()) return 0;
        let n = 0;
        const subdirs: Promise<number>[] = [];
        for (const e of await readdir(d)) {
            if (e.isDirectory()) subdirs.push(walk(path.join(d, e.name)));
            else if (e.isFile() || e.isSymbolicLink()) n++;
        }
        for (const m of await Promise.all(subdirs)) n += m;
        return n;
    };
    const n = await walk(dir);
    return cancelled() ? undefined : n;
}

export function count(n: number, word: string): string {
    return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/** "512 bytes", "4.1 kB", "12.3 MB", "1.2 GB" (decimal units, as `du --si` and the CLI use). */
export function size(bytes: number): string {
    if (bytes < 1e3) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
    const [unit, div] = bytes < 1e6 ? ["kB", 1e3] : bytes < 1e9 ? ["MB", 1e6] : ["GB", 1e9];
    return `${(bytes / (div as number)).toFixed(1)} ${unit as string}`;
}

/**
 * Turns progress lines into what withProgress wants: a message and an increment, so that the
 * increments add up to the share done (the copy fills 95%, verification the rest at the end).
 */
export class ProgressMeter {
    private shown = 0;

    update(p: ProgressLine): { message: string; increment: number } {
        const percent = Math.round(progressPercent(p));
        const increment = Math.max(0, percent - this.shown);
        this.shown += increment;
        return { message: progressMessage(p), increment };
    }
}

function progressPercent(p: ProgressLine): number {
    switch (p.phase) {
        case "count":
            return 0;
        case "verify":
            return 95;
        case "copy": {
            // Time goes to both bytes and files (each file is a round trip on a Windows drive).
            const parts = [p.totalBytes > 0 ? p.bytes / p.totalBytes : undefined, p.totalFiles > 0 ? p.files / p.totalFiles : undefined]
                .filter((x): x is number => x !== undefined);
            const done = parts.length ? parts.reduce((a, b) => a + b) / parts.length : 0;
            return 95 * Math.min(1, Math.max(0, done));
        }
    }
}

export function progressMessage(p: ProgressLine): string {
    switch (p.phase) {
        case "count":
            return `counting: ${count(p.files, "file")}, ${size(p.bytes)}`;
        case "copy":
            return `copying: ${p.files.toLocaleString("en-US")} of ${count(p.totalFiles, "file")}, ${size(p.bytes)} of ${size(p.totalBytes)}`;
        case "verify":
            return `verifying the ${count(p.totalFiles, "file")} against the original`;
    }
}

/** The modal before anything is copied: exactly what happens. */
export function confirmation(s: SuggestLine, dest: string, files: number): { message: string; detail: string } {
    const parts = [
        `gowell copies ${s.from} (${count(files, "file")}) to ${dest} — everything in it, uncommitted and ignored files included — ` +
            "and checks that the copy is the same; the original is not changed or deleted.",
    ];
    if (s.folder !== ".") {
        parts.push(`This workspace folder is ${s.folder} inside the git repository ${s.from}, so the whole repository is copied.`);
    }
    parts.push("Once the copy is verified, you choose whether to reopen the window in it.");
    return { message: "Copy this workspace to the Linux filesystem?", detail: parts.join("\n\n") };
}

/** How a run of `gowell move-workspace --json` ended, from its exit status and its last result line. */
export type MoveOutcome =
    | { kind: "verified"; done: DoneLine }
    | { kind: "differs"; done: DoneLine }
    | { kind: "cancelled"; message: string }
    | { kind: "failed"; message: string };

export function moveOutcome(exitCode: number | null, last: DoneLine | ErrorLine | undefined): MoveOutcome {
    if (last?.type === "done") {
        if (exitCode === 0 && last.verified) return { kind: "verified", done: last };
        if (exitCode === 1) return { kind: "differs", done: last };
    }
    if (last?.type === "error") return { kind: last.reason === "cancelled" ? "cancelled" : "failed", message: last.message };
    const how = exitCode === null ? "was killed" : `exited with status ${exitCode}`;
    return { kind: "failed", message: `gowell move-workspace ${how} without reporting a result.` };
}

/** The modal after a verified copy, which asks whether to reopen the window in `target`. */
export function verifiedText(d: DoneLine, target: string): { message: string; detail: string } {
    const same = d.git ? "the same files, links and bytes, the same git status and refs" : "the same files, links and bytes";
    const parts = [
        `Copied ${count(d.files, "file")} (${size(d.bytes)}) to ${d.dest} and verified it: ${same}.`,
        `The original at ${d.src} is unchanged; delete it yourself once the copy suits you.`,
        ...extras(d),
        `Reopening opens ${target} in this window.`,
    ];
    return { message: "Reopen in the copy?", detail: parts.join("\n\n") };
}

/** At most this many differences are listed in a message; the output channel has them all. */
const maxListed = 10;

/** The message for a copy that is complete but not the same as the original. */
export function differsText(d: DoneLine): { message: string; detail: string } {
    const listed = d.differences.slice(0, maxListed).map((x) => `- ${x}`);
    if (d.differences.length > maxListed) listed.push(`- … and ${d.differences.length - maxListed} more (see the gowell output)`);
    const parts = [
        `The copy at ${d.dest} is complete but differs from the original:\n${listed.join("\n")}`,
        `The copy is kept and the original at ${d.src} is unchanged: compare them before deleting anything.`,
        ...extras(d),
    ];
    return { message: "The copy differs from the original", detail: parts.join("\n\n") };
}

function extras(d: DoneLine): string[] {
    const out = d.skipped.length ? [`Not copied (they belong to running programs): ${d.skipped.join(", ")}.`] : [];
    return [...out, ...d.notes.map((n) => `Note: ${n}`)];
}
