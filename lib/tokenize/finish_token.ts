/**
 * Kratos's steps after the mapper's evaluation, for one token: the `claims` check and merge onto the
 * defaults, `sub` written again, Go's JSON, the signature. Wherever the evaluation ran runs these too
 * (the sandbox's worker, or the caller's thread), so a sandboxed token costs one hop.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import { createSigner, type Signer, type SyncSignerFactory } from "../keys/signing_key.ts";
import type { Jwk } from "../types.ts";
import { type TokenStep, type TokenStepErrorCode, type TokenStepOutcome, WORKER_KEYS } from "../jsonnet/token_step.ts";
import { mergeMapperClaims } from "./evaluate_claims.ts";
import { signToken } from "./sign_token.ts";
import { sortedClaims } from "./sorted_claims.ts";

/** Finds the signer of a step's key: imported once, kept while the key is. */
export type SignerFor = (step: TokenStep) => Promise<Signer>;

const STEP_CODES: ReadonlySet<string> = new Set<TokenStepErrorCode>([
  "ERR_CLAIMS_NOT_OBJECT",
  "ERR_KEY_DECODE",
  "ERR_SIGN",
]);

/**
 * Turns a mapper's output into the token Kratos would sign, or the error Ory would answer.
 *
 * @param output the evaluated mapper.
 * @param step the defaults, `sub`, the header and the key.
 * @param signerFor the signer of the step's key.
 * @returns the token and its claims in the token's order, or the failure with its code and detail.
 */
export async function finishToken(output: JsonValue, step: TokenStep, signerFor: SignerFor): Promise<TokenStepOutcome> {
  const merged = mergeMapperClaims(output, step.defaults);
  if ("error" in merged) return { ok: false, code: "ERR_CLAIMS_NOT_OBJECT", detail: merged.error.detail };
  const claims = merged.claims;
  // Kratos sets `sub` again after the merge: the mapper cannot change it.
  Object.defineProperty(claims, "sub", {
    value: step.defaults["sub"],
    enumerable: true,
    writable: true,
    configurable: true,
  });
  try {
    const token = await signToken(step.header, goJsonStringify(claims as JsonValue), await signerFor(step));
    return { ok: true, token, claims: sortedClaims(claims) };
  } catch (error) {
    if (!(error instanceof TokenizerError) || !STEP_CODES.has(error.code)) throw error;
    return { ok: false, code: error.code as TokenStepErrorCode, detail: error.detail };
  }
}

/** The error a failed step stands for. */
export function stepError(outcome: Extract<TokenStepOutcome, { ok: false }>): TokenizerError {
  return new TokenizerError(outcome.code, { detail: outcome.detail });
}

/** The signers of one thread, by key id. */
export interface SignerCache {
  /** Keeps a key that arrived, whatever becomes of the job it came with (its sender counts it as held). */
  keep(step: TokenStep): void;
  /** The signer of a step's key, imported on first use. */
  signerFor: SignerFor;
}

/**
 * Signers by key id, for a thread that signs for many tokens: each key imported once, the first one
 * in dropped past `entries`. A key id the cache does not hold arrives with its key.
 *
 * @param syncSigner the runtime's synchronous signer, where it has one.
 */
export function signerCache(syncSigner: SyncSignerFactory | undefined, entries = WORKER_KEYS): SignerCache {
  const keys = new Map<string, { jwk: Jwk; signer?: Promise<Signer> }>();
  const keep = (step: TokenStep) => {
    const { id, jwk } = step.key;
    if (jwk === undefined || keys.has(id)) return;
    if (keys.size >= entries) keys.delete(keys.keys().next().value!);
    keys.set(id, { jwk });
  };
  return {
    keep,
    signerFor(step) {
      keep(step);
      const held = keys.get(step.key.id);
      if (held === undefined) throw new TypeError(`Cannot sign: key ${step.key.id} was never sent`);
      // Kept even when it fails: the same key fails the same way every time.
      held.signer ??= createSigner(held.jwk, step.alg, syncSigner);
      return held.signer;
    },
  };
}
