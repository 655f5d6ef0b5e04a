/**
 * The browser: what a page downloads (lib's bundle and the engine binary, raw and gzip), and the time
 * from `import()` to the first token in Chromium (test/chromium.ts).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../test/chromium.ts";
import type { Measurement } from "./measure.ts";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
// What an unbundled page fetches to tokenize (jose, loaded through an import map, not counted), and
// what an app's bundle takes from the package's browser entry (its engine and worker inline).
const UNBUNDLED = [...withChunks("mod.js"), "jsonnet_worker.js", "jsonnet.wasm"];
const BUNDLED = [...withChunks("browser.js"), "jsonnet_worker_inline.js", "jsonnet_wasm_inline.js"];

/** An entry and the shared chunks it imports, statically and transitively. */
function withChunks(entry: string, found = new Set<string>()): Set<string> {
  found.add(entry);
  const text = readFileSync(`${dist}${entry}`, "utf8");
  for (const [, chunk] of text.matchAll(/from "\.\/((?:browser_)?shared_[A-Z0-9]+\.js)"/g)) {
    if (!found.has(chunk!)) withChunks(chunk!, found);
  }
  return found;
}
const size = (gzip: boolean, names = UNBUNDLED) =>
  names.reduce((total, name) => {
    const bytes = readFileSync(`${dist}${name}`);
    return total + (gzip ? gzipSync(bytes, { level: 9 }).length : bytes.length);
  }, 0) / 1024;

async function firstTokenInChromium(): Promise<number> {
  const server = spawn(process.execPath, [
    "--import",
    "tsx",
    fileURLToPath(new URL("../test/browser/static_server.ts", import.meta.url)),
    "4179",
  ], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve) => server.stdout.once("data", resolve));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await (await browser.newContext()).newPage();
      await page.goto("http://127.0.0.1:4179/test/browser/blank.html");
      times.push(
        await page.evaluate(async (url) => {
          const start = performance.now();
          // deno-lint-ignore no-explicit-any
          const lib: any = await import(url);
          const jwks = await lib.generateJwks({ alg: "ES256" });
          const mapper = "local claims = std.extVar('claims'); { claims: { iss: claims.iss + '/x' } }";
          await new lib.Tokenizer({ templates: { t: lib.encodeTemplate({ jwks, claimsMapper: mapper }) } })
            .tokenize(lib.sampleSession(), "t");
          return performance.now() - start;
        }, "/dist/mod.js"),
      );
      await page.context().close();
    }
    return times.sort((a, b) => a - b)[2]!;
  } finally {
    await browser.close();
    server.kill();
  }
}

export const browser: Measurement[] = [
  {
    name: "bundle_kb",
    unit: "KiB",
    description:
      "what an unbundled page loads: dist/mod.js and its chunks, jsonnet_worker.js, jsonnet.wasm (jose aside), raw",
    run: () => Promise.resolve(size(false)),
  },
  {
    name: "browser_entry_gzip_kb",
    unit: "KiB",
    description: "what the browser entry adds to an app's bundle (engine and worker inline), gzip -9",
    run: () => Promise.resolve(size(true, BUNDLED)),
  },
  {
    name: "bundle_gzip_kb",
    unit: "KiB",
    description: "the same, gzip -9",
    target: { max: 1024 },
    run: () => Promise.resolve(size(true)),
  },
  {
    name: "chromium_first_token_ms",
    unit: "ms",
    description: "Chromium: import() of dist/mod.js to the first token, over HTTP on 127.0.0.1 (median of 5)",
    run: firstTokenInChromium,
  },
];
