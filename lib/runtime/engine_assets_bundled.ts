/**
 * The engine's assets for `dist/mod.js` and `dist/cli.js` (scripts/build.ts puts this leaf in place of
 * `engine_assets.ts`): the files beside the bundle (`jsonnet.wasm`, `jsonnet_worker.js`) where they
 * are, which is always so in the installed package; else, in a third-party bundle of an app (esbuild
 * `--platform=node`, for one) that left them behind, the copies carried inline.
 *
 * @module
 */

import { nodeBuiltin } from "./node_builtin.ts";
import { readUrl, ReadUrlError } from "./read_url.ts";
import { inlineJsonnetWasm } from "./inline_wasm.ts";
import { missingEngineAsset } from "../jsonnet/missing_asset.ts";
import type { NoWorkerScript, WorkerScript } from "./engine_assets.ts";

export type { NoWorkerScript, WorkerScript } from "./engine_assets.ts";

interface NodeFs {
  existsSync(path: URL): boolean;
}

/**
 * Reads the engine binary beside the bundle, else decodes the inline copy.
 *
 * @throws {TokenizerError} `ERR_ENGINE_ASSET` when neither can be loaded.
 */
export async function defaultJsonnetWasm(): Promise<Uint8Array> {
  // Computed here, not at load: a bundle running from a data: or blob: URL cannot resolve a relative one.
  let url: URL | undefined;
  try {
    url = new URL("./jsonnet.wasm", import.meta.url);
    return await readUrl(url);
  } catch (error) {
    if (url !== undefined && !(error instanceof ReadUrlError && error.notFound)) {
      throw missingEngineAsset("jsonnet.wasm", url, "check that this runtime may read it (Deno: --allow-read)", error);
    }
    return await inlineJsonnetWasm();
  }
}

/**
 * The worker script beside the bundle where the file system shows it (or cannot be asked: a page
 * loading the package's dist/ unbundled), else the inline copy.
 */
export async function defaultWorkerScript(): Promise<WorkerScript | NoWorkerScript> {
  let url: URL | undefined;
  try {
    url = new URL("./jsonnet_worker.js", import.meta.url);
  } catch {
    // A bundle running from a data: or blob: URL.
  }
  if (url !== undefined) {
    if (url.protocol !== "file:") return { url };
    const fs = nodeBuiltin<NodeFs>("node:fs");
    try {
      if (fs === undefined || fs.existsSync(url)) return { url };
    } catch {
      return { url }; // not allowed to look (Deno without --allow-read): let the worker's own load say so
    }
  }
  try {
    const { default: source } = await import("./jsonnet_worker_inline.js");
    return { source };
  } catch (error) {
    return {
      problem: missingEngineAsset(
        "jsonnet_worker.js",
        url,
        'ship the package\'s dist/ folder whole, or pass `worker: new URL("jsonnet_worker.js", …)`',
        error,
      ).detail!,
    };
  }
}
