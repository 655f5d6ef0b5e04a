// Bundles lib's runtime-neutral suites (test/*_test.ts) for Chromium with esbuild, in memory: `node:test`
// and `node:assert` become the shims in node_shims/, X
// (dist/browser.js, as bundlers pick it), the deep imports of lib's internals get the browser's engine
// leaf as dist/browser.js does, and any other `node:` module is an error naming the suite.
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHIMS = join(ROOT, "test/browser/node_shims");

/**
 * The suites that run in Chromium too. A new suite opts in by being listed here; lib_suites.spec.ts
 * fails for a listed suite that reaches a Node module, and for an unlisted one that does not.
 */
export const BROWSER_SUITES: readonly string[] = [
  "byte_fidelity_test.ts",
  "cancellation_test.ts",
  "compare_claims_test.ts",
  "concurrency_test.ts",
  "config_whoami_options_test.ts",
  "decode_template_test.ts",
  "decode_token_test.ts",
  "engine_assets_test.ts",
  "engine_fidelity_test.ts",
  "engine_panic_test.ts",
  "errors_test.ts",
  "extension_completion_test.ts",
  "extension_config_edit_test.ts",
  "extension_preview_html_test.ts",
  "find_config_templates_test.ts",
  "go_formats_test.ts",
  "instrument_jsonnet_wasm_test.ts",
  "golden_case_test.ts",
  "jsonnet_prelude_test.ts",
  "keys_test.ts",
  "lint_claims_mapper_test.ts",
  "prelude_go_definitions_test.ts",
  "preview_template_test.ts",
  "sandbox_hardening_test.ts",
  "session_shape_test.ts",
  "session_test.ts",
  "to_kratos_config_test.ts",
  "tokenize_one_hop_test.ts",
  "tokenizer_test.ts",
  "verify_token_test.ts",
];

/** Every suite file under test/. */
export function allSuites(): string[] {
  return readdirSync(join(ROOT, "test")).filter((name) => name.endsWith("_test.ts")).sort();
}

const SHIMMED: Record<string, string> = {
  "node:test": join(SHIMS, "node_test.ts"),
  "node:assert": join(SHIMS, "node_assert.ts"),
  "node:assert/strict": join(SHIMS, "node_assert.ts"),
};

/** The swaps described at the top of this file. */
const browserSuites: esbuild.Plugin = {
  name: "browser-suites",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => {
      const shim = SHIMMED[args.path];
      if (shim !== undefined) return { path: shim };
      return { errors: [{ text: `${args.path} is a Node module: this suite cannot run in a browser` }] };
    });
    build.onResolve({ filter: /\/lib\/mod\.ts$/ }, () => ({ path: join(ROOT, "dist/browser.js") }));
    build.onResolve({ filter: /\/lib\/entries\/[a-z_]+\.ts$/ }, (args) => ({
      path: join(ROOT, "dist", `browser_${basename(args.path, ".ts")}.js`),
    }));
    build.onResolve({ filter: /\/_read_fixture\.ts$/ }, () => ({ path: join(SHIMS, "read_fixture.ts") }));
    build.onResolve({ filter: /\/engine_assets\.ts$/ }, (args) => ({
      path: join(args.resolveDir, dirname(args.path), "engine_assets_browser.ts"),
    }));
    // What lib/runtime's browser leaf imports is generated into dist/ by the build.
    build.onResolve({ filter: /^\.\/jsonnet_(wasm|worker)_inline\.js$/ }, (args) => ({
      path: join(ROOT, "dist", args.path),
    }));
    build.onResolve({ filter: /^suite:/ }, (args) => ({ path: args.path.slice("suite:".length), namespace: "suite" }));
    build.onLoad({ filter: /.*/, namespace: "suite" }, (args) => ({
      // The suite registers its tests as it is evaluated, before this module's own export is reachable.
      contents: `import ${JSON.stringify(join(ROOT, "test", args.path))};\n` +
        `export { runRegisteredTests } from ${JSON.stringify(join(SHIMS, "node_test.ts"))};\n`,
      resolveDir: ROOT,
      loader: "ts",
    }));
  },
};

/** One suite's bundle: its chunks by file name, or the errors that keep it out of a browser. */
export type SuiteBundle = { files: Map<string, string>; entry: string } | { errors: string[] };

/**
 * Bundles each suite into its own entry module (shared chunks for lib and the engine).
 *
 * @param suites file names under test/.
 */
export async function bundleSuites(suites: readonly string[]): Promise<Map<string, SuiteBundle>> {
  const bundles = new Map<string, SuiteBundle>();
  // One build per suite: a suite that reaches a Node module must not fail the others' bundles.
  await Promise.all(suites.map(async (suite) => {
    try {
      const result = await esbuild.build({
        absWorkingDir: ROOT,
        entryPoints: { [suite.replace(/\.ts$/, "")]: `suite:${suite}` },
        bundle: true,
        write: false,
        format: "esm",
        platform: "browser",
        target: "es2022",
        outdir: "/suites",
        logLevel: "silent",
        // package.json says `sideEffects: false` (true of lib); a suite is nothing but side effects.
        ignoreAnnotations: true,
        plugins: [browserSuites],
      });
      const files = new Map(result.outputFiles.map((file) => [file.path.slice("/suites/".length), file.text]));
      bundles.set(suite, { files, entry: `${suite.replace(/\.ts$/, "")}.js` });
    } catch (error) {
      const failure = error as { errors?: esbuild.Message[] };
      bundles.set(suite, {
        errors: failure.errors?.map((m) => `${m.location?.file ?? suite}: ${m.text}`) ?? [String(error)],
      });
    }
  }));
  return bundles;
}

/** Why lib's browser build is older than its source, if it is. */
export function staleBrowserBuild(): string | undefined {
  const built = statSync(join(ROOT, "dist/browser.js"), { throwIfNoEntry: false });
  if (built === undefined) return "dist/browser.js is missing: run npm run build";
  const newer = (dir: string): string | undefined => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      const found = entry.isDirectory() ? newer(path) : statSync(join(ROOT, path)).mtimeMs > built.mtimeMs && path;
      if (found) return found;
    }
    return undefined;
  };
  const source = newer("lib");
  return source === undefined
    ? undefined
    : `dist is stale (${source} is newer than dist/browser.js): run npm run build`;
}
