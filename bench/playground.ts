/**
 * The playground in Chromium (test/chromium.ts), served from 127.0.0.1 by the browser tests' static server:
 * what it transfers (gzip), the time from navigation to the first token on a cold context, and the
 * time from a keystroke in the guide's mapper to the claims table showing its effect (p95).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../test/chromium.ts";
import type { Measurement } from "./measure.ts";

const folder = fileURLToPath(new URL("../dist/playground/", import.meta.url));
const PORT = 4183;
const PAGE = `http://127.0.0.1:${PORT}/dist/playground/index.html`;
const COLD_RUNS = 5;
const KEYSTROKES = 40;

function gzipKb(): number {
  return readdirSync(folder).reduce(
    (total, name) => total + gzipSync(readFileSync(`${folder}${name}`), { level: 6 }).length,
    0,
  ) / 1024;
}

async function withPlayground<T>(run: (open: () => Promise<Page>) => Promise<T>): Promise<T> {
  const server = spawn(process.execPath, [
    "--import",
    "tsx",
    fileURLToPath(new URL("../test/browser/static_server.ts", import.meta.url)),
    String(PORT),
  ], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve) => server.stdout.once("data", resolve));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    // A fresh context each time: no HTTP cache, no storage, so every load is cold.
    return await run(async () => await (await browser.newContext()).newPage());
  } finally {
    await browser.close();
    server.kill();
  }
}

/** Milliseconds from navigation start to the token on the page (median of cold loads). */
async function firstToken(): Promise<number> {
  return await withPlayground(async (open) => {
    const times: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const page = await open();
      await page.goto(PAGE, { waitUntil: "commit" });
      await page.waitForFunction(() => (document.getElementById("token")?.textContent ?? "") !== "", null, {
        polling: "raf",
        timeout: 30_000,
      });
      times.push(await page.evaluate(() => performance.now()));
      await page.context().close();
    }
    return times.sort((a, b) => a - b)[Math.floor(COLD_RUNS / 2)]!;
  });
}

/** p95 of keystroke (keydown) to the `iss` claim showing it, typing into the guide's mapper's string. */
async function keystrokeToClaims(): Promise<number> {
  return await withPlayground(async (open) => {
    const page = await open();
    await page.goto(PAGE);
    await page.waitForFunction(() => document.querySelector('#status[data-state="ok"]') !== null);
    await page.evaluate(() => {
      const marks = globalThis as unknown as { down: number; updated: number };
      document.addEventListener("keydown", () => (marks.down = performance.now()), { capture: true });
      new MutationObserver(() => (marks.updated = performance.now()))
        .observe(document.querySelector("#claims tbody")!, { childList: true, subtree: true, characterData: true });
    });
    await page.locator('[aria-label="Claims mapper"]').click();
    await page.keyboard.press("ControlOrMeta+Home");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    // Line 6 is `iss: claims.iss + '/additional-component',`: type before the closing `',`.
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    const times: number[] = [];
    for (let n = 1; n <= KEYSTROKES; n++) {
      await page.keyboard.press("x");
      await page.waitForFunction(
        (count) =>
          (document.querySelector('tr[data-claim="iss"] code')?.textContent ?? "").includes(
            `component${"x".repeat(count)}"`,
          ),
        n,
        { polling: "raf" },
      );
      times.push(
        await page.evaluate(() => {
          const marks = globalThis as unknown as { down: number; updated: number };
          return marks.updated - marks.down;
        }),
      );
    }
    times.sort((a, b) => a - b);
    return times[Math.ceil(0.95 * times.length) - 1]!;
  });
}

export const playground: Measurement[] = [
  {
    name: "playground_gzip_kb",
    unit: "KiB",
    description:
      "what the playground transfers (dist/playground/: page, stylesheet, bundle, worker with the engine), gzip",
    run: () => Promise.resolve(gzipKb()),
  },
  {
    name: "playground_first_token_ms",
    unit: "ms",
    description: "playground in Chromium from 127.0.0.1: navigation to the first token, cold context (median of 5)",
    target: { max: 500 },
    run: firstToken,
  },
  {
    name: "playground_keystroke_p95_ms",
    unit: "ms",
    description: "playground: keystroke in the guide's mapper to the updated claims table, p95 of 40",
    target: { max: 50 },
    run: keystrokeToClaims,
  },
];
