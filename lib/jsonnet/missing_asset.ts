/**
 * The error for an engine asset that cannot be loaded: which file, from where, and what to do.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";

/**
 * Builds the `ERR_ENGINE_ASSET` error: a deployment fault (Ory's jsonnet worker binary missing
 * would be one too), so a plain 500, never blamed on the user's mapper.
 *
 * @param file the asset's name, such as `jsonnet.wasm`.
 * @param url where it was looked for.
 * @param fix what to do, in words.
 * @param cause the underlying failure.
 */
export function missingEngineAsset(file: string, url: URL | undefined, fix: string, cause?: unknown): TokenizerError {
  const why = cause instanceof Error ? `: ${cause.message}` : "";
  const where = url === undefined
    ? ""
    : ` from ${url.protocol === "data:" || url.protocol === "blob:" ? url.protocol : url.href}`;
  return new TokenizerError("ERR_ENGINE_ASSET", { detail: `Cannot load ${file}${where}${why}; ${fix}`, cause });
}
