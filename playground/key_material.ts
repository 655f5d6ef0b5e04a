/**
 * Whether a key holds private material, asked of lib's public API (`publicJwks` drops exactly the
 * private members, and refuses an `oct` key, whose only material is the secret `k`).
 */
import { type Jwk, publicJwks } from "ory-tokenizer";

export function hasPrivateMaterial(key: Jwk): boolean {
  if (key.kty === "oct") return typeof (key as { k?: unknown }).k === "string";
  const [publicKey] = publicJwks({ keys: [key] }).keys;
  return Object.keys(publicKey!).length !== Object.keys(key).length;
}
