/**
 * The engine binary a bundle carries inline: `dist/jsonnet_wasm_inline.js` holds it gzip-compressed
 * and base64-encoded (less text than the binary's own bytes; BENCHMARKS.md), so that any bundler with
 * default settings, which has no loader for `.wasm`, takes it along like any other module.
 *
 * @module
 */

import { missingEngineAsset } from "../jsonnet/missing_asset.ts";

/**
 * Decodes the inline copy of the engine binary. The module is imported on first use only: a page
 * whose bundler splits chunks (Vite, Rollup, esbuild with `splitting`) never downloads it when the
 * binary is passed explicitly.
 *
 * @throws {TokenizerError} `ERR_ENGINE_ASSET` when the inline module is missing or damaged.
 */
export async function inlineJsonnetWasm(): Promise<Uint8Array> {
  try {
    const { default: base64 } = await import("./jsonnet_wasm_inline.js");
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(inflated).arrayBuffer());
  } catch (error) {
    throw missingEngineAsset(
      "jsonnet_wasm_inline.js",
      undefined,
      'ship the package\'s dist/ folder whole, or pass the binary yourself (`wasm: new URL("jsonnet.wasm", …)`, ' +
        "from `ory-tokenizer/jsonnet.wasm`)",
      error,
    );
  }
}
