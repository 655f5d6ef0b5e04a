/**
 * Where the Jsonnet engine's WebAssembly comes from: bytes, a URL, a `Response` or an already compiled
 * `WebAssembly.Module` (the form a Worker or the VS Code web host passes around). Compilation happens
 * once per source.
 *
 * @module
 */

import { defaultJsonnetWasm } from "../runtime/engine_assets.ts";
import { readUrl, ReadUrlError } from "../runtime/read_url.ts";
import { missingEngineAsset } from "../runtime/missing_asset.ts";

/** Anything the engine can be made from. */
export type JsonnetWasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | Response;

let defaultModule: Promise<WebAssembly.Module> | undefined;

const FIX =
  "pass the binary shipped as `ory-tokenizer/jsonnet.wasm` (its URL, bytes or a Response), or leave `wasm` unset " +
  "to use the copy inside the package";

function compile(bytes: BufferSource, where: string): Promise<WebAssembly.Module> {
  return WebAssembly.compile(bytes).catch((error) => {
    throw missingEngineAsset(where, undefined, `it is not the engine's WebAssembly: ${FIX}`, error);
  });
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
    defaultModule ??= defaultJsonnetWasm().then((bytes) => compile(bytes as BufferSource, "jsonnet.wasm"));
    // A failure (a flaky network) is not remembered: the next call tries again.
    defaultModule.catch(() => defaultModule = undefined);
    return defaultModule;
  }
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (source instanceof URL) {
    return readUrl(source).then(
      (bytes) => compile(bytes as BufferSource, "jsonnet.wasm"),
      (error) => {
        const missing = error instanceof ReadUrlError && error.notFound;
        throw missingEngineAsset("jsonnet.wasm", source, missing ? `nothing is there: ${FIX}` : FIX, error);
      },
    );
  }
  if (source instanceof Response) {
    if (!source.ok) {
      return Promise.reject(
        missingEngineAsset(
          "jsonnet.wasm",
          source.url ? new URL(source.url) : undefined,
          `HTTP ${source.status}: ${FIX}`,
        ),
      );
    }
    return source.arrayBuffer().then((bytes) => compile(bytes, "jsonnet.wasm"));
  }
  return compile(source as BufferSource, "jsonnet.wasm");
}
