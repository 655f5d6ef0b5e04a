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
  return WebAssembly.compile(bytes as BufferSource).catch((error) => {
    throw missingEngineAsset(where, undefined, `it is not the engine's WebAssembly: ${WASM_FIX}`, error);
  });
}
