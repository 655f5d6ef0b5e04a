/**
 * Reads a template source (`jwks_url`, `claims_mapper_url`) the way Ory's fetcher does: schemes are
 * matched by string prefix, `file://` keeps the rest of the string as the path, `base64://` is Go's
 * strict standard base64, and http(s) demands status 200. Error texts are Ory's.
 *
 * @module
 */

import { Base64InputError, decodeBase64Go } from "../encoding/base64.ts";
import { TokenizerError, type TokenizerErrorCode } from "../errors.ts";
import type { Fetch, ReadFile } from "../types.ts";

/** A source scheme Ory's fetcher knows. */
export type SourceScheme = "http" | "https" | "file" | "base64";

/** Capabilities a source read may need; the core has no file system or network of its own. */
export interface SourceCapabilities {
  readFile?: ReadFile | undefined;
  fetch?: Fetch | undefined;
}

/** How Ory shows a source in errors: a `base64://` value is never echoed. */
export function redactSource(source: string): string {
  return source.startsWith("base64://") ? "base64://[redacted]" : source;
}

/** The fetcher's errors are plain Go errors in Ory: the text is the whole message. */
function sourceError(code: TokenizerErrorCode, text: string, detail?: string, cause?: unknown): TokenizerError {
  return new TokenizerError(code, { text, detail, cause });
}

function schemeError(source: string, allowed: readonly SourceScheme[]): TokenizerError {
  const detail = source.startsWith("https://") || source.startsWith("http://")
    ? "Ory reads jwks_url only from file:// and base64:// since v26.2. Embed the key set instead: " +
      "`ory-tokenizer encode --jwks <file>` prints it as base64://…"
    : source === ""
    ? "The template has no source here. Set it to base64://<standard base64 of the file> or file://<path>."
    : `Use one of: ${allowed.map((s) => `${s}://`).join(", ")}.`;
  return sourceError(
    "ERR_SOURCE_SCHEME",
    `unknown scheme: in source "${redactSource(source)}": allowed schemes: ${allowed.join(", ")}`,
    detail,
  );
}

/**
 * Reads a source's bytes.
 *
 * @param source the location string, such as `base64://eyJrZXlzIjpbXX0=`.
 * @param allowed the schemes this source may use, in Ory's order.
 * @param capabilities `readFile` for `file://`, `fetch` for http(s).
 * @returns the raw bytes.
 * @throws {TokenizerError} with Ory's 500 message (`ERR_SOURCE_*`).
 */
export async function fetchSource(
  source: string,
  allowed: readonly SourceScheme[],
  capabilities: SourceCapabilities,
): Promise<Uint8Array> {
  const scheme = allowed.find((s) => source.startsWith(`${s}://`));
  if (scheme === undefined) throw schemeError(source, allowed);
  const rest = source.slice(scheme.length + 3);
  switch (scheme) {
    case "base64":
      try {
        return decodeBase64Go(rest);
      } catch (error) {
        if (!(error instanceof Base64InputError)) throw error;
        throw sourceError(
          "ERR_SOURCE_BASE64",
          `base64decode: base64://[redacted]: ${error.message}`,
          "Ory decodes base64:// with Go's standard alphabet (+ and /) and requires = padding; line breaks " +
            "are allowed, spaces and the URL-safe - and _ are not. Encode with `base64 -w0 <file>` or " +
            "`ory-tokenizer encode`.",
          error,
        );
      }
    case "file":
      return await readFileSource(source, rest, capabilities.readFile);
    case "http":
    case "https":
      return await fetchHttpSource(source, capabilities.fetch);
  }
}

async function readFileSource(source: string, path: string, readFile: ReadFile | undefined): Promise<Uint8Array> {
  if (readFile === undefined) {
    throw sourceError(
      "ERR_SOURCE_READ",
      `read file: ${source}: file sources are not available here`,
      "This runtime was given no readFile capability; pass `readFile` to the Tokenizer or use base64://.",
    );
  }
  try {
    const content = await readFile(path);
    return typeof content === "string" ? new TextEncoder().encode(content) : content;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw sourceError("ERR_SOURCE_READ", `read file: ${source}: ${reason}`, undefined, error);
  }
}

async function fetchHttpSource(source: string, fetchImpl: Fetch | undefined): Promise<Uint8Array> {
  const doFetch = fetchImpl ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw sourceError("ERR_SOURCE_HTTP", `Get "${source}": ${reason}`, undefined, error);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw sourceError(
      "ERR_SOURCE_HTTP",
      `expected http response status code 200 but got ${response.status} when fetching: ${source}`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}
