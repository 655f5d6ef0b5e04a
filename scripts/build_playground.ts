/**
 * Builds the playground (playground/) into dist/playground/: the page, its stylesheet, and two
 * minified bundles (the page and its evaluation worker), with relative URLs only, so any static host
 * serves it. Both bundles import lib as a user does, `ory-tokenizer`, resolved through the package's
 * own `exports` to its browser build (dist/browser.js): so this runs after lib's build.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";

export async function buildPlayground(root: string): Promise<void> {
  const out = join(root, "dist/playground");
  mkdirSync(out, { recursive: true });
  for (const file of ["index.html", "playground.css"]) copyFileSync(join(root, "playground", file), join(out, file));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: "playground/main.ts", worker: "playground/worker.ts" },
    outdir: out,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["browser"],
    target: "es2022",
    minify: true,
    logLevel: "warning",
    // lib's browser build names Node built-ins only behind a runtime check that a page never passes.
    external: ["node:fs/promises", "node:fs", "node:worker_threads"],
  });
}
