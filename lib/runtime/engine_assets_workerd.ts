/**
 * The engine's assets for `dist/workerd_lib.js`, the entry Cloudflare's bundlers pick (the `workerd`
 * condition; scripts/build.ts puts this leaf in place of `engine_assets.ts`). workerd compiles
 * WebAssembly only from modules it loads itself, never from bytes, so the binary is imported as a module
 * (`dist/jsonnet_wasm_module.js` re-exports `./jsonnet.wasm`, which wrangler bundles as a compiled
 * module by default). There are no worker threads: nothing to start.
 *
 * @module
 */

import jsonnetWasmModule from "./jsonnet_wasm_module.js";
import type { NoWorkerScript, WorkerScript } from "./engine_assets.ts";

export type { NoWorkerScript, WorkerScript } from "./engine_assets.ts";

/** The engine, compiled already by the platform. */
export function defaultJsonnetWasm(): Promise<WebAssembly.Module> {
  return Promise.resolve(jsonnetWasmModule);
}

/** Workers have no threads: the sandbox, asked for one, evaluates in-thread and says why. */
export function defaultWorkerScript(): Promise<WorkerScript | NoWorkerScript> {
  return Promise.resolve({ problem: "this runtime has no worker threads (Cloudflare Workers)" });
}
