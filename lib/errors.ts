/**
 * The one error type of ory-tokenizer: Ory's HTTP status and wording, a stable machine code, and the
 * detail Ory keeps in its hidden `debug` field.
 *
 * @module
 */

/** Stable machine codes; `switch (error.code)` narrows on them. */
export type TokenizerErrorCode =
  | "ERR_TEMPLATE_NOT_FOUND"
  | "ERR_TEMPLATE_INVALID"
  | "ERR_SOURCE_SCHEME"
  | "ERR_SOURCE_READ"
  | "ERR_SOURCE_BASE64"
  | "ERR_SOURCE_HTTP"
  | "ERR_JWKS_PARSE"
  | "ERR_JWKS_EMPTY"
  | "ERR_JWK_ALG"
  | "ERR_SUBJECT_EXTERNAL_ID"
  | "ERR_SUBJECT_SOURCE"
  | "ERR_SESSION_ENCODE"
  | "ERR_JSONNET"
  | "ERR_CLAIMS_NOT_OBJECT"
  | "ERR_KEY_DECODE"
  | "ERR_SIGN"
  | "ERR_DURATION"
  | "ERR_KEY_PUBLIC"
  | "ERR_INVALID_INPUT"
  // verifyToken and decodeToken: the token (401 from verifyToken, 400 from decodeToken), not Ory
  | "ERR_TOKEN_MALFORMED"
  | "ERR_TOKEN_KID"
  | "ERR_TOKEN_ALG"
  | "ERR_TOKEN_SIGNATURE"
  | "ERR_TOKEN_EXPIRED"
  | "ERR_TOKEN_NOT_YET_VALID"
  | "ERR_TOKEN_ISSUER"
  | "ERR_TOKEN_AUDIENCE"
  | "ERR_TOKEN_CLAIM"
  // verifyToken: the verifier's own key set is unusable (500: the token may be fine)
  | "ERR_VERIFY_KEYS"
  // config encoding: a template name outside Ory's pattern
  | "ERR_TEMPLATE_NAME";

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

/** What a {@linkcode TokenizerError} is made from. */
export interface TokenizerErrorInit {
  code: TokenizerErrorCode;
  /** Ory's HTTP status for this failure. */
  status: number;
  /** Ory's `reason` (for failures Ory reports as plain errors, the text Ory puts in `message`). */
  reason: string;
  /** What Ory hides in `debug`, in words for the template's author. Never key material. */
  detail?: string;
  /** herodot's error id, such as `invalid_configuration`. */
  id?: string;
  /** Ory's `message` when it is not the default one of the status. */
  oryMessage?: string;
  /** A plain Go error in Ory: herodot answers 500 with the text as `message` and no `reason`. */
  plain?: boolean;
  cause?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
};

/** herodot's default messages: what Ory shows in `message` next to a `reason`. */
const DEFAULT_MESSAGE: Record<number, string> = {
  400: "The request was malformed or contained invalid parameters",
  401: "The request could not be authorized",
  403: "The requested action was forbidden",
  404: "The requested resource could not be found",
  500: "An internal server error occurred, please contact the system administrator",
};

/**
 * A failure of tokenization, key handling or template handling, carrying what Ory would answer.
 *
 * `message` is Ory's reason (what a user would see in Ory), and `detail` says why and what to do.
 *
 * @example
 * ```ts
 * import { TokenizerError } from "./errors.ts";
 * const error = new TokenizerError({ code: "ERR_JWKS_EMPTY", status: 400, reason: "Could not find key a suitable key for tokenization in the JWKS url." });
 * if (error.toOryBody().error.code !== 400) throw new Error("unexpected");
 * ```
 */
export class TokenizerError extends Error {
  readonly code: TokenizerErrorCode;
  readonly status: number;
  readonly reason: string;
  readonly detail: string | undefined;
  readonly id: string | undefined;
  readonly #oryMessage: string | undefined;
  readonly #plain: boolean;

  constructor(init: TokenizerErrorInit) {
    super(init.reason, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "TokenizerError";
    this.code = init.code;
    this.status = init.status;
    this.reason = init.reason;
    this.detail = init.detail;
    this.id = init.id;
    this.#oryMessage = init.oryMessage;
    this.#plain = init.plain ?? false;
  }

  /** Ory's JSON error body for this failure, exactly as the whoami endpoint writes it. */
  toOryBody(): OryErrorBody {
    const status = STATUS_TEXT[this.status] ?? "Error";
    const plain = this.#plain;
    return {
      error: {
        ...(this.id === undefined ? {} : { id: this.id }),
        code: this.status,
        status,
        ...(plain ? {} : { reason: this.reason }),
        message: plain ? this.reason : this.#oryMessage ?? DEFAULT_MESSAGE[this.status] ?? status,
      },
    };
  }
}

/** Ory's 400 "Bad Request" with a reason. */
export function badRequest(code: TokenizerErrorCode, reason: string, detail?: string, cause?: unknown): TokenizerError {
  return new TokenizerError({ code, status: 400, reason, ...(detail === undefined ? {} : { detail }), cause });
}

/** Ory's plain-error 500, whose message is the raw error text. */
export function internalError(
  code: TokenizerErrorCode,
  message: string,
  detail?: string,
  cause?: unknown,
): TokenizerError {
  return new TokenizerError({
    code,
    status: 500,
    reason: message,
    plain: true,
    ...(detail === undefined ? {} : { detail }),
    cause,
  });
}
