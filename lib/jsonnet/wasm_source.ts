/**
 * Where the Jsonnet engine's WebAssembly comes from: bytes, a URL, a `Response` or an already compiled
 * `WebAssembly.Module` (the form a Worker or the VS Code web host passes around). Compilation happens
 * once per source.
 *
 * @module
 */

import { readUrl } from "../runtime/read_url.ts";

/** Anything the engine can be made from. */
export type JsonnetWasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | Response;

/** The engine binary shipped next to this module (copied there by the build). */
export const DEFAULT_JSONNET_WASM_URL: URL = new URL("./jsonnet.wasm", import.meta.url);

let defaultModule: Promise<WebAssembly.Module> | undefined;

/**
 * Compiles the engine's WebAssembly; the default source is compiled once per process or page.
 *
 * @param source the engine binary; omitted means the `jsonnet.wasm` shipped with lib.
 * @returns the compiled module, ready for `WebAssembly.instantiate`.
 */
export function compileJsonnetWasm(source?: JsonnetWasmSource): Promise<WebAssembly.Module> {
  if (source === undefined) {
    defaultModule ??= compileJsonnetWasm(DEFAULT_JSONNET_WASM_URL);
    return defaultModule;
  }
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (source instanceof URL) return readUrl(source).then((bytes) => WebAssembly.compile(bytes as BufferSource));
  if (source instanceof Response) return source.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  return WebAssembly.compile(source as BufferSource);
}
