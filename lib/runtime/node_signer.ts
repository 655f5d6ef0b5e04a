/**
 * Signing through Node's own crypto, in the calling thread. Node's WebCrypto hands every signature to
 * libuv's thread pool and resolves a promise when it comes back: for ES256 that round trip costs more
 * than the signature itself, and was the largest part of a tokenization after the evaluation
 * (BENCHMARKS.md). `crypto.sign` does the same work, with the same key, synchronously.
 *
 * Node only: Deno's `node:crypto` signs more slowly than its own WebCrypto (BENCHMARKS.md), Bun's
 * `KeyObject.from` prints a deprecation warning (DEP0204) for the non-extractable keys lib imports, and
 * browsers have neither, so they keep WebCrypto.
 *
 * @module
 */

import { ALGORITHMS } from "../keys/algorithms.ts";
import type { JwkAlg } from "../types.ts";
import type { ImportedKey } from "../keys/signing_key.ts";
import { nodeBuiltin } from "./node_builtin.ts";

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  KeyObject: { from(key: ImportedKey): unknown };
  sign(algorithm: string | null, data: Uint8Array, key: unknown): Uint8Array;
  createHmac(algorithm: string, key: unknown): { update(data: Uint8Array): { digest(): Uint8Array } };
  constants: { RSA_PKCS1_PSS_PADDING: number };
}

/**
 * A synchronous signer over an imported WebCrypto key, where the runtime is Node.
 *
 * The key is the one WebCrypto imported (`KeyObject.from` shares it, it does not parse the JWK again),
 * so what Ory would refuse is still refused by the same import, with the same messages.
 *
 * @param key the private (or HMAC) key as `crypto.subtle.importKey` made it for `alg`.
 * @returns the signer, or undefined where WebCrypto should sign.
 */
export function nodeSyncSigner(key: ImportedKey, alg: JwkAlg): ((input: Uint8Array) => Uint8Array) | undefined {
  if ("Deno" in globalThis || "Bun" in globalThis) return undefined;
  const nodeCrypto = nodeBuiltin<NodeCrypto>("node:crypto");
  if (typeof nodeCrypto?.KeyObject?.from !== "function") return undefined;
  let keyObject: unknown;
  try {
    keyObject = nodeCrypto.KeyObject.from(key);
  } catch {
    return undefined;
  }
  const facts = ALGORITHMS[alg];
  // WebCrypto's "SHA-256" is OpenSSL's "sha256".
  const hash = facts.hash?.replace("SHA-", "sha") ?? null;
  switch (facts.kty) {
    case "oct":
      return (input) => nodeCrypto.createHmac(hash!, keyObject).update(input).digest();
    case "EC": {
      // JWS wants r||s (RFC 7518 section 3.4), WebCrypto's form; OpenSSL's default is DER.
      const options = { key: keyObject, dsaEncoding: "ieee-p1363" };
      return (input) => nodeCrypto.sign(hash, input, options);
    }
    case "RSA": {
      const saltLength = facts.signWith["saltLength"];
      const options = typeof saltLength === "number"
        ? { key: keyObject, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength }
        : keyObject;
      return (input) => nodeCrypto.sign(hash, input, options);
    }
    case "OKP":
      return (input) => nodeCrypto.sign(null, input, keyObject);
  }
}
