/**
 * The engine's assets for `dist/browser.js`, the entry bundlers pick for browsers (the `browser`
 * condition; scripts/build.ts puts this leaf in place of `engine_assets.ts`): both travel inside the
 * app's bundle, so an app bundled by esbuild or Vite with default settings needs no copying, and no
 * page ever requests a file that is not there.
 *
 * @module
 */

import { inlineJsonnetWasm } from "./inline_wasm.ts";
import type { NoWorkerScript, WorkerScript } from "./engine_assets.ts";

export type { NoWorkerScript, WorkerScript } from "./engine_assets.ts";

/** Decodes the inline engine binary (imported on first use, so a split chunk loads only if needed). */
export function defaultJsonnetWasm(): Promise<Uint8Array> {
  return inlineJsonnetWasm();
}

/** The inline worker script; the spawner starts it from a `blob:` URL. */
export async function defaultWorkerScript(): Promise<WorkerScript | NoWorkerScript> {
  try {
    const { default: source } = await import("./jsonnet_worker_inline.js");
    return { source };
  } catch (error) {
    return {
      problem: `the inline worker script could not be loaded: ${error instanceof Error ? error.message : error}`,
    };
  }
}
