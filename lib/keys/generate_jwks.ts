/**
 * Key sets like `ory create jwk`: one key, a UUID v4 `kid`, `use: "sig"`, members in alphabetical
 * order, `{"set": <name>, "keys": [...]}`. Beyond Ory's CLI: HS* secrets on request, RFC 7638
 * thumbprint `kid`s, and rotation.
 *
 * @module
 */

import { calculateJwkThumbprint } from "jose";
import { encodeBase64Url } from "../encoding/base64.ts";
import type { Jwk, JwkAlg, JwkSet } from "../types.ts";

/** Options of {@linkcode generateJwks}. */
export interface GenerateJwksOptions {
  /** Default `ES256` (the algorithm Ory's tokenizer guide uses; `ory create jwk` defaults to RS256). */
  alg?: JwkAlg;
  /** The set's name (`ory create jwk <set>`); default `tokenizer`. */
  set?: string;
  /** A fixed `kid`, or `"thumbprint"` for the RFC 7638 SHA-256 thumbprint; default a UUID v4. */
  kid?: string;
  use?: "sig" | "enc";
  /** RSA modulus bits; Ory uses 4096 for RS*, 2048 for PS*. */
  modulusLength?: number;
}

const EC_CURVES: Partial<Record<JwkAlg, string>> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };

function generationParams(
  alg: JwkAlg,
  modulusLength: number | undefined,
): RsaHashedKeyGenParams | EcKeyGenParams | AlgorithmIdentifier {
  const hash = `SHA-${alg.slice(2)}`;
  if (alg === "EdDSA") return { name: "Ed25519" };
  const curve = EC_CURVES[alg];
  if (curve !== undefined) return { name: "ECDSA", namedCurve: curve };
  return {
    name: alg.startsWith("PS") ? "RSA-PSS" : "RSASSA-PKCS1-v1_5",
    hash,
    modulusLength: modulusLength ?? (alg.startsWith("PS") ? 2048 : 4096),
    publicExponent: new Uint8Array([1, 0, 1]),
  };
}

async function keyMaterial(alg: JwkAlg, modulusLength: number | undefined): Promise<JsonWebKey | Jwk> {
  if (alg.startsWith("HS")) {
    // A secret as long as the hash output, as RFC 7518 section 3.2 asks for.
    return { kty: "oct", k: encodeBase64Url(crypto.getRandomValues(new Uint8Array(Number(alg.slice(2)) / 8))) };
  }
  const pair = await crypto.subtle.generateKey(generationParams(alg, modulusLength), true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  return await crypto.subtle.exportKey("jwk", pair.privateKey);
}

const PRIVATE_OR_MATERIAL = ["crv", "d", "dp", "dq", "e", "k", "kty", "n", "p", "q", "qi", "x", "y"];

/** One new key, members in alphabetical order like the Ory CLI prints them. */
export async function generateJwk(options: GenerateJwksOptions = {}): Promise<Jwk> {
  const alg = options.alg ?? "ES256";
  if (!SUPPORTED.has(alg)) {
    throw new TypeError(`Cannot generate a key for alg "${alg}": use one of ${[...SUPPORTED].join(", ")}`);
  }
  const material = await keyMaterial(alg, options.modulusLength) as Record<string, unknown>;
  const members: Record<string, unknown> = { alg, use: options.use ?? "sig" };
  for (const name of PRIVATE_OR_MATERIAL) if (typeof material[name] === "string") members[name] = material[name];
  members["kid"] = options.kid === "thumbprint"
    ? await calculateJwkThumbprint(members as Parameters<typeof calculateJwkThumbprint>[0], "sha256")
    : options.kid ?? crypto.randomUUID();
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(members).sort()) sorted[name] = members[name];
  return sorted as Jwk;
}

const SUPPORTED = new Set<string>([
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "HS256",
  "HS384",
  "HS512",
]);

/**
 * Creates a key set with one private key, like `ory create jwk <set> --alg <alg>`.
 *
 * @example
 * ```ts
 * import { generateJwks } from "./generate_jwks.ts";
 * const jwks = await generateJwks({ alg: "ES256", set: "tokenizer" });
 * if (jwks.keys[0]!.crv !== "P-256" || jwks.set !== "tokenizer") throw new Error();
 * ```
 * @throws {TypeError} for an algorithm that cannot be generated.
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
