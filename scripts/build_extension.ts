/**
 * Builds the VS Code extension into extension/dist/ (run by `npm run test:extension` and
 * `npm run package:extension`; the root `npm ci` does not, to stay lean):
 *  - extension.cjs: the desktop entry (`main`), for the Node extension host: the language client;
 *  - extension_web.cjs: the web entry (`browser`), for VS Code for the Web's worker extension host;
 *  - server/: an ES module folder (its own package.json says so) with lsp.js, the language server for
 *    Node over stdio (lib/cli/lsp_main.ts), and beside it the engine's files it and the extension
 *    host's sandbox both load: jsonnet.wasm (with the deadline checks the root build adds) and
 *    jsonnet_worker.js, lib's sandbox worker (a module Worker on the web, `worker_threads` on desktop);
 *  - lsp_worker.js: the language server for the web (lib/lsp/worker.ts), one classic script (VS Code's
 *    worker host starts Workers with importScripts) carrying the engine and its worker inline.
 * lib is bundled from source; `vscode` stays external. Flags: --production minifies.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "extension", "dist");
const server = join(out, "server");
const production = process.argv.includes("--production");

// `npm ci` generated the glue; regenerating it would make the root dist/ look older than lib/.
if (!existsSync(join(root, "lib/jsonnet/glue.generated.js"))) await import("./generate_jsonnet_glue.ts");
rmSync(out, { recursive: true, force: true });
mkdirSync(server, { recursive: true });
const wasm = readFileSync(join(root, "lib/jsonnet/jsonnet.wasm"));
copyFileSync(join(root, "lib/jsonnet/jsonnet.wasm"), join(server, "jsonnet.wasm"));
writeFileSync(join(server, "package.json"), '{ "type": "module" }\n');

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

/**
 * The engine's assets for a server bundle, as scripts/build.ts picks them: the files beside the bundle
 * (`bundled`) or inline (`browser`), the inline copies built here rather than read from the root dist/.
 */
function engineAssets(leaf: "bundled" | "browser"): esbuild.Plugin {
  return {
    name: `engine-assets-${leaf}`,
    setup(build) {
      build.onResolve({ filter: /\/engine_assets\.ts$/ }, (args) => ({
        path: join(args.resolveDir, dirname(args.path), `engine_assets_${leaf}.ts`),
      }));
      build.onResolve(
        { filter: /^\.\/jsonnet_(wasm|worker)_inline\.js$/ },
        (args) =>
          leaf === "browser" ? { path: args.path, namespace: "inline-asset" } : { path: args.path, external: true },
      );
      build.onLoad({ filter: /.*/, namespace: "inline-asset" }, (args) => ({
        contents: `export default ${
          JSON.stringify(
            args.path.includes("wasm") ? gzipSync(wasm, { level: 9 }).toString("base64") : workerText,
          )
        };`,
        loader: "js",
      }));
    },
  };
}

/**
 * The client's protocol packages from extension/node_modules, for lib/lsp/protocol.ts too (the root's
 * copy is the same version): one copy in each bundle.
 */
function oneProtocolCopy(): esbuild.Plugin {
  const fromExtension = createRequire(join(root, "extension", "package.json"));
  return {
    name: "one-protocol-copy",
    setup(build) {
      build.onResolve({ filter: /^vscode-(jsonrpc|languageserver-protocol|languageserver-types)$/ }, (args) => ({
        path: fromExtension.resolve(args.path),
      }));
    },
  };
}

// The sandbox's worker first: the web server carries its text.
const workerText = (await esbuild.build({
  ...common,
  define: {},
  sourcemap: false,
  write: false,
  entryPoints: ["lib/runtime/worker_main.ts"],
  platform: "neutral",
  format: "esm",
  external: ["node:fs/promises", "node:worker_threads"],
  // Its default asset locations only where asked for: a Worker started from a blob: URL has no base for them.
  plugins: [engineAssets("bundled")],
})).outputFiles[0]!.text;
writeFileSync(join(server, "jsonnet_worker.js"), workerText);

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ["extension/src/extension.ts"],
    outfile: join(out, "extension.cjs"),
    platform: "node",
    format: "cjs",
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [oneProtocolCopy()],
  }),
  esbuild.build({
    ...common,
    entryPoints: ["extension/src/extension_web.ts"],
    outfile: join(out, "extension_web.cjs"),
    platform: "browser",
    format: "cjs",
    external: ["vscode", "node:*"],
    banner: { js: 'var __bundleUrl = "https://ory-tokenizer.invalid/dist/extension_web.cjs";' },
    plugins: [oneProtocolCopy()],
  }),
  esbuild.build({
    ...common,
    define: {},
    entryPoints: ["lib/cli/lsp_main.ts"],
    outfile: join(server, "lsp.js"),
    platform: "node",
    format: "esm",
    // vscode-languageserver is CommonJS: give its `require` of Node's built-ins one in the module.
    banner: {
      js:
        'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    plugins: [engineAssets("bundled")],
  }),
  esbuild.build({
    ...common,
    define: {},
    entryPoints: ["lib/lsp/worker.ts"],
    outfile: join(out, "lsp_worker.js"),
    platform: "browser",
    format: "iife",
    external: ["node:*"],
    plugins: [engineAssets("browser")],
  }),
]);
