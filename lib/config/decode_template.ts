/**
 * The reverse of `encodeTemplate`: what a deployed template contains. Sources are read exactly as Ory
 * reads them (Go's base64 with line breaks allowed, `file://` through an injected `readFile`), so a
 * value that decodes here decodes in Ory, with Ory's error when it does not.
 *
 * @module
 */

import { fetchSource, type SourceCapabilities } from "../sources/fetch_source.ts";
import { parseJwks } from "../keys/parse_jwks.ts";
import type { JwkSet, SubjectSource, TokenizerTemplate } from "../types.ts";
import { decodeUtf8LikeGo } from "../encoding/decode_utf8_like_go.ts";

/** Options of {@linkcode decodeTemplate}: how to read `file://` and `http(s)://` sources. */
export interface DecodeTemplateOptions extends SourceCapabilities {}

/** What a template holds, decoded. */
export interface DecodedTemplate {
  /** The key set behind `jwks_url` (private keys included: Ory signs with the first key). */
  jwks: JwkSet;
  /** The Jsonnet source behind `claims_mapper_url`, byte for byte (a BOM, CRLF line ends kept). */
  claimsMapper?: string;
  ttl?: string;
  subjectSource?: SubjectSource | "";
}

/**
 * Decodes a template's sources.
 *
 * @param template a template as Ory's config holds it.
 * @param options `readFile` for `file://` sources, `fetch` for an `http(s)://` mapper (default
 *   `globalThis.fetch`, as Ory fetches it).
 * @returns the key set, the mapper source when the template has one, and the ttl and subject source.
 * @throws {TokenizerError} Ory's errors: `ERR_SOURCE_SCHEME`, `ERR_SOURCE_BASE64`, `ERR_SOURCE_READ`,
 *   `ERR_SOURCE_HTTP` (500) and `ERR_JWKS_PARSE` (400).
 * @throws {TypeError} when `template` is not an object.
 *
 * @example A round trip
 * ```ts
 * import { decodeTemplate } from "./decode_template.ts";
 * import { encodeTemplate } from "./encode_template.ts";
 * const jwks = { keys: [{ kty: "oct", alg: "HS256", k: "c2VjcmV0" }] };
 * const decoded = await decodeTemplate(encodeTemplate({ jwks, claimsMapper: "{ claims: {} }\n" }));
 * if (decoded.claimsMapper !== "{ claims: {} }\n" || decoded.jwks.keys[0]?.k !== "c2VjcmV0") throw new Error();
 * ```
 */
export async function decodeTemplate(
  template: TokenizerTemplate,
  options: DecodeTemplateOptions = {},
): Promise<DecodedTemplate> {
  if (typeof template !== "object" || template === null || Array.isArray(template)) {
    throw new TypeError('Cannot decode the template: it must be an object with a "jwks_url"');
  }
  const jwks = parseJwks(await fetchSource(template.jwks_url ?? "", ["file", "base64"], options));
  const mapperUrl = template.claims_mapper_url;
  // Kratos runs a mapper only when claims_mapper_url is a non-empty string.
  const claimsMapper = typeof mapperUrl === "string" && mapperUrl !== ""
    ? decodeUtf8LikeGo(await fetchSource(mapperUrl, ["http", "https", "file", "base64"], options))
    : undefined;
  return {
    jwks,
    ...(claimsMapper === undefined ? {} : { claimsMapper }),
    ...(template.ttl === undefined ? {} : { ttl: template.ttl }),
    ...(template.subject_source === undefined ? {} : { subjectSource: template.subject_source }),
  };
}
