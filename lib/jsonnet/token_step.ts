/**
 * What an evaluator that runs elsewhere (the sandbox's worker) does after evaluating a mapper, so that
 * a token costs one hop: Kratos's steps between the mapper's output and the compact JWS (the `claims`
 * check and merge, `sub` forced, Go's JSON, the signature). The steps themselves are the tokenizer's
 * (`lib/tokenize/finish_token.ts`); this is only what travels.
 *
 * @module
 */

import type { JsonnetFailure } from "./engine_error.ts";
import type { Claims, Jwk, JwkAlg, TokenHeader } from "../types.ts";
import type { TokenizerErrorCode } from "../errors.ts";

/** The signing key: an id that stays the same while the key does, and the key where it is not yet known. */
export interface TokenKey {
  id: string;
  /** The private key; a worker that has it under `id` already is sent none. */
  jwk?: Jwk | undefined;
}

/**
 * How many keys a worker keeps imported, first in first out. The sandbox counts the same way, so it
 * knows when a worker must be sent a key again.
 */
export const WORKER_KEYS = 64;

/** Kratos's steps after the evaluation, for one token. */
export interface TokenStep {
  /**
   * The default claims with `sub` set: what the mapper's `claims` are merged onto, `sub` then set again.
   * The request's `claims` ext code is exactly these as Go's JSON, so the sandbox posts them only here.
   */
  defaults: Claims;
  header: TokenHeader;
  /** The first key's algorithm, as Kratos reads it (`none` is refused when signing). */
  alg: JwkAlg | "none";
  key: TokenKey;
}

/** The token, or why Ory would refuse it after the evaluation. */
export type TokenStepOutcome =
  | { ok: true; token: string; claims: Claims }
  | { ok: false; code: TokenStepErrorCode; detail: string | undefined };

/** The failures that can only come after the evaluation, each with a fixed reason. */
export type TokenStepErrorCode = Extract<TokenizerErrorCode, "ERR_CLAIMS_NOT_OBJECT" | "ERR_KEY_DECODE" | "ERR_SIGN">;

/** A mapper evaluated and carried on to its token: the evaluation's failure, or the steps' outcome. */
export type TokenEvaluation = { ok: false; failure: JsonnetFailure } | { ok: true; outcome: TokenStepOutcome };
