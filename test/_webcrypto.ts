// JWS signing and verification with WebCrypto called directly: an implementation independent of both
// lib and jose, so that tests can check lib's tokens, and lib can check tokens it did not make.
import type { Jwk } from "../lib/mod.ts";
import { b64url, unb64url } from "./_helpers.ts";

type ImportParams = AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams | HmacImportParams;
type SignParams = AlgorithmIdentifier | EcdsaParams | RsaPssParams;

/** RFC 7518's JWS algorithms in WebCrypto's terms. */
export function webCryptoParams(alg: string, jwk: Jwk): { importAs: ImportParams; signWith: SignParams } {
  const hash = `SHA-${alg.slice(2)}`;
  switch (alg.slice(0, 2)) {
    case "ES":
      return { importAs: { name: "ECDSA", namedCurve: jwk.crv! }, signWith: { name: "ECDSA", hash } };
    case "RS":
      return { importAs: { name: "RSASSA-PKCS1-v1_5", hash }, signWith: { name: "RSASSA-PKCS1-v1_5" } };
    case "PS":
      return {
        importAs: { name: "RSA-PSS", hash },
        signWith: { name: "RSA-PSS", saltLength: Number(alg.slice(2)) / 8 },
      };
    case "HS":
      return { importAs: { name: "HMAC", hash }, signWith: { name: "HMAC" } };
    default:
      return { importAs: { name: "Ed25519" }, signWith: { name: "Ed25519" } };
  }
}

const MATERIAL = ["kty", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "k"];

function material(jwk: Jwk, usage: "sign" | "verify"): JsonWebKey {
  const out: Record<string, unknown> = {};
  for (const member of MATERIAL) {
    const keep = usage === "sign" || jwk.kty === "oct" || !["d", "p", "q", "dp", "dq", "qi"].includes(member);
    if (keep && typeof jwk[member] === "string") out[member] = jwk[member];
  }
  return out as JsonWebKey;
}

/** Verifies a compact JWS with WebCrypto alone, taking the algorithm from the key. */
export async function webCryptoVerify(token: string, jwk: Jwk): Promise<boolean> {
  const { importAs, signWith } = webCryptoParams(jwk.alg!, jwk);
  const key = await crypto.subtle.importKey("jwk", material(jwk, "verify"), importAs, false, ["verify"]);
  const [h, p, s] = token.split(".");
  return await crypto.subtle.verify(signWith, key, unb64url(s!), new TextEncoder().encode(`${h}.${p}`));
}

/** Signs a header and claims (as plain JSON.stringify writes them) with WebCrypto alone. */
export async function webCryptoSign(header: Record<string, unknown>, claims: unknown, jwk: Jwk): Promise<string> {
  const alg = String(header["alg"]);
  const { importAs, signWith } = webCryptoParams(alg, jwk);
  const key = await crypto.subtle.importKey("jwk", material(jwk, "sign"), importAs, false, ["sign"]);
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = new Uint8Array(await crypto.subtle.sign(signWith, key, new TextEncoder().encode(input)));
  return `${input}.${b64url(signature)}`;
}

/** HMAC-SHA-256 over header.payload with arbitrary key bytes (for the key-confusion attack). */
export async function hmacSign(header: Record<string, unknown>, claims: unknown, secret: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    secret as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(input)));
  return `${input}.${b64url(signature)}`;
}
