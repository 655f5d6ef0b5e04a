/**
 * A template as config text shows it: Ory's members in the documentation's order, checked to be
 * strings. Internal to lib: the config writers share it.
 *
 * @module
 */

import type { TokenizerTemplate } from "../types.ts";
import { TEMPLATES_PATH } from "./config_templates.ts";

const ORDER = ["jwks_url", "claims_mapper_url", "ttl", "subject_source"];

/**
 * The template's members in the documentation's order (`jwks_url`, `claims_mapper_url`, `ttl`,
 * `subject_source`), then any others as given.
 *
 * @throws {TypeError} when the template is not an object, lacks `jwks_url`, or a member is not a string.
 */
export function templateValue(template: TokenizerTemplate, name: string): Record<string, unknown> {
  if (typeof template !== "object" || template === null || Array.isArray(template)) {
    throw new TypeError(`Cannot write template ${JSON.stringify(name)}: it is not an object`);
  }
  const members = template as unknown as Record<string, unknown>;
  if (typeof members["jwks_url"] !== "string") {
    throw new TypeError(`Cannot write template ${JSON.stringify(name)}: "jwks_url" is required (a base64:// value)`);
  }
  const out: Record<string, unknown> = {};
  for (const key of [...ORDER, ...Object.keys(members).filter((k) => !ORDER.includes(k))]) {
    const value = members[key];
    if (value === undefined) continue;
    if (ORDER.includes(key) && typeof value !== "string") {
      throw new TypeError(`Cannot write template ${JSON.stringify(name)}: "${key}" must be a string`);
    }
    out[key] = value;
  }
  return out;
}

/** The JSON Pointer of a template in Ory's config (RFC 6901 escapes, though checked names need none). */
export function templatePointer(name: string): string {
  return `/${[...TEMPLATES_PATH, name].map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}
