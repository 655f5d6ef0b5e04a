/**
 * The public half of a key set, like `ory get jwk --public`.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import type { Jwk, JwkSet } from "../types.ts";

/** Members that hold private material in any key type (RFC 7518 section 6). */
export const PRIVATE_MEMBERS: readonly string[] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/** A key without its private members; an `oct` key keeps no material at all, so callers skip or refuse those. */
export function withoutPrivateMembers(key: Jwk): Jwk {
  const pub: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(key)) if (!PRIVATE_MEMBERS.includes(name)) pub[name] = value;
  return pub as Jwk;
}

/**
 * Drops every private member from every key.
 *
 * @example
 * ```ts
 * import { publicJwks } from "./public_jwks.ts";
 * const pub = publicJwks({ keys: [{ kty: "OKP", crv: "Ed25519", x: "AA", d: "AA" }] });
 * if ("d" in pub.keys[0]!) throw new Error();
 * ```
 * @throws {TokenizerError} `ERR_KEY_PUBLIC` for an `oct` key, which has no public form.
 */
export function publicJwks(set: JwkSet): JwkSet {
  return {
    ...set,
    keys: set.keys.map((key, index) => {
      if (key.kty === "oct") {
        throw new TokenizerError("ERR_KEY_PUBLIC", {
          text: `Cannot make key ${index + 1} public: an oct (HMAC) key is a shared secret and has no public form`,
          detail: "Verifiers of HS* tokens need the secret itself; share it privately, never in a public key set.",
        });
      }
      return withoutPrivateMembers(key);
    }),
  };
}
