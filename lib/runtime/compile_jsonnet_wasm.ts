/**
 * Where the Jsonnet engine's WebAssembly comes from in this runtime: bytes, a URL (a `file:` URL read
 * from the file system where there is one), a `Response` or an already compiled `WebAssembly.Module`
 * (the form a Worker or the VS Code web host passes around); without a source, the binary shipped with
 * lib (`engine_assets.ts`, the leaf the build picks). Compilation happens once per source.
 *
 * @module
 */

import { defaultJsonnetWasm } from "./engine_assets.ts";
import { readUrl, ReadUrlError } from "./read_url.ts";
import { missingEngineAsset } from "../jsonnet/missing_asset.ts";
import { compileWasmBytes, type JsonnetWasmSource, WASM_FIX } from "../jsonnet/wasm_source.ts";

let defaultModule: Promise<WebAssembly.Module> | undefined;

/**
 * Whether a value is a compiled module, from this realm or another: Next.js's edge runtime runs the
 * code in a context of its own, whose imported `.wasm?module` fails `instanceof` here.
 */
function isWasmModule(value: unknown): boolean {
  return value instanceof WebAssembly.Module || Object.prototype.toString.call(value) === "[object WebAssembly.Module]";
}

/**
 * Compiles the engine's WebAssembly; the default source is compiled once per process or page.
 *
 * @param source the engine binary; omitted means the `jsonnet.wasm` shipped with lib.
 * @returns the compiled module, ready for `WebAssembly.instantiate`.
 * @throws {TokenizerError} `ERR_ENGINE_ASSET` (status 500) when the binary cannot be loaded or compiled:
 *   the detail names the file, where it was looked for, and the fix.
 */
export function compileJsonnetWasm(source?: JsonnetWasmSource): Promise<WebAssembly.Module> {
  if (source === undefined) {
    defaultModule ??= defaultJsonnetWasm().then((binary) =>
      // Where the platform compiles WebAssembly itself (Workers), the leaf hands over the module.
      isWasmModule(binary) ? binary as WebAssembly.Module : compileWasmBytes(binary, "jsonnet.wasm")
    );
    // A failure (a flaky network) is not remembered: the next call tries again.
    defaultModule.catch(() => defaultModule = undefined);
    return defaultModule;
  }
  if (isWasmModule(source)) return Promise.resolve(source as WebAssembly.Module);
  if (source instanceof URL) {
    return readUrl(source).then(
      (bytes) => compileWasmBytes(bytes, "jsonnet.wasm"),
      (error) => {
        const missing = error instanceof ReadUrlError && error.notFound;
        throw missingEngineAsset("jsonnet.wasm", source, missing ? `nothing is there: ${WASM_FIX}` : WASM_FIX, error);
      },
    );
  }
  if (source instanceof Response) {
    if (!source.ok) {
      return Promise.reject(
        missingEngineAsset(
          "jsonnet.wasm",
          source.url ? new URL(source.url) : undefined,
          `HTTP ${source.status}: ${WASM_FIX}`,
        ),
      );
    }
    return source.arrayBuffer().then((bytes) => compileWasmBytes(bytes, "jsonnet.wasm"));
  }
  return compileWasmBytes(source as ArrayBuffer | Uint8Array, "jsonnet.wasm");
}
