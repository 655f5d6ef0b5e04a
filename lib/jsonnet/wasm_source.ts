/**
 * What the Jsonnet engine's WebAssembly can come from, and its compilation from bytes. Where the bytes
 * are found (a file beside the bundle, a URL, a copy carried inline) is the runtime's business:
 * `lib/runtime/compile_jsonnet_wasm.ts` answers it and is passed in as a {@linkcode WasmCompiler}.
 *
 * @module
 */

import { missingEngineAsset } from "./missing_asset.ts";

/** Anything the engine can be made from. */
export type JsonnetWasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | Response;

/** Compiles the engine from a source, or from the binary shipped with lib when none is given. */
export type WasmCompiler = (source?: JsonnetWasmSource) => Promise<WebAssembly.Module>;

/** What to do when a given binary is not the engine, or is not there. */
export const WASM_FIX =
  "pass the binary shipped as `ory-tokenizer/jsonnet.wasm` (its URL, bytes or a Response), or leave `wasm` unset " +
  "to use the copy inside the package";

/**
 * Compiles engine bytes.
 *
 * @param bytes the binary.
 * @param where the asset's name for the error.
 * @throws {TokenizerError} `ERR_ENGINE_ASSET` when the bytes are not WebAssembly.
 */
export function compileWasmBytes(bytes: ArrayBuffer | ArrayBufferView, where: string): Promise<WebAssembly.Module> {
  // A then, not a direct call: Next.js's edge runtime throws at once where others reject.
  return Promise.resolve().then(() => WebAssembly.compile(bytes as BufferSource)).catch((error) => {
    if (REFUSES_BYTES.test(error instanceof Error ? error.message : String(error))) {
      throw missingEngineAsset(where, undefined, MODULES_ONLY_FIX, error);
    }
    throw missingEngineAsset(where, undefined, `it is not the engine's WebAssembly: ${WASM_FIX}`, error);
  });
}

/** How a runtime that compiles WebAssembly only from modules it loads itself words its refusal. */
const REFUSES_BYTES = /disallowed by embedder|code generation/i;

/** What to do in such a runtime (Cloudflare Workers, Vercel's edge runtime). */
const MODULES_ONLY_FIX = "this runtime compiles WebAssembly only from a module it loads itself, never from bytes: " +
  "import the package through its `workerd` entry (Cloudflare's wrangler picks it by itself), or import " +
  "`ory-tokenizer/jsonnet.wasm` as a WebAssembly module and pass it as `wasm`";
