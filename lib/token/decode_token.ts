/**
 * Reads a token without verifying it: header, claims, sizes and times in words. It tolerates truncated,
 * unsigned and oddly encoded tokens as far as it can and says what is missing, so that a person can see
 * what a token holds before asking whether it is genuine (that is `verifyToken`'s job).
 *
 * @module
 */

import { formatSeconds, nowMillis, quote, relativeTime } from "./relative_time.ts";
import { decodeBase64Lenient } from "../encoding/base64.ts";
import { isObject } from "../encoding/is_object.ts";
import { TokenError } from "../errors.ts";
import { verifiableAlgorithm } from "../keys/algorithms.ts";

/** What the dot-separated parts look like: a signed JWT (3 parts), an encrypted JWE (5), or neither. */
export type TokenKind = "jws" | "jwe" | "unknown";

/** The registered claim names of RFC 7519, section 4.1. */
export type RegisteredClaim = "iss" | "sub" | "aud" | "exp" | "nbf" | "iat" | "jti";

/** The registered claims, in RFC 7519's order. */
export const REGISTERED_CLAIMS: readonly RegisteredClaim[] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/** One dot-separated part of the token. */
export interface TokenSegment {
  /** `header`, `payload`, `signature` for a JWS; RFC 7516's names for a JWE; `extra` beyond those. */
  name: string;
  /** Its length as written (base64url characters). */
  chars: number;
  /** Its decoded length, when it decodes. */
  bytes?: number;
}

/** A NumericDate claim (`iat`, `nbf`, `exp`) read as a time. */
export interface TimeClaim {
  /** The claim's value as the token holds it. */
  value: unknown;
  /** The instant as an ISO 8601 date, when the value is a number of seconds. */
  date?: string;
  /** The instant relative to `now`: `in 9 min 30 s`, `42 s ago`, `now`. */
  relative?: string;
  /** The instant minus `now`, in seconds. */
  secondsFromNow?: number;
}

/** Everything {@linkcode decodeToken} could read. Absent members are what could not be read. */
export interface DecodedToken {
  kind: TokenKind;
  /** The protected header, when it is base64url of a JSON object. */
  header?: Record<string, unknown>;
  /** The claims, when the payload is base64url of a JSON object (never for a JWE: they are encrypted). */
  claims?: Record<string, unknown>;
  /** The payload as text, when it decodes but is not a JSON object (a truncated token, for example). */
  payloadText?: string;
  /** The signature's length; `expectedBytes` is what the header's `alg` produces, when that is fixed. */
  signature?: { bytes: number; expectedBytes?: number };
  segments: TokenSegment[];
  /** `iat`, `nbf` and `exp`, those present. */
  times: { iat?: TimeClaim; nbf?: TimeClaim; exp?: TimeClaim };
  /** `exp - iat` in words (the template's `ttl`, for an Ory token), when both are numbers. */
  lifetime?: string;
  /** Which of RFC 7519's registered claims the payload has, and which it lacks. */
  registeredClaims: { present: RegisteredClaim[]; absent: RegisteredClaim[] };
  /** What is missing or wrong, in words; empty for a well-formed signed token. */
  problems: string[];
  /** The instant relative times are measured from, ISO 8601. */
  now: string;
}

/** Options of {@linkcode decodeToken}. */
export interface DecodeTokenOptions {
  /** The clock relative times are measured from: milliseconds, a `Date`, or a function; default now. */
  now?: number | Date | (() => number | Date) | undefined;
}

const JWE_SEGMENTS = ["header", "encrypted_key", "iv", "ciphertext", "tag"];
const TIME_CLAIMS = ["iat", "nbf", "exp"] as const;

/** Decodes a segment as far as it goes; `problem` says what was odd about it. */
function decodeSegment(text: string): { bytes?: Uint8Array; problem?: string } {
  let problem: string | undefined;
  if (/[+/=]/.test(text)) problem = "uses standard base64 or = padding where JWS needs base64url without padding";
  try {
    return { bytes: decodeBase64Lenient(text), ...(problem === undefined ? {} : { problem }) };
  } catch {
    // A cut-off token often ends one character into a quantum: the rest still decodes.
    if (/^[A-Za-z0-9+/_-]*=*$/.test(text) && text.replace(/=+$/, "").length % 4 === 1) {
      return {
        bytes: decodeBase64Lenient(text.replace(/=+$/, "").slice(0, -1)),
        problem: "has a length no base64url text has (it was cut off)",
      };
    }
    return { problem: "is not base64url" };
  }
}

function readJson(bytes: Uint8Array): { text: string; json?: unknown } {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  try {
    return { text, json: JSON.parse(text) };
  } catch {
    return { text };
  }
}

function timeClaim(value: unknown, nowSeconds: number): TimeClaim {
  if (typeof value !== "number" || !Number.isFinite(value)) return { value };
  const date = new Date(value * 1000);
  if (Number.isNaN(date.getTime())) return { value };
  const secondsFromNow = value - nowSeconds;
  return {
    value,
    date: date.toISOString().replace(".000Z", "Z"),
    relative: relativeTime(secondsFromNow),
    secondsFromNow,
  };
}

/**
 * Decodes a token's parts without verifying anything.
 *
 * Never trust what this returns: anyone can write any header and claims. Use `verifyToken` for that.
 *
 * @param token a compact JWS (`header.payload.signature`); surrounding whitespace and a `Bearer ` prefix
 *   are ignored (and reported in `problems`).
 * @param options `now`, the clock that relative times are measured from.
 * @returns what could be read; `problems` lists, in words, what is missing or wrong.
 * @throws {TokenError} `ERR_TOKEN_MALFORMED` only when neither the header nor the
 *   payload can be read at all.
 * @throws {TypeError} when `token` is not a string.
 *
 * @example Reading an unsigned token
 * ```ts
 * import { decodeToken } from "./decode_token.ts";
 * const decoded = decodeToken("eyJhbGciOiJub25lIn0.eyJleHAiOjE2NzUyMDk2NjB9.", { now: Date.UTC(2023, 1, 1) });
 * if (decoded.times.exp?.relative !== "in 1 min") throw new Error("unexpected");
 * if (!decoded.problems.some((p) => p.includes("unsigned"))) throw new Error("unexpected");
 * ```
 */
export function decodeToken(token: string, options: DecodeTokenOptions = {}): DecodedToken {
  if (typeof token !== "string") throw new TypeError(`Cannot decode a token of type ${typeof token}`);
  const now = nowMillis(options.now);
  const nowSeconds = Math.floor(now / 1000);
  const problems: string[] = [];

  let text = token.trim();
  if (text !== token) problems.push("the token has surrounding whitespace (ignored here; verifiers refuse it)");
  if (/^bearer\s+/i.test(text)) {
    text = text.replace(/^bearer\s+/i, "");
    problems.push('the token starts with "Bearer "; that belongs to the Authorization header, not the token');
  }
  if (text === "") throw malformed("Cannot decode the token: it is empty");
  if (/\s/.test(text)) {
    problems.push("the token contains whitespace (a line break from copying?); it was removed here");
    text = text.replace(/\s+/g, "");
  }

  const parts = text.split(".");
  const kind: TokenKind = parts.length === 3 ? "jws" : parts.length === 5 ? "jwe" : "unknown";
  const names = kind === "jwe" ? JWE_SEGMENTS : ["header", "payload", "signature"];
  const segments: TokenSegment[] = [];
  const decoded = parts.map((part, i) => {
    const name = names[i] ?? "extra";
    const result = decodeSegment(part);
    segments.push({ name, chars: part.length, ...(result.bytes === undefined ? {} : { bytes: result.bytes.length }) });
    if (result.problem !== undefined && part !== "") problems.push(`the ${name} segment ${result.problem}`);
    return result.bytes;
  });

  if (kind === "jwe") {
    problems.push(
      "this is a JWE (5 segments): an encrypted token whose claims need the decryption key; " +
        "Ory's tokenizer issues signed tokens (JWS, 3 segments)",
    );
  } else if (parts.length === 2) {
    problems.push("there is no signature segment: the token was cut off after the payload, or its last dot is missing");
  } else if (parts.length === 1) {
    problems.push("there is only one segment (no dots): a JWT has three, header.payload.signature");
  } else if (kind === "unknown") {
    problems.push(`the token has ${parts.length} segments; a signed JWT has 3 and an encrypted JWE 5`);
  }

  const headerRead = decoded[0] === undefined ? undefined : readJson(decoded[0]);
  const header = isObject(headerRead?.json) ? headerRead.json : undefined;
  if (header === undefined && parts[0] !== "") {
    problems.push(
      headerRead === undefined
        ? "the header cannot be read"
        : "the header is not a JSON object (cut off or not a JWT?)",
    );
  } else if (header === undefined) {
    problems.push("the header segment is empty");
  }

  let claims: Record<string, unknown> | undefined;
  let payloadText: string | undefined;
  if (kind !== "jwe" && parts.length >= 2) {
    const payloadRead = decoded[1] === undefined ? undefined : readJson(decoded[1]);
    if (isObject(payloadRead?.json)) {
      claims = payloadRead.json;
    } else if (parts[1] === "") {
      problems.push("the payload segment is empty");
    } else if (payloadRead === undefined || payloadRead.text === "") {
      problems.push("the payload cannot be read");
    } else {
      payloadText = payloadRead.text;
      problems.push(
        payloadRead.json === undefined
          ? "the payload is not complete JSON (the token was cut off?)"
          : "the payload is JSON but not an object; JWT claims are an object",
      );
    }
  }
  if (header === undefined && claims === undefined && payloadText === undefined) {
    throw malformed(
      `Cannot decode the token: neither a header nor a payload can be read from its ${parts.length} segment(s)`,
      problems,
    );
  }

  const alg = header?.["alg"];
  let signature: DecodedToken["signature"];
  if (kind === "jws") {
    const bytes = decoded[2]?.length;
    const expectedBytes = verifiableAlgorithm(alg)?.signatureBytes;
    if (bytes !== undefined) signature = { bytes, ...(expectedBytes === undefined ? {} : { expectedBytes }) };
    if (alg === "none") {
      problems.push('the token is unsigned (alg "none"): anyone could have written it');
    } else if (bytes === 0) {
      problems.push("the signature segment is empty: the token was cut off or its signature removed");
    } else if (expectedBytes !== undefined && bytes !== undefined && bytes !== expectedBytes) {
      problems.push(`the signature is ${bytes} bytes, but ${alg} signatures are ${expectedBytes} bytes (cut off?)`);
    }
  }
  if (header !== undefined && typeof alg !== "string") problems.push('the header has no "alg"');

  const times: DecodedToken["times"] = {};
  for (const name of TIME_CLAIMS) {
    if (claims === undefined || !(name in claims)) continue;
    const time = timeClaim(claims[name], nowSeconds);
    times[name] = time;
    if (time.date === undefined) {
      problems.push(`the "${name}" claim is ${quote(claims[name])}, not a number of seconds (verifiers refuse it)`);
    }
  }
  const iat = times.iat?.value;
  const exp = times.exp?.value;
  const lifetime = typeof iat === "number" && typeof exp === "number" && times.iat?.date && times.exp?.date
    ? (exp >= iat ? formatSeconds(exp - iat) : `${formatSeconds(exp - iat)} before it was issued`)
    : undefined;

  const present = claims === undefined ? [] : REGISTERED_CLAIMS.filter((name) => name in claims!);
  return {
    kind,
    ...(header === undefined ? {} : { header }),
    ...(claims === undefined ? {} : { claims }),
    ...(payloadText === undefined ? {} : { payloadText }),
    ...(signature === undefined ? {} : { signature }),
    segments,
    times,
    ...(lifetime === undefined ? {} : { lifetime }),
    registeredClaims: { present, absent: REGISTERED_CLAIMS.filter((name) => !present.includes(name)) },
    problems,
    now: new Date(now).toISOString(),
  };
}

function malformed(message: string, problems: string[] = []): TokenError {
  return new TokenError("ERR_TOKEN_MALFORMED", message, {
    ...(problems.length === 0 ? {} : { detail: `${problems.join("; ")}.` }),
  });
}
