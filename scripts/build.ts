/**
 * Builds everything from source, in one go (also run by `npm ci` through `prepare`):
 *  1. the Jsonnet glue and the engine binary next to lib's source (scripts/generate_jsonnet_glue.ts);
 *  2. dist/mod.js: lib as one ES module for Node, Deno, browsers and workers (platform neutral),
 *     with dist/jsonnet.wasm beside it;
 *  3. dist/cli.js: the CLI for Node (bin/ory-tokenizer runs it);
 *  4. dist/jsonnet_worker.js: the Jsonnet sandbox's worker (lib/jsonnet/worker_main.ts), which
 *     mod.js and cli.js start from beside themselves, and lib's source from here (see
 *     lib/runtime/spawn_worker.ts).
 * Flags: --watch rebuilds on change; --production minifies.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

await import("./generate_jsonnet_glue.ts");
mkdirSync(join(root, "dist"), { recursive: true });
copyFileSync(join(root, "lib/jsonnet/jsonnet.wasm"), join(root, "dist/jsonnet.wasm"));

const common: esbuild.BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: production,
  sourcemap: "linked",
  logLevel: "warning",
};

const targets: esbuild.BuildOptions[] = [
  // Neutral: no Node built-in may be bundled. read_url's Node fallback stays an import that only Node reaches.
  {
    ...common,
    entryPoints: { mod: "lib/mod.ts" },
    outdir: "dist",
    platform: "neutral",
    external: ["node:fs/promises", "node:fs", "node:worker_threads"],
  },
  // Neutral too: a module Web Worker in browsers and Deno, a worker_threads worker in Node.
  {
    ...common,
    entryPoints: { jsonnet_worker: "lib/jsonnet/worker_main.ts" },
    outdir: "dist",
    platform: "neutral",
    external: ["node:fs/promises", "node:worker_threads"],
  },
  {
    ...common,
    entryPoints: { cli: "lib/cli/run.ts" },
    outdir: "dist",
    platform: "node",
    // yaml is CommonJS-free ESM; bundling keeps `npx ory-tokenizer` a single file plus the wasm.
    banner: {
      js:
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  },
];

if (watch) {
  for (const target of targets) await (await esbuild.context(target)).watch();
  console.log("watching lib/ for changes…");
} else {
  await Promise.all(targets.map((target) => esbuild.build(target)));
}
