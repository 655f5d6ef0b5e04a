// lib's runtime-neutral suites (BROWSER_SUITES in test/browser/suite_bundles.ts) in workerd, the
// runtime of Cloudflare Workers, through Miniflare and offline: each suite bundled against lib's Workers
// build (dist/workerd.js, …) with the engine as a compiled WebAssembly module beside it, and run in a
// workerd of its own, failing with the name and error of each test that failed.
//
// workerd refuses random values, timers and I/O at a module's top level (only a request may), and many
// suites make keys at theirs: the suite is a module of the Worker that its fetch handler imports, so it is
// evaluated, and its tests run, inside one request.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import type { TestResult } from "../browser/node_shims/node_test.ts";
import { BROWSER_SUITES, bundleSuites, staleBuild, type SuiteBundle } from "../browser/suite_bundles.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where the modules sit for workerd (no file is written: every module is given with its contents). */
const MODULES_ROOT = "/suites";
const RUNNER = "__run_suite.js";
/** One workerd per core: its thread runs a suite's in-thread evaluations, which other suites must not wait for. */
const CONCURRENCY = Math.max(1, Math.min(2, availableParallelism()));

const stale = staleBuild("workerd");
if (stale !== undefined) throw new Error(stale);
const bundles = await bundleSuites(BROWSER_SUITES, "workerd");
const wasm = readFileSync(join(ROOT, "dist/jsonnet.wasm"));

/** The Worker's entry: evaluates the suite inside the request and answers its results. */
function runnerModule(entry: string): string {
  return `export default {
  async fetch() {
    try {
      const suite = await import(${JSON.stringify(`./${entry}`)});
      return Response.json(await suite.runRegisteredTests());
    } catch (error) {
      return new Response(error instanceof Error && error.stack || String(error), { status: 500 });
    }
  },
};
`;
}

/** workerd's output, each line prefixed with the suite that wrote it. */
function prefixed(suite: string): (stdout: Readable, stderr: Readable) => void {
  return (stdout, stderr) => {
    for (const [stream, out] of [[stdout, process.stdout], [stderr, process.stderr]] as const) {
      createInterface({ input: stream }).on("line", (line) => out.write(`[${suite}] ${line}\n`));
    }
  };
}

async function runInWorkerd(suite: string, bundle: Extract<SuiteBundle, { files: unknown }>): Promise<TestResult[]> {
  const workerd = new Miniflare({
    modulesRoot: MODULES_ROOT,
    modules: [
      { type: "ESModule", path: `${MODULES_ROOT}/${RUNNER}`, contents: runnerModule(bundle.entry) },
      ...[...bundle.files].map(([name, contents]) => ({
        type: "ESModule" as const,
        path: `${MODULES_ROOT}/${name}`,
        contents,
      })),
      // dist/jsonnet_wasm_module.js imports it as `./jsonnet.wasm`, as wrangler uploads it.
      { type: "CompiledWasm", path: `${MODULES_ROOT}/jsonnet.wasm`, contents: wasm },
    ],
    compatibilityDate: "2025-09-01",
    handleRuntimeStdio: prefixed(suite),
  });
  try {
    const response = await workerd.dispatchFetch("http://localhost/");
    const text = await response.text();
    if (!response.ok) throw new Error(`${suite} failed outside its tests in workerd:\n${text}`);
    return JSON.parse(text) as TestResult[];
  } finally {
    await workerd.dispose();
  }
}

describe("lib's suites in workerd", { concurrency: CONCURRENCY }, () => {
  for (const suite of BROWSER_SUITES) {
    it(`${suite} passes in workerd`, async () => {
      const bundle = bundles.get(suite)!;
      if ("errors" in bundle) throw new Error(`${suite} does not bundle for workerd:\n${bundle.errors.join("\n")}`);
      const results = await runInWorkerd(suite, bundle);
      const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
      const skips = results.filter((result) => result.outcome === "skipped")
        .map((result) => `\n  skipped: ${result.name}${result.reason === undefined ? "" : ` (${result.reason})`}`);
      console.log(
        `${suite}: ${count("passed")} passed, ${count("skipped")} skipped, ${count("failed")} failed${skips.join("")}`,
      );
      const failed = results.filter((result) => result.outcome === "failed");
      assert.deepEqual(failed.map((result) => `${result.name}: ${result.error}`), [], `failing tests in ${suite}`);
      assert.ok(results.length > 0, "tests registered");
    });
  }
});
