/**
 * Reads a template source (`jwks_url`, `claims_mapper_url`) the way Ory's fetcher does: schemes are
 * matched by string prefix, `file://` keeps the rest of the string as the path, `base64://` is Go's
 * strict standard base64, and http(s) demands status 200. Error texts are Ory's, with two
 * differences on purpose: a source is shown redacted by what it is (`redact_source.ts`; Ory echoes
 * any source that is not `base64://`), and every read is bounded in size and time
 * (`source_limits.ts`; Ory's is not).
 *
 * @module
 */

import { Base64InputError, decodeBase64Go } from "../encoding/base64.ts";
import { TokenizerError, type TokenizerErrorCode } from "../errors.ts";
import type { Fetch, ReadFile } from "../types.ts";
import { fetchBounded, readFileBounded } from "./read_bounded.ts";
import { redactSource, scrubSource } from "./redact_source.ts";
import { resolveLimits, SourceLimitError, type SourceLimits } from "./source_limits.ts";

export { redactSource } from "./redact_source.ts";

/** A source scheme Ory's fetcher knows. */
export type SourceScheme = "http" | "https" | "file" | "base64";

/** Capabilities a source read may need; the core has no file system or network of its own. */
export interface SourceCapabilities {
  readFile?: ReadFile | undefined;
  fetch?: Fetch | undefined;
  /** Size and time bounds of each read; the defaults suit every real key set and mapper. */
  sourceLimits?: SourceLimits | undefined;
}

/** A near miss of a known scheme, named in the detail so the fix is obvious without echoing the value. */
function nearMiss(source: string, allowed: readonly SourceScheme[]): string | undefined {
  const trimmed = source.trimStart();
  if (trimmed !== source && allowed.some((s) => trimmed.startsWith(`${s}://`))) {
    return "The source starts with whitespace; remove it (Ory matches the scheme at the very start).";
  }
  const lower = source.toLowerCase();
  const cased = allowed.find((s) => lower.startsWith(`${s}://`));
  if (cased !== undefined) return `Schemes are case-sensitive: write ${cased}:// in lower case.`;
  if (/^data:[^,]*;base64,/i.test(source)) return "A data: URL is not a source; write base64://<standard base64>.";
  if (/^[A-Za-z0-9+.-]+:(?!\/\/)/.test(source) && allowed.some((s) => lower.startsWith(`${s}:`))) {
    return "The scheme needs two slashes, as in base64://… or file://….";
  }
  return undefined;
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
    : `${nearMiss(source, allowed) ?? ""} Use one of: ${allowed.map((s) => `${s}://`).join(", ")}.`.trimStart();
  return sourceError(
    "ERR_SOURCE_SCHEME",
    `unknown scheme: in source "${redactSource(source)}": allowed schemes: ${allowed.join(", ")}`,
    detail,
  );
}

/** A foreign error (a file system's, an HTTP client's) as a cause that cannot quote the source. */
function scrubbedCause(error: unknown, source: string): Error {
  const text = error instanceof Error ? error.message : String(error);
  const cause = new Error(scrubSource(text, source));
  cause.name = error instanceof Error ? error.name : "Error";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") Object.assign(cause, { code });
  return cause;
}

/**
 * Reads a source's bytes.
 *
 * @param source the location string, such as `base64://eyJrZXlzIjpbXX0=`.
 * @param allowed the schemes this source may use, in Ory's order.
 * @param capabilities `readFile` for `file://`, `fetch` for http(s), and optional `sourceLimits`.
 * @returns the raw bytes.
 * @throws {TokenizerError} with Ory's 500 message (`ERR_SOURCE_*`); a read past its size or time limit
 *   is `ERR_SOURCE_READ` (file) or `ERR_SOURCE_HTTP` (http) naming the limit.
 */
export async function fetchSource(
  source: string,
  allowed: readonly SourceScheme[],
  capabilities: SourceCapabilities,
): Promise<Uint8Array> {
  const scheme = allowed.find((s) => source.startsWith(`${s}://`));
  if (scheme === undefined) throw schemeError(source, allowed);
  const rest = source.slice(scheme.length + 3);
  const limits = resolveLimits(capabilities.sourceLimits);
  switch (scheme) {
    case "base64": {
      // Checked before decoding (line breaks allowed for), so an oversized value is never decoded.
      if (rest.length > Math.ceil(limits.maxBytes / 3) * 4 * 1.03 + 4) throw base64TooLarge(limits.maxBytes);
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64Go(rest);
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
      if (bytes.byteLength > limits.maxBytes) throw base64TooLarge(limits.maxBytes);
      return bytes;
    }
    case "file":
      return await readFileSource(source, rest, capabilities.readFile, limits);
    case "http":
    case "https":
      return await fetchHttpSource(source, capabilities.fetch, limits);
  }
}

const LIMIT_DETAIL = "Sources are bounded in size and time (docs/SECURITY.md): a device, a pipe, a huge file or a " +
  "server that does not answer is not a key set or a mapper.";

function base64TooLarge(maxBytes: number): TokenizerError {
  const reason = new SourceLimitError("size", maxBytes).message;
  return sourceError("ERR_SOURCE_BASE64", `base64decode: base64://[redacted]: ${reason}`, LIMIT_DETAIL);
}

async function readFileSource(
  source: string,
  path: string,
  readFile: ReadFile | undefined,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<Uint8Array> {
  const shown = redactSource(source);
  if (readFile === undefined) {
    throw sourceError(
      "ERR_SOURCE_READ",
      `read file: ${shown}: file sources are not available here`,
      "This runtime was given no readFile capability; pass `readFile` to the Tokenizer or use base64://.",
    );
  }
  try {
    return await readFileBounded(readFile, path, limits);
  } catch (error) {
    const cause = scrubbedCause(error, source);
    const detail = error instanceof SourceLimitError ? LIMIT_DETAIL : undefined;
    throw sourceError("ERR_SOURCE_READ", `read file: ${shown}: ${cause.message}`, detail, cause);
  }
}

async function fetchHttpSource(
  source: string,
  fetchImpl: Fetch | undefined,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<Uint8Array> {
  const shown = redactSource(source);
  let response;
  try {
    response = await fetchBounded(source, fetchImpl ?? globalThis.fetch, limits);
  } catch (error) {
    const cause = scrubbedCause(error, source);
    const detail = error instanceof SourceLimitError ? LIMIT_DETAIL : undefined;
    throw sourceError("ERR_SOURCE_HTTP", `Get "${shown}": ${cause.message}`, detail, cause);
  }
  if (response.status !== 200) {
    throw sourceError(
      "ERR_SOURCE_HTTP",
      `expected http response status code 200 but got ${response.status} when fetching: ${shown}`,
    );
  }
  return response.bytes;
}
