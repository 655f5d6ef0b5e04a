/**
 * Runs a claims mapper as Kratos does: `session` and `claims` as ext code, the output's `claims` must
 * be an object, and it is merged into the defaults with Go's `json.Unmarshal` semantics.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import { type Session, sessionForMapper } from "../session/session.ts";
import type { Claims } from "../types.ts";

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function encode(what: "session" | "claims", value: unknown): string {
  try {
    return what === "claims" ? goJsonStringify(value as JsonValue) : JSON.stringify(value);
  } catch (error) {
    throw new TokenizerError("ERR_SESSION_ENCODE", { text: what, detail: String(error), cause: error });
  }
}

/**
 * Evaluates the mapper and merges its `claims` into `claims` in place (keys present replace defaults,
 * absent keys keep them, `null` stays `null`).
 *
 * @param filename the name errors show (Ory uses the `claims_mapper_url`).
 * @throws {TokenizerError} `ERR_JSONNET` or `ERR_CLAIMS_NOT_OBJECT` (400) with the engine's message as detail.
 */
export async function runClaimsMapper(
  engine: JsonnetEvaluator,
  source: string,
  filename: string,
  session: Session,
  claims: Claims,
): Promise<void> {
  const extCode = { session: encode("session", sessionForMapper(session)), claims: encode("claims", claims) };
  const result = await engine.evaluate({ source, filename, extCode });
  if (!result.ok) {
    throw new TokenizerError("ERR_JSONNET", { detail: result.failure.text, range: result.failure.range });
  }
  const output = result.value;
  const mapped = isObject(output) ? output["claims"] : undefined;
  if (!isObject(mapped)) {
    const found = !isObject(output)
      ? `the mapper returned ${describe(output)}`
      : "claims" in output
      ? `"claims" is ${describe(mapped)}`
      : `the output has no "claims" (it has: ${Object.keys(output).join(", ") || "nothing"})`;
    throw new TokenizerError("ERR_CLAIMS_NOT_OBJECT", {
      detail: `${found}; return an object such as { claims: { email: std.extVar('session').identity.traits.email } }`,
    });
  }
  for (const key of Object.keys(mapped)) {
    // defineProperty, not assignment: a "__proto__" claim must stay a claim.
    Object.defineProperty(claims, key, { value: mapped[key], enumerable: true, writable: true, configurable: true });
  }
}
