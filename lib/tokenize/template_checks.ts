/**
 * The checks Kratos makes on its inputs before a tokenization, with its errors: the template's shape
 * and TTL (its config decoding), the key set's first key, and the name errors give the mapper. The
 * tokenizer and the preview both run them, in Kratos's order.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { isObject } from "../encoding/is_object.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { redactSource } from "../sources/fetch_source.ts";
import type { Session } from "../session/session.ts";
import type { Jwk, TokenizerTemplate } from "../types.ts";

/** Our TTL when a template omits one (Ory's docs; see the spec's Part A, 3). */
export const DEFAULT_TTL = "10m";

/**
 * Kratos always has a session; ours comes from callers and files, so its shape is checked first.
 *
 * @throws {TokenizerError} `ERR_INVALID_INPUT` (400) when it is not an object with an `identity` object.
 */
export function checkSession(session: unknown): asserts session is Session {
  const what = session === null ? "null" : Array.isArray(session) ? "an array" : typeof session;
  const identity = what === "object" ? (session as { identity?: unknown }).identity : undefined;
  if (what !== "object" || typeof identity !== "object" || identity === null || Array.isArray(identity)) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: what === "object"
        ? 'Cannot tokenize the session: it has no "identity" object'
        : `Cannot tokenize a session that is ${what}`,
      detail: "Pass the session as GET /sessions/whoami returns it (sampleSession() shows the shape).",
    });
  }
}

/**
 * Requires the set's first key, the one Kratos signs with.
 *
 * @throws {TokenizerError} `ERR_JWKS_EMPTY` (400) for a set without keys.
 */
export function requireFirstKey<T extends { first: Jwk | undefined }>(entry: T): T & { first: Jwk } {
  if (entry.first === undefined) {
    throw new TokenizerError("ERR_JWKS_EMPTY", {
      detail: 'The key set has no keys; Ory signs with the first entry of "keys".',
    });
  }
  return entry as T & { first: Jwk };
}

/** The file name errors show: the mapper's path, or its URL redacted by what it is. */
export function mapperFilename(location: string): string {
  const shown = redactSource(location);
  if (location.startsWith("file://") && shown === location) return location.slice("file://".length);
  return shown;
}

/**
 * Checks a template's shape like Kratos's config decoding, and returns its TTL in nanoseconds.
 *
 * @throws {TokenizerError} `ERR_TEMPLATE_INVALID` (500, Ory's `invalid_configuration`).
 */
export function templateTtl(name: string, template: TokenizerTemplate): bigint {
  const invalid = (why: string) =>
    new TokenizerError("ERR_TEMPLATE_INVALID", { text: `Unable to decode tokenizer template "${name}": ${why}` });
  checkTemplateObject(name, template);
  for (const member of ["jwks_url", "claims_mapper_url", "ttl", "subject_source"] as const) {
    if (template[member] !== undefined && typeof template[member] !== "string") {
      throw invalid(`'${member}' expected type 'string', got ${typeof template[member]}`);
    }
  }
  try {
    return parseDurationNanos(template.ttl ?? DEFAULT_TTL);
  } catch (error) {
    throw invalid(`error decoding 'ttl': ${(error as TokenizerError).reason}`);
  }
}

/**
 * Requires a template to be an object, as Ory's config schema does (`templates.<name>` is
 * `type: object`): Kratos refuses to load such a config, so the template never reaches its fetcher.
 * Without this check an array would pass as an object without `jwks_url` and fail later with a
 * misleading "unknown scheme".
 *
 * @throws {TokenizerError} `ERR_TEMPLATE_INVALID` (500, Ory's `invalid_configuration`), worded as the
 *   schema's validator words it: `expected object, but got array`.
 */
export function checkTemplateObject(name: string, template: unknown): asserts template is TokenizerTemplate {
  if (isObject(template)) return;
  throw new TokenizerError("ERR_TEMPLATE_INVALID", {
    text: `Unable to decode tokenizer template "${name}": expected object, but got ${jsonType(template)}`,
    detail: `Ory's config schema requires session.whoami.tokenizer.templates.${name} to be an object ` +
      "with jwks_url (and optionally claims_mapper_url, ttl, subject_source); Kratos refuses to load a " +
      "config where it is not.",
  });
}

/** A value's JSON type by JSON Schema's names, as Ory's validator reports it. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "boolean" ? "boolean" : typeof value === "number" ? "number" : typeof value;
}
