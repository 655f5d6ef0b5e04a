/**
 * Turns a key set and a mapper into the template Ory's config holds: `base64://` values in standard
 * base64 with padding, on one line, exactly what Ory's fetcher accepts.
 *
 * @module
 */

import { encodeBase64 } from "./base64.ts";
import type { JwkSet, SubjectSource, TokenizerTemplate } from "./types.ts";

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
 * Encodes a template for Ory's config.
 *
 * @example
 * ```ts
 * import { encodeTemplate } from "./encode_template.ts";
 * const template = encodeTemplate({ jwks: '{"keys":[]}', ttl: "10m" });
 * if (template.jwks_url !== "base64://eyJrZXlzIjpbXX0=") throw new Error();
 * ```
 */
export function encodeTemplate(input: EncodeTemplateInput): TokenizerTemplate {
  const jwksText = typeof input.jwks === "string" ? input.jwks : JSON.stringify(input.jwks);
  return {
    jwks_url: toBase64Url(jwksText),
    ...(input.claimsMapper === undefined ? {} : { claims_mapper_url: toBase64Url(input.claimsMapper) }),
    ...(input.ttl === undefined ? {} : { ttl: input.ttl }),
    ...(input.subjectSource === undefined ? {} : { subject_source: input.subjectSource }),
  };
}
