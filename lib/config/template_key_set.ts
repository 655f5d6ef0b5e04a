/**
 * The key set behind a template's `jwks_url`, read as Ory reads it, without touching its mapper: what
 * a signature check or a discovery document needs, where a mapper behind `http(s)://` would be fetched
 * for nothing.
 *
 * @module
 */

import { decodeTemplate, type DecodeTemplateOptions } from "./decode_template.ts";
import type { JwkSet, TokenizerTemplate } from "../types.ts";

/**
 * Reads a template's key set (private keys included: Ory signs with the first key).
 *
 * @param template a template as Ory's config holds it; only its `jwks_url` is read.
 * @param options `readFile` for a `file://` key set.
 * @throws {TokenizerError} Ory's errors for the key set: `ERR_SOURCE_SCHEME`, `ERR_SOURCE_BASE64`,
 *   `ERR_SOURCE_READ` and `ERR_JWKS_PARSE`.
 *
 * @example
 * ```ts
 * import { templateKeySet } from "./template_key_set.ts";
 * const jwks = await templateKeySet({ jwks_url: "base64://eyJrZXlzIjpbXX0=", claims_mapper_url: "https://x/" });
 * if (jwks.keys.length !== 0) throw new Error();
 * ```
 */
export async function templateKeySet(
  template: TokenizerTemplate,
  options: DecodeTemplateOptions = {},
): Promise<JwkSet> {
  return (await decodeTemplate({ jwks_url: template.jwks_url ?? "" }, options)).jwks;
}
