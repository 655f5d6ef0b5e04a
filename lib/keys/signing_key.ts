/**
 * The first key of a set as Kratos uses it: its own `alg` picks the method (never `kty`), then the key
 * is decoded and signs. Failures carry Ory's reasons and say, without key material, what is wrong.
 *
 * @module
 */

import { decodeBase64Lenient } from "../encoding/base64.ts";
import { TokenizerError } from "../errors.ts";
import type { Jwk, JwkAlg } from "../types.ts";

/** golang-jwt v5's registered method names; `none` is registered but can never sign. */
const REGISTERED = new Set<string>([
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "none",
]);

/** Signs a JWS signing input. */
export type Signer = (input: Uint8Array) => Promise<Uint8Array>;

/**
 * Reads the signing algorithm from a JWK, as Kratos does (case-sensitive, no inference from `kty`).
 *
 * @throws {TokenizerError} `ERR_JWK_ALG` (400) when `alg` is missing or not registered.
 */
export function signingAlgorithm(jwk: Jwk): JwkAlg | "none" {
  const alg = typeof jwk.alg === "string" ? jwk.alg : "";
  if (!REGISTERED.has(alg)) {
    const hint = alg === ""
      ? 'The first key of the set has no "alg"; Ory does not infer it from kty.'
      : `"${alg}" is not one of ${[...REGISTERED].filter((a) => a !== "none").join(", ")} (names are case-sensitive).`;
    throw new TokenizerError("ERR_JWK_ALG", {
      text: alg,
      detail: `${hint} Add "alg" to the key, for example "ES256" for a P-256 EC key.`,
    });
  }
  return alg as JwkAlg | "none";
}

const EC_CURVE: Record<string, string> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };
const EC_BYTES: Record<string, number> = { "P-256": 32, "P-384": 48, "P-521": 66 };

function signFailure(detail: string, cause?: unknown): TokenizerError {
  return new TokenizerError("ERR_SIGN", { detail, cause });
}

function decodeFailure(detail: string, cause?: unknown): TokenizerError {
  return new TokenizerError("ERR_KEY_DECODE", { detail, cause });
}

function bytesOf(jwk: Jwk, member: string): Uint8Array | undefined {
  const value = jwk[member];
  return typeof value === "string" ? decodeBase64Lenient(value) : undefined;
}

/** Kratos's step 8 (`key.Raw`): is the material a key at all? */
function checkDecodable(jwk: Jwk): void {
  switch (jwk.kty) {
    case "EC": {
      const size = EC_BYTES[jwk.crv ?? ""];
      if (size === undefined) throw decodeFailure(`the EC key's curve "${jwk.crv ?? ""}" is not P-256, P-384 or P-521`);
      const x = bytesOf(jwk, "x");
      const y = bytesOf(jwk, "y");
      if (x === undefined || y === undefined) throw decodeFailure('the EC key lacks its "x" or "y" coordinate');
      if (x.length > size || y.length > size) {
        throw decodeFailure(`the EC key's coordinates are too long for ${jwk.crv}`);
      }
      return;
    }
    case "RSA":
      if (bytesOf(jwk, "n") === undefined || bytesOf(jwk, "e") === undefined) {
        throw decodeFailure('the RSA key lacks its modulus "n" or exponent "e"');
      }
      return;
    case "OKP":
      if (jwk.crv !== "Ed25519" && jwk.crv !== "X25519") {
        throw decodeFailure(`the OKP key's curve "${jwk.crv ?? ""}" is not Ed25519 or X25519`);
      }
      if (bytesOf(jwk, "x") === undefined) throw decodeFailure('the OKP key lacks its public part "x"');
      return;
  }
}

/** golang-jwt's checks at signing time (Kratos's step 9), in words. */
function checkSignable(jwk: Jwk, alg: JwkAlg | "none"): void {
  if (alg === "none") throw signFailure('"alg": "none" cannot sign: Ory refuses unsigned tokens');
  const family = alg.slice(0, 2);
  const expected = family === "ES"
    ? "EC"
    : family === "RS" || family === "PS"
    ? "RSA"
    : family === "HS"
    ? "oct"
    : "OKP";
  if (jwk.kty !== expected) throw signFailure(`${alg} needs a ${expected} key, but the first key is ${jwk.kty}`);
  if (family === "ES" && jwk.crv !== EC_CURVE[alg]) {
    throw signFailure(`${alg} needs a ${EC_CURVE[alg]} key, but the first key is on ${jwk.crv}`);
  }
  if (alg === "EdDSA" && jwk.crv !== "Ed25519") {
    throw signFailure(`EdDSA needs an Ed25519 key, but the first key is ${jwk.crv}`);
  }
  const secret = family === "HS" ? "k" : "d";
  if (bytesOf(jwk, secret) === undefined) {
    throw signFailure(
      `the first key is a public key (it has no "${secret}"); Ory signs with the first key of the set, so it must be ` +
        "the private key (`ory create jwk` prints it; `--public` is for verifiers)",
    );
  }
  if (family === "HS" && bytesOf(jwk, "k")!.length === 0) throw signFailure('the oct key\'s "k" is empty');
  const bits = expected === "RSA" ? modulusBits(bytesOf(jwk, "n")!) : Infinity;
  if (bits < 1024) throw signFailure(`the RSA key has ${bits} bits; Go refuses RSA keys under 1024 bits`);
}

function modulusBits(n: Uint8Array): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
}

const HASH: Record<string, string> = { "256": "SHA-256", "384": "SHA-384", "512": "SHA-512" };

/** The WebCrypto algorithm for a JWS alg (a key already checked by {@linkcode checkSignable}). */
function webCryptoAlgorithm(
  alg: JwkAlg,
  jwk: Jwk,
): {
  importAs: AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams | HmacImportParams;
  signWith: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
} {
  const bits = alg.slice(2);
  const hash = HASH[bits]!;
  switch (alg.slice(0, 2)) {
    case "ES":
      return { importAs: { name: "ECDSA", namedCurve: jwk.crv! }, signWith: { name: "ECDSA", hash } };
    case "RS":
      return { importAs: { name: "RSASSA-PKCS1-v1_5", hash }, signWith: { name: "RSASSA-PKCS1-v1_5" } };
    case "PS":
      // golang-jwt's PS* use a salt as long as the hash (rsa.PSSSaltLengthEqualsHash).
      return { importAs: { name: "RSA-PSS", hash }, signWith: { name: "RSA-PSS", saltLength: Number(bits) / 8 } };
    case "HS":
      return { importAs: { name: "HMAC", hash }, signWith: { name: "HMAC" } };
    default:
      return { importAs: { name: "Ed25519" }, signWith: { name: "Ed25519" } };
  }
}

/** Only the key material: `use`, `key_ops` and `alg` would make WebCrypto refuse keys Ory accepts. */
function materialOf(jwk: Jwk): JsonWebKey {
  const members = ["kty", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "k"];
  const material: Record<string, unknown> = {};
  for (const member of members) if (typeof jwk[member] === "string") material[member] = jwk[member];
  return material as JsonWebKey;
}

/**
 * Prepares the signer for a key and algorithm, in Kratos's order: decode (step 8), then the signing
 * checks (step 9).
 *
 * @throws {TokenizerError} `ERR_KEY_DECODE` or `ERR_SIGN` (400).
 */
export async function createSigner(jwk: Jwk, alg: JwkAlg | "none"): Promise<Signer> {
  try {
    checkDecodable(jwk);
  } catch (error) {
    if ((error as TokenizerError).code === "ERR_KEY_DECODE") throw error;
    throw decodeFailure("the key's members are not valid base64url", error);
  }
  checkSignable(jwk, alg);
  const { importAs, signWith } = webCryptoAlgorithm(alg as JwkAlg, jwk);
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey("jwk", materialOf(jwk), importAs, false, ["sign"]);
  } catch (error) {
    throw decodeFailure(
      `the ${jwk.kty} private key is malformed (${error instanceof Error ? error.name : "import failed"}); ` +
        "regenerate it with `ory-tokenizer jwk create` or `ory create jwk`",
      error,
    );
  }
  return async (input) => new Uint8Array(await crypto.subtle.sign(signWith, key, input as BufferSource));
}
