/**
 * Builds the VS Code extension into extension/dist/ (run by `npm run test:extension` and
 * `npm run package:extension`; the root `npm ci` does not, to stay lean):
 *  - extension.cjs: the desktop entry (`main`), for the Node extension host;
 *  - extension_web.cjs: the web entry (`browser`), for VS Code for the Web's worker extension host;
 *  - jsonnet_worker.js / .mjs: lib's sandbox worker, for Web Workers and for `worker_threads`;
 *  - jsonnet.wasm: the engine binary (with the deadline checks the root build adds).
 * lib is bundled from source; `vscode` stays external. Flags: --production minifies.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "extension", "dist");
const production = process.argv.includes("--production");

// `npm ci` generated the glue; regenerating it would make the root dist/ look older than lib/.
if (!existsSync(join(root, "lib/jsonnet/glue.generated.js"))) await import("./generate_jsonnet_glue.ts");
mkdirSync(out, { recursive: true });
copyFileSync(join(root, "lib/jsonnet/jsonnet.wasm"), join(out, "jsonnet.wasm"));

const common: esbuild.BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  target: "es2022",
  minify: production,
  sourcemap: production ? false : "inline",
  logLevel: "warning",
  external: ["vscode"],
  // lib reads `import.meta.url` for its default file locations; a CommonJS bundle has none, so give it
  // the bundle's own URL (the extension always passes the engine and worker explicitly).
  define: { "import.meta.url": "__bundleUrl" },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ["extension/src/extension.ts"],
    outfile: join(out, "extension.cjs"),
    platform: "node",
    format: "cjs",
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  esbuild.build({
    ...common,
    entryPoints: ["extension/src/extension.ts"],
    outfile: join(out, "extension_web.cjs"),
    platform: "browser",
    format: "cjs",
    external: ["vscode", "node:*"],
    banner: { js: 'var __bundleUrl = "https://ory-tokenizer.invalid/dist/extension_web.cjs";' },
  }),
  ...["js", "mjs"].map((extension) =>
    esbuild.build({
      ...common,
      define: {},
      entryPoints: ["lib/runtime/worker_main.ts"],
      outfile: join(out, `jsonnet_worker.${extension}`),
      platform: "neutral",
      format: "esm",
      external: ["node:fs/promises", "node:worker_threads"],
    })
  ),
]);
