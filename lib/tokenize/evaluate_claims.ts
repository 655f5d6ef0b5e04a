/**
 * The one claims pipeline: what Kratos does between its default claims and the signature. The
 * session and the default claims become ext code, the mapper is evaluated, its output must hold a
 * `claims` object, which is merged into the defaults with Go's `json.Unmarshal` semantics, and `sub`
 * is set from the session again. The tokenizer, the golden runner, the linter and the preview all
 * run it, so they cannot disagree about the claims.
 *
 * @module
 */

import { claimsObjectProblem } from "./claims_object.ts";
import { TokenizerError } from "../errors.ts";
import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import type { JsonnetEvaluator, JsonnetRequest, JsonnetResult } from "../jsonnet/engine.ts";
import { type Session, sessionForMapper } from "../session/session.ts";
import type { Claims, SubjectSource } from "../types.ts";
import { setSubjectClaim } from "./default_claims.ts";

/**
 * Where a top-level claim of the token comes from: Ory's defaults, the mapper (a value it set that
 * differs from the default, or a claim of its own), or Ory's rule that overwrites `sub` after it.
 */
export type ClaimOrigin = "default" | "mapper" | "forced";

/** What {@linkcode evaluateClaims} runs. */
export interface ClaimsInput {
  session: Session;
  /** Kratos's default claims with `sub` already set (`defaultClaims`, then `setSubjectClaim`). */
  defaults: Claims;
  subjectSource?: SubjectSource | "" | undefined;
  /** The mapper's Jsonnet. */
  source: string;
  /** The name errors show (Ory uses the `claims_mapper_url`). */
  filename: string;
  jsonnet: JsonnetEvaluator;
  signal?: AbortSignal | undefined;
  /**
   * Evaluates instead of `jsonnet.evaluate` (the linter evaluates an instrumented copy whose result
   * stands for the mapper's); it receives the request the pipeline built.
   */
  evaluate?: ((request: JsonnetRequest) => Promise<JsonnetResult>) | undefined;
}

/** The pipeline's outcome: the claims Ory signs, or Ory's error; the raw evaluation either way. */
export type ClaimsEvaluation =
  | {
    ok: true;
    /** The claims as merged (unsorted: Go's JSON sorts them when signing). */
    claims: Claims;
    origins: Record<string, ClaimOrigin>;
    /** The mapper's whole output. */
    output: JsonValue;
  }
  | {
    ok: false;
    error: TokenizerError;
    /** The evaluation, when there was one (a failure, or an output without a `claims` object). */
    result?: JsonnetResult;
  };

/**
 * The mapper's ext code, as Kratos writes it: Go's `json.Marshal` of the session and of the claims.
 *
 * @throws {TokenizerError} `ERR_SESSION_ENCODE` when either cannot be written as JSON.
 */
export function extCodeOf(session: Session, defaults: Claims): Record<string, string> {
  let what: "session" | "claims" = "session";
  try {
    const sessionJson = JSON.stringify(sessionForMapper(session));
    what = "claims";
    return { session: sessionJson, claims: goJsonStringify(defaults as JsonValue) };
  } catch (error) {
    throw new TokenizerError("ERR_SESSION_ENCODE", { text: what, detail: String(error), cause: error });
  }
}

/**
 * Runs a claims mapper as Kratos does. User mistakes are returned as Ory's errors; only the caller's
 * signal (its `reason`) and an engine that cannot be loaded reject.
 *
 * @example
 * ```ts
 * import { evaluateClaims } from "./evaluate_claims.ts";
 * import { createJsonnetEngine } from "../jsonnet/engine.ts";
 * import { sampleSession } from "../session/session.ts";
 * const session = sampleSession();
 * const outcome = await evaluateClaims({
 *   session,
 *   defaults: { sub: session.identity.id, iss: "x" },
 *   source: "{ claims: { sub: 'ignored', email: std.extVar('session').identity.traits.email } }",
 *   filename: "claims.jsonnet",
 *   jsonnet: createJsonnetEngine(),
 * });
 * if (!outcome.ok || outcome.claims["sub"] !== session.identity.id || outcome.origins["email"] !== "mapper") {
 *   throw new Error();
 * }
 * ```
 */
export async function evaluateClaims(input: ClaimsInput): Promise<ClaimsEvaluation> {
  let extCode: Record<string, string>;
  try {
    extCode = extCodeOf(input.session, input.defaults);
  } catch (error) {
    return { ok: false, error: error as TokenizerError };
  }
  const request = { source: input.source, filename: input.filename, extCode };
  const result = input.evaluate === undefined
    ? await input.jsonnet.evaluate(request, { signal: input.signal })
    : await input.evaluate(request);
  input.signal?.throwIfAborted();
  if (!result.ok) {
    const error = new TokenizerError("ERR_JSONNET", { detail: result.failure.text, range: result.failure.range });
    return { ok: false, result, error };
  }
  const output = result.value;
  const merged = mergeMapperClaims(output, input.defaults);
  if ("error" in merged) return { ok: false, result, error: merged.error };
  const { claims, mapped } = merged;
  try {
    setSubjectClaim(claims, input.session, input.subjectSource);
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    return { ok: false, result, error };
  }
  return { ok: true, claims, origins: claimOrigins(claims, input.defaults, mapped), output };
}

/**
 * Kratos's check of the mapper's output and its merge onto the defaults (`json.Unmarshal` into the
 * default claims: the mapper's top-level claims replace the defaults'), before `sub` is set again.
 *
 * @param output the evaluated mapper.
 * @param defaults the default claims; not changed.
 * @returns the merged claims and the mapper's own, or `ERR_CLAIMS_NOT_OBJECT`.
 */
export function mergeMapperClaims(
  output: JsonValue,
  defaults: Claims,
): { claims: Claims; mapped: Record<string, JsonValue> } | { error: TokenizerError } {
  const found = claimsObjectProblem(output);
  if (found !== undefined) {
    return {
      error: new TokenizerError("ERR_CLAIMS_NOT_OBJECT", {
        detail: `${found}; return an object such as { claims: { email: std.extVar('session').identity.traits.email } }`,
      }),
    };
  }
  const claims: Claims = { ...defaults };
  // claimsObjectProblem found none: the output is an object and its claims one too.
  const mapped = (output as Record<string, JsonValue>)["claims"] as Record<string, JsonValue>;
  for (const key of Object.keys(mapped)) {
    // defineProperty, not assignment: a "__proto__" claim must stay a claim.
    Object.defineProperty(claims, key, { value: mapped[key], enumerable: true, writable: true, configurable: true });
  }
  return { claims, mapped };
}

/**
 * Each top-level claim's origin. A default the mapper passes through unchanged
 * (`std.extVar('claims') + { … }`) stays a default; `sub` is always forced, mapper or not.
 *
 * @param mapped the mapper's `claims` object; absent when the template has no mapper.
 */
export function claimOrigins(
  claims: Claims,
  defaults: Claims,
  mapped?: Record<string, JsonValue>,
): Record<string, ClaimOrigin> {
  const origins: Record<string, ClaimOrigin> = {};
  for (const key of Object.keys(claims)) {
    const fromMapper = mapped !== undefined && Object.hasOwn(mapped, key) &&
      // Defaults are strings and numbers, so comparing by identity is comparing their JSON.
      !(Object.hasOwn(defaults, key) && defaults[key] === mapped[key]);
    const origin: ClaimOrigin = key === "sub" ? "forced" : fromMapper ? "mapper" : "default";
    Object.defineProperty(origins, key, { value: origin, enumerable: true, writable: true, configurable: true });
  }
  return origins;
}
