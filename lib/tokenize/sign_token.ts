/**
 * Writes and signs the compact JWS exactly as golang-jwt does for Kratos: Go-style JSON for the header
 * (`alg`, `kid`, `typ`) and the claims, base64url without padding, joined with dots.
 *
 * @module
 */

import { encodeBase64Url } from "../encoding/base64.ts";
import { goJsonStringify } from "../encoding/go_json.ts";
import type { Signer } from "../keys/signing_key.ts";
import type { TokenHeader } from "../types.ts";

/**
 * Signs a payload under a header and returns the compact token.
 *
 * @param payloadJson the claims, already serialised by `goJsonStringify` (the exact bytes to sign).
 */
export async function signToken(header: TokenHeader, payloadJson: string, sign: Signer): Promise<string> {
  const encoder = new TextEncoder();
  const input = `${encodeBase64Url(encoder.encode(goJsonStringify({ ...header })))}.${
    encodeBase64Url(encoder.encode(payloadJson))
  }`;
  const signature = await sign(encoder.encode(input));
  return `${input}.${encodeBase64Url(signature)}`;
}
