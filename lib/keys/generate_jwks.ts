/**
 * Key sets like `ory create jwk`: one key, a UUID v4 `kid`, `use: "sig"`, members in alphabetical
 * order, `{"set": <name>, "keys": [...]}`. Beyond Ory's CLI: HS* secrets on request, RFC 7638
 * thumbprint `kid`s, and rotation.
 *
 * @module
 */

import type { calculateJwkThumbprint } from "jose";
import { TokenizerError } from "../errors.ts";
import { loadJose } from "./load_jose.ts";
import { encodeBase64Url } from "../encoding/base64.ts";
import type { Jwk, JwkAlg, JwkSet } from "../types.ts";
import { ALGORITHMS, isJwkAlg, JWK_ALGS } from "./algorithms.ts";

/** Options of {@linkcode generateJwks}. */
export interface GenerateJwksOptions {
  /** Default `ES256` (the algorithm Ory's tokenizer guide uses; `ory create jwk` defaults to RS256). */
  alg?: JwkAlg;
  /** The set's name (`ory create jwk <set>`); default `tokenizer`. */
  set?: string;
  /** A fixed `kid`, or `"thumbprint"` for the RFC 7638 SHA-256 thumbprint; default a UUID v4. */
  kid?: string;
  use?: "sig" | "enc";
  /** RSA modulus bits; default Ory's: 4096 for RS*, 2048 for PS*. */
  modulusLength?: number;
  /**
   * HS* only: the shared secret's bytes, as a service such as Zendesk shows it (its UTF-8 bytes); `k`
   * is their base64url. Default: random bytes as long as the hash.
   */
  secret?: Uint8Array;
}

async function keyMaterial(alg: JwkAlg, options: GenerateJwksOptions): Promise<JsonWebKey | Jwk> {
  const generate = ALGORITHMS[alg].generate;
  const modulusLength = options.modulusLength;
  if ("secretBytes" in generate) {
    const secret = options.secret ?? crypto.getRandomValues(new Uint8Array(generate.secretBytes));
    if (secret.length < generate.secretBytes) {
      throw new TokenizerError("ERR_INVALID_INPUT", {
        text: `Cannot use a ${secret.length}-byte secret for ${alg}: it needs at least ${generate.secretBytes} bytes`,
        detail: `RFC 7518 section 3.2 asks for a key as long as the hash output (${generate.secretBytes} bytes for ` +
          `${alg}). Ory and jose would sign with a shorter one, but a short secret is guessable and verifiers such ` +
          "as Hasura refuse it. Copy the whole secret the service shows.",
      });
    }
    return { kty: "oct", k: encodeBase64Url(secret) };
  }
  if (options.secret !== undefined) {
    throw new TypeError(`Cannot use a shared secret for ${alg}: only HS* keys take one`);
  }
  const params = "modulusLength" in generate && modulusLength !== undefined
    ? { ...generate.pair, modulusLength }
    : generate.pair;
  const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
  return await crypto.subtle.exportKey("jwk", pair.privateKey);
}

const PRIVATE_OR_MATERIAL = ["crv", "d", "dp", "dq", "e", "k", "kty", "n", "p", "q", "qi", "x", "y"];

/** One new key, members in alphabetical order like the Ory CLI prints them. */
export async function generateJwk(options: GenerateJwksOptions = {}): Promise<Jwk> {
  const alg = options.alg ?? "ES256";
  if (!isJwkAlg(alg)) {
    throw new TypeError(`Cannot generate a key for alg "${alg}": use one of ${JWK_ALGS.join(", ")}`);
  }
  const material = await keyMaterial(alg, options) as Record<string, unknown>;
  const members: Record<string, unknown> = { alg, use: options.use ?? "sig" };
  for (const name of PRIVATE_OR_MATERIAL) if (typeof material[name] === "string") members[name] = material[name];
  members["kid"] = options.kid === "thumbprint"
    ? await (await loadJose()).calculateJwkThumbprint(members as Parameters<typeof calculateJwkThumbprint>[0], "sha256")
    : options.kid ?? crypto.randomUUID();
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(members).sort()) sorted[name] = members[name];
  return sorted as Jwk;
}

/**
 * Creates a key set with one private key, like `ory create jwk <set> --alg <alg>`.
 *
 * @example
 * ```ts
 * import { generateJwks } from "./generate_jwks.ts";
 * const jwks = await generateJwks({ alg: "ES256", set: "tokenizer" });
 * if (jwks.keys[0]!.crv !== "P-256" || jwks.set !== "tokenizer") throw new Error();
 * ```
 * @throws {TypeError} for an algorithm that cannot be generated, or a `secret` for a non-HS* one.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` for a `secret` shorter than the hash output.
 */
export async function generateJwks(options: GenerateJwksOptions = {}): Promise<JwkSet> {
  return { set: options.set ?? "tokenizer", keys: [await generateJwk(options)] };
}

/**
 * Rotates a set: a new key goes first (Ory signs with the first key) and the old keys stay behind it,
 * so tokens they signed still verify. The new key has the first key's `alg` unless another is given.
 */
export async function rotateJwks(set: JwkSet, options: GenerateJwksOptions = {}): Promise<JwkSet> {
  const alg = options.alg ?? (set.keys[0]?.alg as JwkAlg | undefined);
  const key = await generateJwk({ ...options, ...(alg === undefined ? {} : { alg }) });
  return { ...set, keys: [key, ...set.keys] };
}
