/**
 * Parses a JSON Web Key Set the way Kratos's JWKS library (lestrrat-go/jwx v1) does: an object with a
 * `keys` array is a set whose every key must parse; an object without `keys` is one bare key; other
 * top-level members (such as `ory create jwk`'s `"set"`) are kept and ignored.
 *
 * @module
 */

import { decodeBase64Lenient } from "../encoding/base64.ts";
import { isObject } from "../encoding/is_object.ts";
import { TokenizerError } from "../errors.ts";
import type { Jwk, JwkSet } from "../types.ts";

const KNOWN_KTY = new Set(["EC", "RSA", "OKP", "oct"]);
const STRING_MEMBERS = ["kty", "alg", "kid", "use", "crv", "x5u", "x5t", "x5t#S256"];
const BYTE_MEMBERS: Record<string, readonly string[]> = {
  EC: ["x", "y", "d"],
  RSA: ["n", "e", "d", "p", "q", "dp", "dq", "qi"],
  OKP: ["x", "d"],
  oct: ["k"],
};

function parseError(detail: string, cause?: unknown): TokenizerError {
  return new TokenizerError("ERR_JWKS_PARSE", { detail, cause });
}

/** Checks one key's members; `where` names it in messages ("key 2"). Never echoes values. */
function checkKey(value: unknown, where: string): Jwk {
  if (!isObject(value)) throw parseError(`${where} is not a JSON object`);
  for (const member of STRING_MEMBERS) {
    if (member in value && typeof value[member] !== "string") {
      throw parseError(`${where}: the "${member}" member must be a string`);
    }
  }
  const kty = value["kty"];
  if (typeof kty !== "string") throw parseError(`${where} has no "kty" member (EC, RSA, OKP or oct)`);
  if (!KNOWN_KTY.has(kty)) throw parseError(`${where} has an unknown "kty" ("${kty}"); use EC, RSA, OKP or oct`);
  for (const member of BYTE_MEMBERS[kty]!) {
    if (!(member in value)) continue;
    const text = value[member];
    if (typeof text !== "string") throw parseError(`${where}: the "${member}" member must be a base64url string`);
    try {
      decodeBase64Lenient(text);
    } catch (error) {
      throw parseError(`${where}: the "${member}" member is not valid base64url`, error);
    }
  }
  if (
    "key_ops" in value && (!Array.isArray(value["key_ops"]) || value["key_ops"].some((op) => typeof op !== "string"))
  ) {
    throw parseError(`${where}: "key_ops" must be an array of strings`);
  }
  return value as Jwk;
}

/** Describes where `JSON.parse` stopped, without quoting the text (it may hold private keys). */
function describeJsonError(text: string, error: unknown): string {
  if (text.trim() === "") return "the key set is empty";
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  const where = position === undefined ? "" : ` at byte ${position}`;
  const atEnd = position !== undefined && Number(position) >= text.trimEnd().length;
  return atEnd || /end of (JSON|data)|Unterminated|Unexpected end/i.test(String(error))
    ? `the JSON ends early${where} (is the file truncated, a closing brace missing?)`
    : `the text is not valid JSON${where}`;
}

/**
 * Parses a key set from its bytes.
 *
 * @param bytes the JSON text, as read from `jwks_url`.
 * @returns the set; a bare key comes back as a one-key set.
 * @throws {TokenizerError} `ERR_JWKS_PARSE` (400, `failed to parse JWK set`) with a detail.
 */
export function parseJwks(bytes: Uint8Array | string): JwkSet {
  let text: string;
  try {
    text = typeof bytes === "string" ? bytes : new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw parseError("the key set is not UTF-8 text (is it still base64-encoded, or a binary key file?)", error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's own message quotes the text around the error, which may be a private key: the cause
    // carries our description only, so console.error(err) and util.inspect show nothing of the set.
    const description = describeJsonError(text, error);
    throw parseError(description, new SyntaxError(description));
  }
  if (!isObject(json)) {
    throw parseError(
      `the key set must be a JSON object with a "keys" array, not ${Array.isArray(json) ? "an array" : typeof json}`,
    );
  }
  if (!("keys" in json)) return { keys: [checkKey(json, "the key")] };
  const keys = json["keys"];
  if (!Array.isArray(keys)) throw parseError('the "keys" member must be an array');
  return { ...json, keys: keys.map((key, i) => checkKey(key, `key ${i + 1}`)) };
}
