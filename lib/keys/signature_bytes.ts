/**
 * How long a JWS signature is for each algorithm whose length does not depend on the key (RSA's is the
 * modulus length): raw `r||s` for ECDSA (RFC 7518 section 3.4), the hash output for HMAC.
 *
 * @module
 */

/** Signature bytes by `alg`. */
export const SIGNATURE_BYTES: Readonly<Record<string, number>> = {
  ES256: 64,
  ES384: 96,
  ES512: 132,
  EdDSA: 64,
  Ed25519: 64,
  HS256: 32,
  HS384: 48,
  HS512: 64,
};
