/**
 * Turns a key set and a mapper into the template Ory's config holds: `base64://` values in standard
 * base64 with padding, on one line, exactly what Ory's fetcher accepts.
 *
 * @module
 */

import { encodeBase64 } from "../encoding/base64.ts";
import type { JwkSet, SubjectSource, TokenizerTemplate } from "../types.ts";

/** What {@linkcode encodeTemplate} takes. */
export interface EncodeTemplateInput {
  /** The key set, as an object or as its JSON text (kept byte for byte). */
  jwks: JwkSet | string;
  /** The mapper's Jsonnet source. */
  claimsMapper?: string | undefined;
  ttl?: string | undefined;
  subjectSource?: SubjectSource | undefined;
}

/** Standard base64 with padding of a string's UTF-8 bytes, behind `base64://`. */
export function toBase64Url(text: string): string {
  return `base64://${encodeBase64(new TextEncoder().encode(text))}`;
}

/**
 * Encodes a template for Ory's config: each source becomes `base64://` + standard base64 with `=`
 * padding on one line (never wrapped, so it pastes into a single-quoted shell word or a YAML scalar),
 * which Go's `base64.StdEncoding` reads back exactly. Members come in the order of Ory's guide.
 *
 * It writes what it is given and checks nothing (a broken key set or `ttl` is encoded as is, which is
 * how tests build faulty templates); `ory-tokenizer encode` checks before encoding. `decodeTemplate`
 * is the reverse.
 *
 * @param input the key set (an object, or its JSON text kept byte for byte), the mapper's Jsonnet
 *   source (kept byte for byte: Unicode, CRLF and trailing newlines survive), `ttl` and `subjectSource`.
 * @returns the template, as `session.whoami.tokenizer.templates.<name>` holds it.
 * @throws {TypeError} when `jwks` is neither a string nor an object, or `claimsMapper` is not a string.
 *
 * @example
 * ```ts
 * import { encodeTemplate } from "./encode_template.ts";
 * const template = encodeTemplate({ jwks: '{"keys":[]}', ttl: "10m" });
 * if (template.jwks_url !== "base64://eyJrZXlzIjpbXX0=") throw new Error();
 * ```
 */
export function encodeTemplate(input: EncodeTemplateInput): TokenizerTemplate {
  if (typeof input.jwks !== "string" && (typeof input.jwks !== "object" || input.jwks === null)) {
    throw new TypeError("Cannot encode the template: jwks must be a key set object or its JSON text");
  }
  if (input.claimsMapper !== undefined && typeof input.claimsMapper !== "string") {
    throw new TypeError("Cannot encode the template: claimsMapper must be the Jsonnet source text");
  }
  const jwksText = typeof input.jwks === "string" ? input.jwks : JSON.stringify(input.jwks);
  return {
    jwks_url: toBase64Url(jwksText),
    ...(input.claimsMapper === undefined ? {} : { claims_mapper_url: toBase64Url(input.claimsMapper) }),
    ...(input.ttl === undefined ? {} : { ttl: input.ttl }),
    ...(input.subjectSource === undefined ? {} : { subject_source: input.subjectSource }),
  };
}
