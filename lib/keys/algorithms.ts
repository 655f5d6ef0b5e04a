/**
 * The one table of JWS algorithms Ory's tokenizer can sign with (golang-jwt v5's registry minus `none`):
 * key type, curve, hash, the WebCrypto parameters to import, sign and generate, and the signature size.
 * Types, key generation, signing, verification, the token-size rule and the CLI all read it.
 *
 * @module
 */

import type { JwkAlg } from "../types.ts";

/** The `kty` a JWS algorithm signs with. */
export type KeyType = "EC" | "RSA" | "OKP" | "oct";

/**
 * WebCrypto algorithm parameters (`{ name: "ECDSA", namedCurve: "P-256" }`, …), typed structurally so
 * the published types need no DOM library.
 */
export interface WebCryptoParams {
  readonly name: string;
  readonly [parameter: string]: unknown;
}

/** What generating a key for an algorithm takes: a WebCrypto key pair, or random secret bytes. */
export type KeyGeneration =
  | { readonly pair: WebCryptoParams }
  | { readonly pair: WebCryptoParams; readonly modulusLength: number }
  | { readonly secretBytes: number };

/** Everything lib needs to know about one JWS algorithm. */
export interface AlgorithmFacts {
  readonly kty: KeyType;
  /** The one curve the algorithm signs on (EC and OKP); undefined for RSA and HMAC. */
  readonly crv: string | undefined;
  /** Bytes of each EC coordinate on that curve (the JWK's `x` and `y`); undefined for the others. */
  readonly coordinateBytes: number | undefined;
  /** The hash, as WebCrypto names it; undefined for EdDSA (Ed25519 hashes internally). */
  readonly hash: string | undefined;
  readonly importAs: WebCryptoParams;
  readonly signWith: WebCryptoParams;
  /** Bytes of a signature; undefined for RSA, whose signatures are as long as the key's modulus. */
  readonly signatureBytes: number | undefined;
  readonly generate: KeyGeneration;
}

// ECDSA signatures in JWS are raw r||s (RFC 7518 section 3.4): two coordinates long.
function ecdsa(crv: string, hash: string, coordinateBytes: number): AlgorithmFacts {
  return {
    kty: "EC",
    crv,
    coordinateBytes,
    hash,
    importAs: { name: "ECDSA", namedCurve: crv },
    signWith: { name: "ECDSA", hash },
    signatureBytes: 2 * coordinateBytes,
    generate: { pair: { name: "ECDSA", namedCurve: crv } },
  };
}

// `ory create jwk` makes 4096-bit RS* keys and 2048-bit PS* keys; ours match.
function rsa(name: "RSASSA-PKCS1-v1_5" | "RSA-PSS", hash: string, modulusLength: number): AlgorithmFacts {
  // golang-jwt's PS* use a salt as long as the hash (rsa.PSSSaltLengthEqualsHash).
  const signWith = name === "RSA-PSS" ? { name, saltLength: Number(hash.slice(4)) / 8 } : { name };
  return {
    kty: "RSA",
    crv: undefined,
    coordinateBytes: undefined,
    hash,
    importAs: { name, hash },
    signWith,
    signatureBytes: undefined,
    generate: { pair: { name, hash, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) }, modulusLength },
  };
}

// A secret as long as the hash output, as RFC 7518 section 3.2 asks for; the MAC is that long too.
function hmac(hash: string): AlgorithmFacts {
  const bytes = Number(hash.slice(4)) / 8;
  return {
    kty: "oct",
    crv: undefined,
    coordinateBytes: undefined,
    hash,
    importAs: { name: "HMAC", hash },
    signWith: { name: "HMAC" },
    signatureBytes: bytes,
    generate: { secretBytes: bytes },
  };
}

const EDDSA: AlgorithmFacts = {
  kty: "OKP",
  crv: "Ed25519",
  coordinateBytes: undefined,
  hash: undefined,
  importAs: { name: "Ed25519" },
  signWith: { name: "Ed25519" },
  signatureBytes: 64,
  generate: { pair: { name: "Ed25519" } },
};

/** The algorithms, in the order the CLI lists them (Ory's guide's ES256 first). */
export const ALGORITHMS: Readonly<Record<JwkAlg, AlgorithmFacts>> = {
  ES256: ecdsa("P-256", "SHA-256", 32),
  ES384: ecdsa("P-384", "SHA-384", 48),
  ES512: ecdsa("P-521", "SHA-512", 66),
  EdDSA: EDDSA,
  RS256: rsa("RSASSA-PKCS1-v1_5", "SHA-256", 4096),
  RS384: rsa("RSASSA-PKCS1-v1_5", "SHA-384", 4096),
  RS512: rsa("RSASSA-PKCS1-v1_5", "SHA-512", 4096),
  PS256: rsa("RSA-PSS", "SHA-256", 2048),
  PS384: rsa("RSA-PSS", "SHA-384", 2048),
  PS512: rsa("RSA-PSS", "SHA-512", 2048),
  HS256: hmac("SHA-256"),
  HS384: hmac("SHA-384"),
  HS512: hmac("SHA-512"),
};

/** Every {@linkcode JwkAlg}, in the table's order. */
export const JWK_ALGS: readonly JwkAlg[] = Object.keys(ALGORITHMS) as JwkAlg[];

/**
 * Names a verifier accepts for the same facts: RFC 9864's fully-specified `Ed25519` is EdDSA on Ed25519
 * (jose verifies it; Ory never writes it).
 */
const VERIFY_ALIASES: Readonly<Record<string, JwkAlg>> = { Ed25519: "EdDSA" };

/** Whether a string is one of the table's algorithms (case-sensitive, like golang-jwt). */
export function isJwkAlg(alg: unknown): alg is JwkAlg {
  return typeof alg === "string" && Object.hasOwn(ALGORITHMS, alg);
}

/** The facts for an algorithm a verifier may meet (a {@linkcode JwkAlg} or an alias), else undefined. */
export function verifiableAlgorithm(alg: unknown): AlgorithmFacts | undefined {
  if (isJwkAlg(alg)) return ALGORITHMS[alg];
  const alias = typeof alg === "string" && Object.hasOwn(VERIFY_ALIASES, alg) ? VERIFY_ALIASES[alg] : undefined;
  return alias === undefined ? undefined : ALGORITHMS[alias];
}

/** The algorithm whose EC curve this is, for decoding a key by its `crv` (before any `alg` check). */
export function ecCurveFacts(crv: unknown): AlgorithmFacts | undefined {
  return Object.values(ALGORITHMS).find((facts) => facts.kty === "EC" && facts.crv === crv);
}

/** A signature's bytes for a key made with the defaults (RSA: the generated modulus length). */
export function generatedSignatureBytes(alg: JwkAlg): number {
  const facts = ALGORITHMS[alg];
  if (facts.signatureBytes !== undefined) return facts.signatureBytes;
  return "modulusLength" in facts.generate ? facts.generate.modulusLength / 8 : 0;
}
