/**
 * The first key of a set as Kratos uses it: its own `alg` picks the method (never `kty`), then the key
 * is decoded and signs. Failures carry Ory's reasons and say, without key material, what is wrong.
 *
 * @module
 */

import { decodeBase64Lenient } from "../encoding/base64.ts";
import { TokenizerError } from "../errors.ts";
import type { Jwk, JwkAlg } from "../types.ts";
import { ALGORITHMS, ecCurveFacts, isJwkAlg, JWK_ALGS } from "./algorithms.ts";

/** Signs a JWS signing input. */
export type Signer = (input: Uint8Array) => Promise<Uint8Array>;

/**
 * A runtime's way to sign synchronously with a key WebCrypto imported (Node's `crypto.sign`: WebCrypto
 * there goes through a thread pool for every signature); undefined where WebCrypto should sign.
 */
export type SyncSignerFactory = (key: ImportedKey, alg: JwkAlg) => ((input: Uint8Array) => Uint8Array) | undefined;

/** A key WebCrypto imported (a `CryptoKey`), typed structurally so the published types need no DOM library. */
export interface ImportedKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

/**
 * Reads the signing algorithm from a JWK, as Kratos does (case-sensitive, no inference from `kty`).
 *
 * @throws {TokenizerError} `ERR_JWK_ALG` (400) when `alg` is missing or not registered.
 */
export function signingAlgorithm(jwk: Jwk): JwkAlg | "none" {
  const alg = typeof jwk.alg === "string" ? jwk.alg : "";
  // golang-jwt v5 registers `none` too: it is a known method that can never sign (refused at step 9).
  if (alg === "none") return alg;
  if (!isJwkAlg(alg)) {
    const hint = alg === ""
      ? 'The first key of the set has no "alg"; Ory does not infer it from kty.'
      : `"${alg}" is not one of ${JWK_ALGS.join(", ")} (names are case-sensitive).`;
    throw new TokenizerError("ERR_JWK_ALG", {
      text: alg,
      detail: `${hint} Add "alg" to the key, for example "ES256" for a P-256 EC key.`,
    });
  }
  return alg;
}

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
      const size = ecCurveFacts(jwk.crv)?.coordinateBytes;
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
  const facts = ALGORITHMS[alg];
  if (jwk.kty !== facts.kty) throw signFailure(`${alg} needs a ${facts.kty} key, but the first key is ${jwk.kty}`);
  if (facts.crv !== undefined && jwk.crv !== facts.crv) {
    // "a P-256 key … is on P-384", "an Ed25519 key … is X25519": a curve for EC, a key kind for OKP.
    const [article, on] = facts.kty === "EC" ? ["a", "on "] : ["an", ""];
    throw signFailure(`${alg} needs ${article} ${facts.crv} key, but the first key is ${on}${jwk.crv}`);
  }
  const secret = facts.kty === "oct" ? "k" : "d";
  if (bytesOf(jwk, secret) === undefined) {
    throw signFailure(
      `the first key is a public key (it has no "${secret}"); Ory signs with the first key of the set, so it must be ` +
        "the private key (`ory create jwk` prints it; `--public` is for verifiers)",
    );
  }
  if (facts.kty === "oct" && bytesOf(jwk, "k")!.length === 0) throw signFailure('the oct key\'s "k" is empty');
  const bits = facts.kty === "RSA" ? modulusBits(bytesOf(jwk, "n")!) : Infinity;
  if (bits < 1024) throw signFailure(`the RSA key has ${bits} bits; Go refuses RSA keys under 1024 bits`);
}

function modulusBits(n: Uint8Array): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
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
 * @param syncSigner the runtime's synchronous signer over the imported key, where it has one (the
 *   package's entry points pass Node's); WebCrypto signs otherwise.
 * @throws {TokenizerError} `ERR_KEY_DECODE` or `ERR_SIGN` (400).
 */
export async function createSigner(
  jwk: Jwk,
  alg: JwkAlg | "none",
  syncSigner?: SyncSignerFactory | undefined,
): Promise<Signer> {
  try {
    checkDecodable(jwk);
  } catch (error) {
    if ((error as TokenizerError).code === "ERR_KEY_DECODE") throw error;
    throw decodeFailure("the key's members are not valid base64url", error);
  }
  checkSignable(jwk, alg);
  // checkSignable refused "none"; the key's kty and curve are the table's.
  const { importAs, signWith } = ALGORITHMS[alg as JwkAlg];
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
  const signSync = syncSigner?.(key, alg as JwkAlg);
  // A Promise all the same: a failure still rejects, as WebCrypto's would.
  if (signSync !== undefined) return (input) => new Promise((resolve) => resolve(signSync(input)));
  return async (input) => new Uint8Array(await crypto.subtle.sign(signWith, key, input as BufferSource));
}
