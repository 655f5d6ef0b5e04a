/**
 * Verifies a token as a careful API would: the key is found by `kid`, the algorithm is the one the
 * key itself declares (never the token's own say-so), then signature, times, issuer and audience.
 * Every failure is a {@linkcode TokenError} whose message says in plain words what is wrong.
 *
 * Verification failures are not Ory errors (Ory never verifies its tokens): they are
 * {@linkcode TokenError}s, without an Ory status or body. A key set that cannot be read or used is the
 * verifier's own fault, not the token's: `ERR_VERIFY_KEYS`.
 *
 * @module
 */

import type { CryptoKey, JWK, JWTVerifyOptions } from "jose";
import { loadJose } from "../keys/load_jose.ts";
import { formatSeconds, nowMillis, quote } from "./relative_time.ts";
import { decodeBase64Lenient } from "../encoding/base64.ts";
import { TokenError, type TokenErrorCode, TokenizerError } from "../errors.ts";
import { parseDuration } from "../encoding/parse_duration.ts";
import { redactSource, scrubSource } from "../sources/redact_source.ts";
import { remoteKeySet, type RemoteKeySetOptions } from "./remote_key_set.ts";
import { parseJwks } from "../keys/parse_jwks.ts";
import { PRIVATE_MEMBERS, withoutPrivateMembers } from "../keys/public_jwks.ts";
import type { Claims, Fetch, Jwk, JwkSet } from "../types.ts";
import { verifiableAlgorithm } from "../keys/algorithms.ts";

/** Options of {@linkcode verifyToken}. */
export interface VerifyOptions {
  /** The expected `iss`: one value or any of several. Ory's is `serve.public.base_url` exactly. */
  issuer?: string | string[] | undefined;
  /** An `aud` the token must contain. Ory adds none by default: a claims mapper has to set it. */
  audience?: string | string[] | undefined;
  /** Clock skew allowed for `exp` and `nbf`: seconds, or a Go duration such as `"30s"`; default 0. */
  clockTolerance?: number | string | undefined;
  /** The current time: milliseconds, a `Date`, or a function returning either; default the clock. */
  now?: number | Date | (() => number | Date) | undefined;
  /** Claims that must be present, such as `["exp", "sub"]`. */
  requiredClaims?: string[] | undefined;
  /** The `fetch` for a key set given as a URL; default `globalThis.fetch`. */
  fetch?: Fetch | undefined;
  /** Accept a token without `exp` (one that never expires). Ory always sets `exp`; default false. */
  allowNoExpiration?: boolean | undefined;
  /** The algorithms accepted at all, such as `["ES256"]`; default every JWS algorithm a key may declare. */
  algorithms?: string[] | undefined;
  /** The longest token accepted, in characters, checked before anything is decoded; default 1 MiB. */
  maxTokenLength?: number | undefined;
  /** How a key set given as a URL is cached (jose's `createRemoteJWKSet` defaults: 10 min, 30 s cooldown). */
  remoteKeySet?: RemoteKeySetOptions | undefined;
}

/**
 * 1 MiB: Ory's mapper output is at most 256 KiB, so its tokens stay under 350 KB; anything much longer
 * is not Ory's, and is refused before it costs a decode.
 */
export const MAX_TOKEN_LENGTH = 1024 * 1024;
/** Seconds a NumericDate may be from the epoch: the range of a JavaScript `Date` (year 275760). */
const NUMERIC_DATE_MAX = 8.64e12;

/** A verified token. */
export interface VerifiedToken {
  header: Record<string, unknown>;
  claims: Claims;
  /** The key that verified the signature, without private members. */
  key: Jwk;
}

const KTY_WORDS: Record<string, string> = {
  EC: "an EC key",
  RSA: "an RSA key",
  OKP: "an OKP key",
  oct: "an HMAC secret (oct key)",
};

function tokenError(
  code: TokenErrorCode,
  message: string,
  detail?: string,
  cause?: unknown,
  claim?: string,
): TokenError {
  return new TokenError(code, message, { detail, cause, claim });
}

function keysError(message: string, detail?: string, cause?: unknown): TokenError {
  return new TokenError("ERR_VERIFY_KEYS", message, { detail, cause });
}

/** How a key is named in messages: its kid, or its place in the set. Never its material. */
function keyName(key: Jwk, index: number): string {
  return typeof key.kid === "string" && key.kid !== "" ? `key ${quote(key.kid)}` : `key ${index + 1} (no kid)`;
}

/** Parsed local sets by the caller's object, with the JSON they were parsed from (a changed set is re-read). */
const localSets = new WeakMap<object, { json: string; set: JwkSet }>();

async function loadKeySet(keys: JwkSet | URL, kid: string | undefined, options: VerifyOptions): Promise<JwkSet> {
  if (keys instanceof URL) {
    const shown = redactSource(keys.href);
    try {
      return await remoteKeySet(keys.href, kid, {
        fetch: options.fetch ?? globalThis.fetch,
        parse: parseKeySet,
        now: () => performance.now(),
        ...options.remoteKeySet,
      });
    } catch (error) {
      if (error instanceof TokenError) throw error;
      // The HTTP client's own message may quote the URL whole, credentials and query included.
      const text = scrubSource(error instanceof Error ? error.message : String(error), keys.href);
      const cause = new Error(text);
      throw keysError(`Cannot fetch the key set from ${quote(shown, 200)}: ${text}`, undefined, cause);
    }
  }
  if (typeof keys !== "object" || keys === null || !Array.isArray((keys as Partial<JwkSet>).keys)) {
    throw new TypeError('Cannot verify: the key set must be a URL or an object with a "keys" array');
  }
  const json = JSON.stringify(keys);
  const cached = localSets.get(keys);
  if (cached !== undefined && cached.json === json) return cached.set;
  const set = parseKeySet(json);
  localSets.set(keys, { json, set });
  return set;
}

function parseKeySet(bytes: Uint8Array | string): JwkSet {
  try {
    return parseJwks(bytes);
  } catch (error) {
    const detail = error instanceof TokenizerError ? error.detail : undefined;
    throw keysError(`Cannot read the key set: ${detail ?? "it is not a JSON Web Key Set"}`, undefined, error);
  }
}

/** The keys that may have signed: by `kid`, as RFC 7515 section 4.1.4 intends it. */
function candidates(set: JwkSet, kid: unknown): [Jwk, number][] {
  const indexed = set.keys.map((key, i) => [key, i] as [Jwk, number]);
  if (set.keys.length === 0) throw keysError("Cannot verify: the key set has no keys");
  const kids = set.keys.map((key, i) =>
    typeof key.kid === "string" && key.kid !== "" ? quote(key.kid) : `key ${i + 1} without a kid`
  );
  if (kid !== undefined && typeof kid !== "string") {
    throw tokenError("ERR_TOKEN_MALFORMED", `The token's "kid" header is ${quote(kid)}, not a string`);
  }
  if (kid !== undefined && kid !== "") {
    const found = indexed.filter(([key]) => key.kid === kid);
    if (found.length === 0) {
      throw tokenError(
        "ERR_TOKEN_KID",
        `The token's kid ${quote(kid)} is not in the key set (it has ${kids.join(", ")})`,
        "The token was signed by a key this set does not hold: another project's or template's key, a key " +
          "rotated out, or a public set exported from a different private set.",
      );
    }
    return found;
  }
  // Kratos writes "kid":"" for a key without one; such keys match, and a one-key set is unambiguous.
  const unnamed = indexed.filter(([key]) => key.kid === undefined || key.kid === "");
  return unnamed.length > 0 ? unnamed : indexed;
}

/** The key's own algorithm, after checking that it fits the key type. */
function keyAlgorithm(key: Jwk, index: number): string {
  const alg = key.alg;
  if (typeof alg !== "string" || alg === "") {
    throw keysError(
      `Cannot verify with ${keyName(key, index)}: it has no "alg"`,
      'The algorithm is taken from the key, never from the token, so every key needs "alg" (Ory needs it to ' +
        'sign as well). Add it, for example "ES256" for a P-256 EC key.',
    );
  }
  const kty = verifiableAlgorithm(alg)?.kty;
  if (kty === undefined) {
    throw keysError(
      `Cannot verify with ${keyName(key, index)}: its "alg" ${quote(alg)} is not a JWS signing algorithm`,
    );
  }
  if (kty !== key.kty) {
    throw keysError(
      `Cannot verify with ${keyName(key, index)}: its "alg" is ${quote(alg)} but it is ${
        KTY_WORDS[key.kty] ?? quote(key.kty)
      }`,
    );
  }
  return alg;
}

/** RSA signatures are as long as the modulus; the other algorithms have fixed sizes. */
function expectedSignatureBytes(key: Jwk, alg: string): number | undefined {
  if (key.kty === "RSA" && typeof key.n === "string") {
    try {
      const n = decodeBase64Lenient(key.n);
      let first = 0;
      while (first < n.length && n[first] === 0) first++;
      return n.length - first;
    } catch {
      return undefined;
    }
  }
  return verifiableAlgorithm(alg)?.signatureBytes;
}

/** Only what verifies: a private set works too, but its private members never reach the crypto layer. */
function verificationJwk(key: Jwk, alg: string): JWK {
  const material: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(key)) {
    if (name === "alg" || name === "use" || name === "key_ops") continue;
    if (PRIVATE_MEMBERS.includes(name) && !(key.kty === "oct" && name === "k")) continue;
    material[name] = value;
  }
  return { ...material, alg } as JWK;
}

function describeAlg(alg: unknown): string {
  return alg === "none" ? 'is unsigned (alg "none")' : `is signed with ${quote(alg)}`;
}

async function verifyWithKey(
  token: string,
  header: Record<string, unknown>,
  signatureBytes: number,
  key: Jwk,
  index: number,
  options: VerifyOptions,
): Promise<VerifiedToken> {
  const alg = keyAlgorithm(key, index);
  if (header["alg"] !== alg) {
    throw tokenError(
      "ERR_TOKEN_ALG",
      `The token ${describeAlg(header["alg"])} but ${keyName(key, index)} is ${KTY_WORDS[key.kty]} for ${quote(alg)}`,
      "The algorithm comes from the key, never from the token's header: a token that names another " +
        "algorithm (none, or HS256 keyed with a public key's bytes) is an old attack, or was signed by a different key.",
    );
  }
  const prepared = prepare(key, alg);
  const expected = prepared.signatureBytes;
  if (expected !== undefined && signatureBytes !== expected) {
    throw tokenError(
      "ERR_TOKEN_SIGNATURE",
      `The signature is ${signatureBytes} bytes, but a ${alg} signature from ${
        keyName(key, index)
      } is ${expected} bytes`,
      "The token was cut off or altered, or the signature is in another encoding (ECDSA in JWS is raw r||s, not DER).",
    );
  }
  let cryptoKey: CryptoKey | Uint8Array;
  try {
    cryptoKey = await prepared.imported;
  } catch (error) {
    throw keysError(
      `Cannot use ${keyName(key, index)} for ${alg}: ${
        error instanceof Error ? error.message : "the key does not import"
      }`,
      undefined,
      error,
    );
  }
  const now = nowMillis(options.now);
  const tolerance = toleranceSeconds(options.clockTolerance);
  const verifyOptions: JWTVerifyOptions = {
    algorithms: [alg],
    currentDate: new Date(now),
    clockTolerance: tolerance,
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    ...(options.requiredClaims === undefined ? {} : { requiredClaims: options.requiredClaims }),
  };
  let result;
  try {
    result = await (await loadJose()).jwtVerify(token, cryptoKey, verifyOptions);
  } catch (error) {
    const payload = (error as { payload?: Record<string, unknown> }).payload;
    throw (payload && numericDateProblem(payload)) ??
      explainJoseError(error, { key, index, alg, now, tolerance, options });
  }
  const problem = numericDateProblem(result.payload);
  if (problem !== undefined) throw problem;
  if (result.payload.exp === undefined && options.allowNoExpiration !== true) {
    throw tokenError(
      "ERR_TOKEN_CLAIM",
      'The token has no "exp" claim, so it would never expire',
      "Ory always sets exp (iat + the template's ttl). Pass allowNoExpiration to accept tokens that never expire.",
      undefined,
      "exp",
    );
  }
  return { header: { ...result.protectedHeader }, claims: { ...result.payload }, key: withoutPrivateMembers(key) };
}

/**
 * RFC 7519 NumericDates: a JSON number of seconds. Non-integers are allowed (the RFC says so), but
 * not values no clock reaches: `1e400` parses as Infinity, which would make a token that never expires.
 */
function numericDateProblem(payload: Record<string, unknown>): TokenError | undefined {
  for (const claim of ["exp", "nbf", "iat"]) {
    const value = payload[claim];
    if (value === undefined || (typeof value === "number" && Math.abs(value) <= NUMERIC_DATE_MAX)) continue;
    const what = typeof value !== "number"
      ? `${quote(value)}, not a number of seconds`
      : Number.isFinite(value)
      ? `${value}, beyond any date (more than ${NUMERIC_DATE_MAX} seconds from 1970)`
      : "not a finite number (a JSON number too large for a double, such as 1e400)";
    return tokenError(
      "ERR_TOKEN_CLAIM",
      `The token's ${quote(claim)} claim is ${what}`,
      "A NumericDate (RFC 7519) is a number of seconds since 1970. A claims mapper can override exp, nbf and " +
        "iat with any value, and Ory signs whatever it returns.",
      undefined,
      claim,
    );
  }
  return undefined;
}

/** `clockTolerance` in seconds: a number of seconds, or a Go duration (`"30s"`, `"1m30s"`). */
function toleranceSeconds(tolerance: number | string | undefined): number {
  if (tolerance === undefined) return 0;
  let seconds: number;
  if (typeof tolerance === "string") {
    try {
      seconds = parseDuration(tolerance) / 1000;
    } catch {
      throw new RangeError(`Cannot verify: clockTolerance ${quote(tolerance)} is not a duration such as "30s"`);
    }
  } else {
    seconds = tolerance;
  }
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`Cannot verify: clockTolerance must be seconds >= 0 or a duration, not ${String(tolerance)}`);
  }
  return seconds;
}

interface PreparedKey {
  signatureBytes: number | undefined;
  imported: Promise<CryptoKey | Uint8Array>;
}

/** Imported keys by parsed key (ours, never the caller's object) and algorithm: importing costs more than verifying. */
const preparedKeys = new WeakMap<Jwk, Map<string, PreparedKey>>();

function prepare(key: Jwk, alg: string): PreparedKey {
  let byAlg = preparedKeys.get(key);
  if (byAlg === undefined) preparedKeys.set(key, byAlg = new Map());
  let prepared = byAlg.get(alg);
  if (prepared === undefined) {
    const jwk = verificationJwk(key, alg);
    const imported = loadJose().then((jose) => jose.importJWK(jwk, alg));
    imported.catch(() => byAlg!.delete(alg)); // a failed import is retried, not remembered
    prepared = { signatureBytes: expectedSignatureBytes(key, alg), imported };
    byAlg.set(alg, prepared);
  }
  return prepared;
}

interface Context {
  key: Jwk;
  index: number;
  alg: string;
  now: number;
  tolerance: number;
  options: VerifyOptions;
}

function listOf(value: string | string[]): string {
  return (Array.isArray(value) ? value : [value]).map((v) => quote(v)).join(", ");
}

/** Turns jose's terse errors into ours, computing "how long ago" from the claims jose hands back. */
function explainJoseError(error: unknown, context: Context): TokenError {
  const code = (error as { code?: string }).code;
  const claim = (error as { claim?: string }).claim;
  const why = (error as { reason?: string }).reason;
  const payload = ((error as { payload?: unknown }).payload ?? {}) as Record<string, unknown>;
  const nowSeconds = Math.floor(context.now / 1000);
  const tolerance = `tolerance ${formatSeconds(context.tolerance)}`;
  switch (code) {
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return tokenError(
        "ERR_TOKEN_SIGNATURE",
        `The signature does not match ${keyName(context.key, context.index)} (${context.alg})`,
        "The header or payload was changed after signing, or another key with the same kid signed it.",
        error,
      );
    case "ERR_JWT_EXPIRED": {
      const exp = Number(payload["exp"]);
      return tokenError(
        "ERR_TOKEN_EXPIRED",
        `The token expired ${formatSeconds(nowSeconds - exp)} ago (exp ${isoOf(exp)}, ${tolerance})`,
        "Ory's tokens live for the template's ttl; ask for a fresh one (GET /sessions/whoami?tokenize_as=…).",
        error,
        "exp",
      );
    }
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return claimError(error, claim, why, payload, context, nowSeconds, tolerance);
    case "ERR_JOSE_NOT_SUPPORTED":
    case "ERR_JWT_INVALID":
    case "ERR_JWS_INVALID":
      return tokenError(
        "ERR_TOKEN_MALFORMED",
        `The token is not a valid signed JWT: ${error instanceof Error ? error.message : "jose refused it"}`,
        undefined,
        error,
      );
    default:
      // jose raises TypeError for keys it will not use (RSA under 2048 bits, for example).
      return keysError(
        `Cannot verify with ${keyName(context.key, context.index)}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        undefined,
        error,
      );
  }
}

function claimError(
  error: unknown,
  claim: string | undefined,
  why: string | undefined,
  payload: Record<string, unknown>,
  context: Context,
  nowSeconds: number,
  tolerance: string,
): TokenError {
  const { issuer, audience } = context.options;
  const fail = (code: TokenErrorCode, message: string, detail?: string) =>
    tokenError(code, message, detail, error, claim);
  if (why === "missing") {
    const expected = claim === "iss" && issuer !== undefined
      ? `; expected ${listOf(issuer)}`
      : claim === "aud" && audience !== undefined
      ? `; expected ${listOf(audience)}`
      : "";
    const code = claim === "iss" ? "ERR_TOKEN_ISSUER" : claim === "aud" ? "ERR_TOKEN_AUDIENCE" : "ERR_TOKEN_CLAIM";
    const detail = claim === "aud"
      ? "Ory's tokenizer adds no aud claim; set one in the claims mapper, for example `aud: 'my-api'`."
      : undefined;
    return fail(code, `The token has no ${quote(claim)} claim${expected}`, detail);
  }
  if (why === "invalid") {
    return fail(
      "ERR_TOKEN_CLAIM",
      `The token's ${quote(claim)} claim is ${quote(payload[claim ?? ""])}, not a number of seconds`,
      "A claims mapper can override exp, nbf and iat with any value, and Ory signs whatever it returns.",
    );
  }
  switch (claim) {
    case "nbf": {
      const nbf = Number(payload["nbf"]);
      return fail(
        "ERR_TOKEN_NOT_YET_VALID",
        `The token is not valid for ${formatSeconds(nbf - nowSeconds)} yet (nbf ${isoOf(nbf)}, ${tolerance})`,
        "Ory sets nbf to the time of issue, so this usually means the verifier's clock is behind the issuer's.",
      );
    }
    case "iss":
      return fail(
        "ERR_TOKEN_ISSUER",
        `The token's issuer is ${quote(payload["iss"])}, not ${listOf(issuer ?? [])}`,
        "Ory's iss is serve.public.base_url exactly as configured (trailing slash included), or " +
          "https://<slug>.projects.oryapis.com on Ory Network, unless the claims mapper changes it.",
      );
    case "aud":
      return fail(
        "ERR_TOKEN_AUDIENCE",
        `The token's audience ${quote(payload["aud"])} does not include ${listOf(audience ?? [])}`,
      );
    default:
      return fail(
        "ERR_TOKEN_CLAIM",
        `The token's ${quote(claim)} claim is not acceptable: ${error instanceof Error ? error.message : "refused"}`,
      );
  }
}

function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace(".000Z", "Z");
}

/**
 * Verifies a compact JWS (such as Ory's `tokenized`) against a key set.
 *
 * The key is chosen by the token's `kid` (a token without one, or with Kratos's `"kid":""`, matches keys
 * without a kid, or every key); the algorithm is the chosen key's own `alg`, so `alg: none` and
 * HS256-with-a-public-key tokens are refused before any cryptography. A private key set works too: only
 * its public members are used. Verification itself is jose's `jwtVerify`.
 *
 * @param token the compact JWS, exactly (no `Bearer ` prefix, no whitespace).
 * @param keys a key set, or the URL of one (fetched on every call with `options.fetch`; cache the set
 *   yourself when verifying often).
 * @param options issuer, audience, clock tolerance (seconds), the current time, required claims.
 * @returns the header, the claims and the public half of the key that verified.
 * @throws {TokenError} `ERR_TOKEN_MALFORMED`, `ERR_TOKEN_KID`, `ERR_TOKEN_ALG`, `ERR_TOKEN_SIGNATURE`,
 *   `ERR_TOKEN_EXPIRED`, `ERR_TOKEN_NOT_YET_VALID`, `ERR_TOKEN_ISSUER`, `ERR_TOKEN_AUDIENCE` or
 *   `ERR_TOKEN_CLAIM` (these set `claim`) for the token; `ERR_VERIFY_KEYS` when the key set cannot be
 *   fetched, read or used. Messages never contain the token or key material.
 * @throws {TypeError} when `keys` is neither a URL nor a key set.
 *
 * @example Verifying a token that Ory (here: tokenizeSession) issued
 * ```ts
 * import { encodeTemplate, generateJwks, publicJwks, sampleSession, tokenizeSession, verifyToken } from "../mod.ts";
 * const jwks = await generateJwks({ alg: "ES256" });
 * const { token } = await tokenizeSession(sampleSession(), encodeTemplate({ jwks, ttl: "10m" }), {
 *   issuer: "https://auth.example.com/",
 * });
 * const { claims } = await verifyToken(token, publicJwks(jwks), { issuer: "https://auth.example.com/" });
 * if (claims.sub !== sampleSession().identity.id) throw new Error("unexpected");
 * ```
 */
export async function verifyToken(
  token: string,
  keys: JwkSet | URL,
  options: VerifyOptions = {},
): Promise<VerifiedToken> {
  if (typeof token !== "string") throw new TypeError(`Cannot verify a token of type ${typeof token}`);
  const header = checkShape(token, options);
  const kid = typeof header["kid"] === "string" ? header["kid"] : undefined;
  const set = await loadKeySet(keys, kid, options);
  const signatureLength = token.length - token.lastIndexOf(".") - 1;
  const signatureBytes = Math.floor((signatureLength * 3) / 4);
  let first: unknown;
  for (const [key, index] of candidates(set, header["kid"])) {
    try {
      return await verifyWithKey(token, header, signatureBytes, key, index, options);
    } catch (error) {
      // Several keys may share a kid (or lack one): any of them verifying is enough.
      const code = (error as { code?: string }).code;
      if (code !== "ERR_TOKEN_SIGNATURE" && code !== "ERR_TOKEN_ALG") throw error;
      first ??= error;
    }
  }
  throw first;
}

/**
 * The checks before any key is touched: a bounded length, three base64url segments, a JSON header
 * naming an allowed alg and no critical extension. Only the header is decoded here: the payload is
 * decoded by jose after the signature verifies, so a forged 10 MB token costs a length check.
 */
function checkShape(token: string, options: VerifyOptions): Record<string, unknown> {
  if (token === "") throw tokenError("ERR_TOKEN_MALFORMED", "The token is empty");
  const maxLength = options.maxTokenLength ?? MAX_TOKEN_LENGTH;
  if (token.length > maxLength) {
    throw tokenError(
      "ERR_TOKEN_MALFORMED",
      `The token is ${token.length} characters long, more than the ${maxLength} this verifier accepts`,
      "Ory's claims are at most 256 KiB, so its tokens stay far below this; raise maxTokenLength if yours need more.",
    );
  }
  if (/\s/.test(token)) {
    throw tokenError(
      "ERR_TOKEN_MALFORMED",
      /^bearer\s/i.test(token)
        ? 'The token starts with "Bearer "; pass the token alone'
        : "The token contains whitespace; pass the compact JWS alone (a copied line break?)",
    );
  }
  const parts = token.split(".");
  if (parts.length === 5) {
    throw tokenError(
      "ERR_TOKEN_MALFORMED",
      "The token is a JWE (5 segments, encrypted), not a signed JWT (3 segments)",
      "Ory's tokenizer issues signed tokens only; an encrypted token has to be decrypted, not verified.",
    );
  }
  if (parts.length !== 3) {
    throw tokenError(
      "ERR_TOKEN_MALFORMED",
      `The token has ${parts.length} segment${
        parts.length === 1 ? "" : "s"
      }, but a signed JWT has 3 (header.payload.signature)`,
      parts.length === 2 ? "The signature segment is missing: the token was cut off or stripped." : undefined,
    );
  }
  const bad = parts.findIndex((part) => !BASE64URL.test(part) || part.length % 4 === 1);
  if (bad !== -1) {
    throw tokenError(
      "ERR_TOKEN_MALFORMED",
      `The token's ${["header", "payload", "signature"][bad]} segment is not base64url without padding`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(decodeBase64Lenient(parts[0]!)));
  } catch {
    throw tokenError("ERR_TOKEN_MALFORMED", "The token's header is not JSON text");
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw tokenError("ERR_TOKEN_MALFORMED", "The token's header is not a JSON object");
  }
  const fields = header as Record<string, unknown>;
  if (typeof fields["alg"] !== "string") throw tokenError("ERR_TOKEN_MALFORMED", 'The token\'s header has no "alg"');
  if (options.algorithms !== undefined && !options.algorithms.includes(fields["alg"])) {
    throw tokenError(
      "ERR_TOKEN_ALG",
      `The token ${describeAlg(fields["alg"])}, which this verifier does not accept (it accepts ${
        options.algorithms.map((alg) => quote(alg)).join(", ") || "none"
      })`,
    );
  }
  if ("crit" in fields) {
    // RFC 7515 section 4.1.11: a recipient that does not understand a critical extension must refuse
    // the token. Ory never sets crit; refusing it is the token's fault, never the key set's.
    throw tokenError(
      "ERR_TOKEN_MALFORMED",
      `The token marks header parameters as critical (crit ${
        quote(fields["crit"])
      }), which this verifier does not support`,
      "Ory's tokens have no crit header; a token with one was made elsewhere or altered.",
    );
  }
  return fields;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
