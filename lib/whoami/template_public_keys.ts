/**
 * The public key set the emulator serves at `/.well-known/jwks.json`: the public halves of every
 * template's keys, so an API can verify the emulator's tokens as it would verify Ory's with the set
 * from `ory get jwk --public`. Ory itself serves no such set (kratos discussion #3866).
 *
 * @module
 */

import type { DecodeTemplateOptions } from "../config/decode_template.ts";
import { templateKeySet } from "../config/template_key_set.ts";
import { TokenizerError } from "../errors.ts";
import { publicJwks } from "../keys/public_jwks.ts";
import type { Jwk, JwkSet, TokenizerTemplate } from "../types.ts";

/** The keys, and why any template contributed none. */
export interface TemplatePublicKeys {
  jwks: JwkSet;
  /** One sentence per template whose keys are missing from `jwks` (unreadable set, HS* secret). */
  skipped: string[];
}

/**
 * Collects the public halves of the keys of every template. `oct` (HS*) keys are shared secrets
 * with no public form and are left out; a template whose set cannot be read is reported, not fatal.
 *
 * @param templates the `session.whoami.tokenizer.templates` of a config.
 * @param options `readFile` for `file://` key sets.
 */
export async function templatePublicKeys(
  templates: Record<string, TokenizerTemplate>,
  options: DecodeTemplateOptions = {},
): Promise<TemplatePublicKeys> {
  const keys: Jwk[] = [];
  const seen = new Set<string>();
  const skipped: string[] = [];
  for (const [name, template] of Object.entries(templates)) {
    let set: JwkSet;
    try {
      set = await templateKeySet(template, options);
    } catch (error) {
      const why = error instanceof TokenizerError ? error.reason : "the key set cannot be read";
      skipped.push(`template "${name}": ${why}`);
      continue;
    }
    for (const key of set.keys) {
      if (key.kty === "oct") {
        skipped.push(`template "${name}": an HS* (oct) key is a shared secret and has no public form`);
        continue;
      }
      const pub = publicJwks({ keys: [key] }).keys[0]!;
      const identity = JSON.stringify(pub);
      if (!seen.has(identity)) keys.push(pub);
      seen.add(identity);
    }
  }
  return { jwks: { keys }, skipped };
}
