/**
 * ory-tokenizer's two error families, in jose's manner (a class, a stable `code`, typed payloads):
 *
 * - {@linkcode TokenizerError}: a failure Ory's tokenizer has too. It carries Ory's HTTP status and
 *   wording, taken from one table ({@linkcode ORY_FAILURES}), plus the detail Ory hides in `debug`.
 * - {@linkcode TokenError}: a token that does not decode or verify, or a verifier's key set that cannot
 *   be used. Ory never verifies its tokens, so these carry no Ory status and no Ory error body.
 *
 * The rule for everything else: a caller's misuse of the API (an argument of the wrong type or
 * shape, an option out of range: a bug in the calling program, not in data a user wrote) throws the
 * built-in `TypeError` or `RangeError`. Everything a user wrote (templates, key sets, mappers,
 * sessions, durations, tokens) fails with one of the two families above.
 *
 * @module
 */

import type { Range } from "./types.ts";

/**
 * How Ory answers one failure. `reason` is Ory's text: fixed, or built from the part that varies
 * (a template name, an `alg`, Go's error text). `plain` marks a plain Go error, which herodot answers
 * with 500 and the text as `message`, without a `reason`.
 */
interface OryFailure {
  readonly status: 400 | 500;
  readonly reason: string | ((text: string) => string);
  readonly plain?: true;
  /** herodot's error id, such as `invalid_configuration`. */
  readonly id?: string;
  /** Ory's `message` when it is not the default one of the status. */
  readonly message?: string;
}

const asIs = (text: string): string => text;

/**
 * Every failure's Ory status and reason, written once (Kratos's tokenizer and herodot; see the spec,
 * Part B, section 3). Codes marked "ours" are failures outside Ory's tokenizer (the CLI's and the
 * library's own input checks); they answer as Ory's config validation would, with 400.
 */
export const ORY_FAILURES = {
  ERR_TEMPLATE_NOT_FOUND: { status: 400, reason: (name: string) => `Unable to find tokenizer template "${name}".` },
  ERR_TEMPLATE_INVALID: {
    status: 500,
    id: "invalid_configuration",
    message: "Invalid configuration",
    reason: (why: string) => why,
  },
  ERR_SOURCE_SCHEME: { status: 500, plain: true, reason: asIs },
  ERR_SOURCE_READ: { status: 500, plain: true, reason: asIs },
  ERR_SOURCE_BASE64: { status: 500, plain: true, reason: asIs },
  ERR_SOURCE_HTTP: { status: 500, plain: true, reason: asIs },
  ERR_JWKS_PARSE: { status: 400, reason: "failed to parse JWK set" },
  ERR_JWKS_EMPTY: { status: 400, reason: "Could not find key a suitable key for tokenization in the JWKS url." },
  ERR_JWK_ALG: {
    status: 400,
    reason: (alg: string) => `The JSON Web Key must include a valid "alg" parameter but "${alg}" was given.`,
  },
  ERR_SUBJECT_EXTERNAL_ID: {
    status: 400,
    reason: "The session's identity does not have an external ID set, but it is required for the subject claim.",
  },
  ERR_SUBJECT_SOURCE: { status: 400, reason: (source: string) => `Unknown subject source ${JSON.stringify(source)}` },
  /** `text` is "session" or "claims": what Ory failed to marshal. */
  ERR_SESSION_ENCODE: { status: 500, reason: (what: string) => `Unable to encode ${what} to JSON.` },
  ERR_JSONNET: { status: 400, reason: "Unable to execute tokenizer JsonNet." },
  ERR_CLAIMS_NOT_OBJECT: {
    status: 400,
    reason: "Expected tokenizer JsonNet to return a claims object but it did not.",
  },
  ERR_KEY_DECODE: { status: 400, reason: "Unable to decode the given private key." },
  ERR_SIGN: { status: 400, reason: "Unable to sign JSON Web Token." },
  /** Go's `time.ParseDuration` message. */
  ERR_DURATION: { status: 400, reason: asIs },
  /** Ours: `publicJwks` of an oct key. */
  ERR_KEY_PUBLIC: { status: 400, reason: asIs },
  /** Ours: a session, a sessions file, a config or a golden case's file that is not shaped as it must be. */
  ERR_INVALID_INPUT: { status: 400, reason: asIs },
  /** Ours: a template name outside Ory's config pattern. */
  ERR_TEMPLATE_NAME: { status: 400, reason: asIs },
  /** Ours: the engine's binary cannot be loaded, a deployment fault like Ory missing its jsonnet worker binary. */
  ERR_ENGINE_ASSET: { status: 500, plain: true, reason: "Unable to load the Jsonnet engine." },
  /** Ours: no worker can run, and the sandbox was told to refuse evaluating on the caller's thread. */
  ERR_SANDBOX_UNAVAILABLE: { status: 500, plain: true, reason: "Unable to start the Jsonnet sandbox." },
} as const satisfies Record<string, OryFailure>;

/** Stable machine codes of {@linkcode TokenizerError}; `switch (error.code)` narrows on them. */
export type TokenizerErrorCode = keyof typeof ORY_FAILURES;

/** Codes whose Ory reason is fixed text: they take no `text`. */
type FixedReasonCode = {
  [C in TokenizerErrorCode]: (typeof ORY_FAILURES)[C]["reason"] extends string ? C : never;
}[TokenizerErrorCode];

/** The body Ory (herodot) writes for an error: `{"error": {...}}` without `debug` or `details`. */
export interface OryErrorBody {
  error: {
    id?: string;
    code: number;
    status: string;
    reason?: string;
    message: string;
  };
}

/** What every error of ory-tokenizer may carry besides its code. */
export interface ErrorDetails {
  /** Why, in words for the template's author, and what to do. Ory hides this in `debug`. Never key material. */
  detail?: string | undefined;
  cause?: unknown;
}

/** Options of {@linkcode TokenizerError}. */
export interface TokenizerErrorOptions extends ErrorDetails {
  /** The varying part of Ory's reason (the template name, the `alg`, Go's error text). */
  text?: string | undefined;
  /** `ERR_JSONNET`: where in the mapper the evaluation failed, when the engine says. */
  range?: Range | undefined;
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 500: "Internal Server Error" };

/** herodot's default messages: what Ory shows in `message` next to a `reason`. */
const DEFAULT_MESSAGE: Record<number, string> = {
  400: "The request was malformed or contained invalid parameters",
  500: "An internal server error occurred, please contact the system administrator",
};

function withCause(options: ErrorDetails): { cause: unknown } | undefined {
  return options.cause === undefined ? undefined : { cause: options.cause };
}

/**
 * A failure of tokenization, key handling or template handling, carrying what Ory would answer.
 *
 * `message` is Ory's reason (what a user would see in Ory), and `detail` says why and what to do.
 * The status and reason come from {@linkcode ORY_FAILURES}, never from the throw site.
 *
 * @example
 * ```ts
 * import { TokenizerError } from "./errors.ts";
 * const error = new TokenizerError("ERR_JWKS_EMPTY", { detail: "The key set has no keys." });
 * if (error.status !== 400 || error.toOryBody().error.code !== 400) throw new Error("unexpected");
 * ```
 */
export class TokenizerError extends Error {
  readonly code: TokenizerErrorCode;
  /** Ory's HTTP status for this failure. */
  readonly status: 400 | 500;
  /** Ory's `reason` (for failures Ory reports as plain errors, the text Ory puts in `message`). */
  readonly reason: string;
  readonly detail: string | undefined;
  /** herodot's error id, such as `invalid_configuration`. */
  readonly id: string | undefined;
  /** `ERR_JSONNET`: the failure's place in the mapper (zero-based, end exclusive), when known. */
  readonly range: Range | undefined;

  constructor(code: FixedReasonCode, options?: Omit<TokenizerErrorOptions, "text">);
  constructor(code: TokenizerErrorCode, options: TokenizerErrorOptions & { text: string });
  constructor(code: TokenizerErrorCode, options: TokenizerErrorOptions = {}) {
    const failure: OryFailure | undefined = ORY_FAILURES[code];
    if (failure === undefined) {
      throw new TypeError(`Cannot create a TokenizerError: unknown code ${JSON.stringify(code)}`);
    }
    const reason = typeof failure.reason === "string" ? failure.reason : failure.reason(options.text ?? "");
    super(reason, withCause(options));
    this.name = "TokenizerError";
    this.code = code;
    this.status = failure.status;
    this.reason = reason;
    this.detail = options.detail;
    this.id = failure.id;
    this.range = options.range;
  }

  /** Ory's JSON error body for this failure, exactly as the whoami endpoint writes it. */
  toOryBody(): OryErrorBody {
    const failure: OryFailure = ORY_FAILURES[this.code];
    const status = STATUS_TEXT[this.status] ?? "Error";
    return {
      error: {
        ...(this.id === undefined ? {} : { id: this.id }),
        code: this.status,
        status,
        ...(failure.plain ? {} : { reason: this.reason }),
        message: failure.plain ? this.reason : failure.message ?? DEFAULT_MESSAGE[this.status] ?? status,
      },
    };
  }
}

/** Stable machine codes of {@linkcode TokenError}. */
export type TokenErrorCode =
  /** The token is not a readable compact JWS (decodeToken and verifyToken). */
  | "ERR_TOKEN_MALFORMED"
  | "ERR_TOKEN_KID"
  | "ERR_TOKEN_ALG"
  | "ERR_TOKEN_SIGNATURE"
  | "ERR_TOKEN_EXPIRED"
  | "ERR_TOKEN_NOT_YET_VALID"
  | "ERR_TOKEN_ISSUER"
  | "ERR_TOKEN_AUDIENCE"
  | "ERR_TOKEN_CLAIM"
  /** The verifier's own key set cannot be fetched, read or used: the token may be fine. */
  | "ERR_VERIFY_KEYS";

/** Options of {@linkcode TokenError}. */
export interface TokenErrorOptions extends ErrorDetails {
  /** The claim that failed (`exp`, `nbf`, `iss`, `aud` or a required one), for the claim codes. */
  claim?: string | undefined;
}

/** The JSON the CLI prints for a {@linkcode TokenError} (`--json`): ours, not Ory's shape. */
export interface TokenErrorJson {
  code: TokenErrorCode;
  message: string;
  claim?: string;
  detail?: string;
}

/**
 * A token that cannot be decoded or verified, or a key set a verifier cannot use. Not an Ory error:
 * Ory issues tokens and never verifies them, so there is no Ory status or body to reproduce. An API
 * that verifies bearer tokens would answer 401 for every code but `ERR_VERIFY_KEYS` (its own fault).
 *
 * @example
 * ```ts
 * import { TokenError } from "./errors.ts";
 * const error = new TokenError("ERR_TOKEN_EXPIRED", "The token expired 5 s ago", { claim: "exp" });
 * if (error.claim !== "exp" || error.toJSON().code !== "ERR_TOKEN_EXPIRED") throw new Error("unexpected");
 * ```
 */
export class TokenError extends Error {
  readonly code: TokenErrorCode;
  readonly detail: string | undefined;
  readonly claim: string | undefined;

  constructor(code: TokenErrorCode, message: string, options: TokenErrorOptions = {}) {
    super(message, withCause(options));
    this.name = "TokenError";
    this.code = code;
    this.detail = options.detail;
    this.claim = options.claim;
  }

  /** The error as plain JSON, without the cause. */
  toJSON(): TokenErrorJson {
    return {
      code: this.code,
      message: this.message,
      ...(this.claim === undefined ? {} : { claim: this.claim }),
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }
}
