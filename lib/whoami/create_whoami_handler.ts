/**
 * Kratos's `GET /sessions/whoami` as a fetch-style handler (`Request` → `Response`, Web APIs only):
 * the same function runs under `Deno.serve`, Node's HTTP server, a service worker or an edge
 * runtime. It follows `session/handler.go` `whoami` step by step, so the statuses, bodies and headers
 * are Kratos's; see the spec's Part B 3.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import type { IssuerDocuments } from "../issuer/issuer_documents.ts";
import { withoutPrivateMembers } from "../keys/public_jwks.ts";
import type { Session } from "../session/session.ts";
import type { Tokenizer } from "../tokenize/tokenizer.ts";
import type { JwkSet } from "../types.ts";
import { hostAllowed } from "./allowed_hosts.ts";
import type { CorsOptions } from "../config/cors_options.ts";
import { addCorsHeaders, isPreflight, preflightResponse } from "./cors.ts";
import { findSessionToken, KRATOS_SESSION_COOKIE } from "./find_session_token.ts";
import { goEncode, type HerodotError, herodotError } from "./ory_json.ts";
import type { SessionStore } from "./session_store.ts";

/** The emulator's own routes, under a prefix Kratos never uses. */
export const EMULATOR_PREFIX = "/_ory-tokenizer";
export const SIGN_IN_PATH = `${EMULATOR_PREFIX}/sign-in`;
export const SIGN_OUT_PATH = `${EMULATOR_PREFIX}/sign-out`;
export const WHOAMI_PATH = "/sessions/whoami";
export const JWKS_PATH = "/.well-known/jwks.json";

// Kratos registers whoami for every method but DELETE (`RegisterPublicRoutes`).
const WHOAMI_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "CONNECT", "OPTIONS", "TRACE"];
// herodot's status for a request whose client went away (nginx's 499).
const CLIENT_CLOSED_REQUEST = 499;

/** One line's worth of what happened to a request; never a token or a key. */
export interface WhoamiRequestLog {
  method: string;
  /** The path only: query strings can carry tokens (the sign-in route's `token`). */
  path: string;
  status: number;
  durationMs: number;
  /** The `tokenize_as` asked for, if any. */
  template?: string;
  /** Ory's reason for an error answer. */
  reason?: string;
}

/** What {@linkcode createWhoamiHandler} serves. */
export interface WhoamiHandlerOptions {
  /** Issues the `tokenized` JWTs: its templates are the config's `session.whoami.tokenizer.templates`. */
  tokenizer: Tokenizer;
  sessions: SessionStore;
  /** `session.whoami.required_aal`: `highest_available` (Kratos's default) or `aal1`. */
  requiredAal?: "aal1" | "highest_available" | undefined;
  /** Kratos's `serve.public.cors`; off when absent (Kratos's default). */
  cors?: CorsOptions | undefined;
  /** Puts our detail into the error body's `debug` field (default true; Ory hides it). */
  debug?: boolean | undefined;
  /** `serve.public.base_url`, for the AAL error's login link; default: the request's origin. */
  baseUrl?: string | undefined;
  /** Ory Network's session caching: `Ory-Session-Cache-For` on answers without `tokenize_as`. */
  sessionCaching?: { maxAgeSeconds?: number } | undefined;
  /** `session.cookie.name` (default `ory_kratos_session`); `ory_session_<slug>` is always read too. */
  cookieName?: string | undefined;
  /** The public key set served at `/.well-known/jwks.json` (private members are dropped again). */
  publicKeys?: JwkSet | undefined;
  /**
   * The issuer kit ({@linkcode issuerDocuments}): `<iss>/.well-known/openid-configuration` and its
   * `jwks_uri` are served at their paths, so a verifier that finds keys through `iss` finds them here.
   */
  issuerDocuments?: IssuerDocuments | undefined;
  /** The token the emulator's sign-in route puts into the session cookie; no route when absent. */
  signInToken?: string | undefined;
  /** Answers every other route (the playground's files); 404 in Ory's shape otherwise. */
  fallback?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Answer only requests whose `Host` is an IP address, `localhost`, or one of these names; others get
   * 403 (a page that rebinds its own name to this machine, see `allowed_hosts.ts`). Absent: every host,
   * for a handler deployed behind a real domain.
   */
  allowedHosts?: readonly string[] | undefined;
  /** Called once per request, after the answer is made. */
  onRequest?: ((entry: WhoamiRequestLog) => void) | undefined;
  /** The clock for session expiry, in milliseconds. */
  now?: (() => number) | undefined;
}

/** A failure on the way to a session, with Kratos's body and our explanation. */
class WhoamiFailure {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  /** Kratos's `CredentialsMissing`: the request carried no token at all. */
  credentialsMissing = false;
  constructor(status: number, body: unknown, headers: Record<string, string>) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/**
 * Creates the handler.
 *
 * @example
 * ```ts
 * import { createSessionStore, createWhoamiHandler } from "../entries/whoami.ts";
 * import { sampleSession, Tokenizer } from "../mod.ts";
 * const handler = createWhoamiHandler({
 *   tokenizer: new Tokenizer({ templates: {} }),
 *   sessions: createSessionStore({ "ory_st_a": sampleSession({ expires_at: "2999-01-01T00:00:00Z" }) }),
 * });
 * const response = await handler(new Request("http://localhost:4433/sessions/whoami", {
 *   headers: { "X-Session-Token": "ory_st_a" },
 * }));
 * if (response.status !== 200) throw new Error();
 * ```
 */
export function createWhoamiHandler(options: WhoamiHandlerOptions): (request: Request) => Promise<Response> {
  const debug = options.debug ?? true;
  const now = options.now ?? Date.now;

  /** herodot's `WriteError` body for a TokenizerError (or anything else, as a 500). */
  function errorBody(request: Request, error: unknown): { status: number; body: unknown; id: string } {
    const requestId = request.headers.get("X-Request-ID") ?? undefined;
    if (error instanceof TokenizerError) {
      const ory = error.toOryBody().error;
      const detail = debug ? error.detail : undefined;
      return {
        status: error.status,
        body: { error: herodotError({ ...ory, request: requestId, debug: detail }) },
        id: ory.id ?? "",
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    const body = herodotError({
      code: 500,
      status: "Internal Server Error",
      request: requestId,
      debug: debug ? `The emulator failed unexpectedly: ${message}` : undefined,
      message: "An internal server error occurred, please contact the system administrator",
    });
    return { status: 500, body: { error: body }, id: "" };
  }

  function unauthorized(request: Request, why: string): WhoamiFailure {
    // session.ErrNoSessionFound(): herodot's 401 with a reason and no id (the wrapped error's id
    // is not promoted), and an empty Ory-Error-Id header.
    const error: HerodotError = {
      code: 401,
      status: "Unauthorized",
      request: request.headers.get("X-Request-ID") ?? undefined,
      reason: "No valid session credentials found in the request.",
      debug: debug ? why : undefined,
      message: "The request could not be authorized",
    };
    return new WhoamiFailure(401, { error: herodotError(error) }, { "Ory-Error-Id": "" });
  }

  function aalRequired(request: Request): WhoamiFailure {
    const base = options.baseUrl ?? new URL(request.url).origin + "/";
    const login = new URL("self-service/login/browser", base.endsWith("/") ? base : `${base}/`);
    login.search = "aal=aal2";
    const redirect = login.href;
    // ErrAALNotSatisfied is its own JSON enhancer: the error (with details) plus a top-level link.
    const error = herodotError({
      id: "session_aal2_required",
      code: 403,
      status: "Forbidden",
      reason:
        "An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.",
      details: { redirect_browser_to: redirect },
      message: "Session does not fulfill the requested Authenticator Assurance Level",
    });
    return new WhoamiFailure(403, { error, redirect_browser_to: redirect }, {
      "Ory-Error-Id": "session_aal2_required",
    });
  }

  /** `FetchFromRequest` and `DoesSessionSatisfy`: the session, or the failure Kratos answers with. */
  async function activeSession(request: Request): Promise<Session> {
    const token = findSessionToken(request, options.cookieName ?? KRATOS_SESSION_COOKIE);
    if (token === "") {
      const failure = unauthorized(
        request,
        `The request has no session token: send the ${
          options.cookieName ?? KRATOS_SESSION_COOKIE
        } cookie, X-Session-Token or Authorization: Bearer.`,
      );
      failure.credentialsMissing = true;
      throw failure;
    }
    const session = await options.sessions.get(token);
    if (session === undefined) throw unauthorized(request, "No session has this token.");
    const expires = Date.parse(session.expires_at);
    if (session.active !== true) throw unauthorized(request, 'The session is not active ("active": false).');
    if (!(expires > now())) throw unauthorized(request, `The session expired at ${session.expires_at}.`);
    const state = session.identity.state;
    if (state !== undefined && state !== "active") {
      throw unauthorized(request, `The session's identity is not active ("state": "${state}").`);
    }
    if (!satisfiesAal(session, options.requiredAal ?? "highest_available")) throw aalRequired(request);
    return session;
  }

  async function whoami(request: Request, url: URL, log: Partial<WhoamiRequestLog>): Promise<Response> {
    let session: Session;
    try {
      session = await activeSession(request);
    } catch (failure) {
      if (!(failure instanceof WhoamiFailure)) throw failure;
      const headers: Record<string, string> = { ...failure.headers };
      // Kratos caches "no credentials at all" answers for a minute when caching is on.
      if (options.sessionCaching !== undefined && failure.credentialsMissing) {
        headers["Ory-Session-Cache-For"] = "60";
      }
      log.reason = reasonOf(failure.body) ?? "";
      return json(request, failure.status, failure.body, { "Content-Type": "application/json", ...headers });
    }
    const template = url.searchParams.get("tokenize_as") ?? "";
    let tokenized: string | undefined;
    if (template !== "") {
      log.template = template;
      try {
        tokenized = (await abortable(options.tokenizer.tokenize(session, template), request.signal)).token;
      } catch (error) {
        if (request.signal.aborted) return json(request, CLIENT_CLOSED_REQUEST, null, {});
        const { status, body, id } = errorBody(request, error);
        log.reason = reasonOf(body) ?? "";
        return json(request, status, body, { "Content-Type": "application/json", "Ory-Error-Id": id });
      }
    }
    const headers: Record<string, string> = {
      "Content-Type": "application/json; charset=utf-8",
      "X-Kratos-Authenticated-Identity-Id": session.identity.id,
    };
    if (options.sessionCaching !== undefined && template === "") {
      let seconds = (Date.parse(session.expires_at) - now()) / 1000;
      const max = options.sessionCaching.maxAgeSeconds ?? 0;
      if (max > 0 && seconds > max) seconds = max;
      headers["Ory-Session-Cache-For"] = Math.round(seconds).toFixed(0);
    }
    return json(request, 200, whoamiJson(session, tokenized), headers);
  }

  function publicKeys(request: Request): Response {
    const keys = (options.publicKeys?.keys ?? []).filter((key) => key.kty !== "oct").map(withoutPrivateMembers);
    return json(request, 200, { keys }, { "Content-Type": "application/json; charset=utf-8" });
  }

  /** The issuer kit's two documents, by path (the host is whatever reached this server). */
  const issuerRoutes = new Map<string, unknown>();
  if (options.issuerDocuments !== undefined) {
    const kit = options.issuerDocuments;
    const jwksUrl = new URL(kit.jwksUrl);
    if (jwksUrl.origin === new URL(kit.issuer).origin) issuerRoutes.set(jwksUrl.pathname, kit.jwks);
    issuerRoutes.set(new URL(kit.discoveryUrl).pathname, kit.discovery);
  }

  function signIn(request: Request, url: URL, signOut: boolean): Response {
    const name = options.cookieName ?? KRATOS_SESSION_COOKIE;
    const cookie = signOut
      ? `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`
      : `${name}=${options.signInToken}; Path=/; HttpOnly; SameSite=Lax`;
    const returnTo = pathOnThisServer(url.searchParams.get("return_to") ?? "", url);
    if (returnTo !== undefined) {
      return new Response(null, { status: 303, headers: { Location: returnTo, "Set-Cookie": cookie } });
    }
    return json(request, 200, { signed_in: !signOut, cookie: name }, {
      "Content-Type": "application/json; charset=utf-8",
      "Set-Cookie": cookie,
    });
  }

  function hostRefused(request: Request): Response {
    const body = herodotError({
      code: 403,
      status: "Forbidden",
      request: request.headers.get("X-Request-ID") ?? undefined,
      reason: "This emulator does not answer requests for this host name.",
      debug: debug
        ? `It answers IP addresses, localhost and ${
          options.allowedHosts!.map((h) => `"${h}"`).join(", ") || "no other"
        }` +
          ": a page that points its own name at this machine (DNS rebinding) must not read its tokens. " +
          "To reach it by another name, set that name's URL as serve.public.base_url."
        : undefined,
      message: "The requested action was forbidden",
    });
    return json(request, 403, { error: body }, { "Content-Type": "application/json" });
  }

  async function route(request: Request, url: URL, log: Partial<WhoamiRequestLog>): Promise<Response> {
    const path = url.pathname;
    if (path === WHOAMI_PATH && WHOAMI_METHODS.includes(request.method)) return await whoami(request, url, log);
    const read = request.method === "GET" || request.method === "HEAD";
    if (path === JWKS_PATH && read) return publicKeys(request);
    if (read && issuerRoutes.has(path)) {
      return json(request, 200, issuerRoutes.get(path), { "Content-Type": "application/json; charset=utf-8" });
    }
    if ((path === SIGN_IN_PATH || path === SIGN_OUT_PATH) && read && options.signInToken !== undefined) {
      return signIn(request, url, path === SIGN_OUT_PATH);
    }
    if (options.fallback !== undefined && !path.startsWith(EMULATOR_PREFIX)) return await options.fallback(request);
    const body = herodotError({
      code: 404,
      status: "Not Found",
      debug: debug ? `The emulator serves ${WHOAMI_PATH} and ${JWKS_PATH}, not ${path}.` : undefined,
      message: "The requested resource could not be found",
    });
    log.reason = "not found";
    return json(request, 404, { error: body }, { "Content-Type": "application/json" });
  }

  return async function handle(request: Request): Promise<Response> {
    const started = performance.now();
    // Parsed once: every route and the request log read it.
    const url = new URL(request.url);
    const log: Partial<WhoamiRequestLog> = {};
    let response: Response;
    if (options.allowedHosts !== undefined && !hostAllowed(url, options.allowedHosts)) {
      response = hostRefused(request);
      log.reason = "host not allowed";
    } else if (options.cors !== undefined && isPreflight(request)) {
      response = preflightResponse(request, options.cors);
    } else {
      try {
        response = await route(request, url, log);
      } catch (error) {
        const { status, body, id } = errorBody(request, error);
        response = json(request, status, body, { "Content-Type": "application/json", "Ory-Error-Id": id });
      }
      // Kratos's NoCacheNegroni, for every GET on the public port.
      if (request.method === "GET" && !response.headers.has("Cache-Control")) {
        response.headers.set("Cache-Control", "private, no-cache, no-store, must-revalidate");
      }
      if (options.cors !== undefined) addCorsHeaders(request, response.headers, options.cors);
    }
    options.onRequest?.({
      method: request.method,
      path: url.pathname,
      status: response.status,
      durationMs: performance.now() - started,
      ...(log.template === undefined ? {} : { template: log.template }),
      ...(log.reason === undefined ? {} : { reason: log.reason }),
    });
    return response;
  };
}

const AAL_RANK: Record<string, number> = { aal0: 0, aal1: 1, aal2: 2, aal3: 3 };
// Credential types Kratos counts as second factors when it computes an identity's available AAL.
const SECOND_FACTORS = ["totp", "lookup_secret", "webauthn"];

/**
 * `DoesSessionSatisfy`. For `highest_available`, Kratos asks whether the identity has a second
 * factor set up; whoami JSON never holds credentials, so the emulator looks at the `credentials`
 * a sessions file may keep in the identity (as Kratos's admin API shows them): a `totp`,
 * `lookup_secret` or `webauthn` entry means aal2 is available.
 */
function satisfiesAal(session: Session, required: "aal1" | "highest_available"): boolean {
  const rank = AAL_RANK[session.authenticator_assurance_level] ?? 0;
  if (rank >= 2) return true;
  if (required === "aal1") return rank >= 1;
  const credentials = session.identity["credentials"];
  const hasSecondFactor = typeof credentials === "object" && credentials !== null &&
    SECOND_FACTORS.some((type) => type in credentials);
  return !hasSecondFactor;
}

/**
 * The session as whoami writes it: Go's struct order, `active` from `IsActive()` (true here), the
 * identity without `credentials` and `metadata_admin`, and `tokenized` right after `devices`.
 */
function whoamiJson(session: Session, tokenized: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let placed = tokenized === undefined;
  for (const [key, value] of Object.entries(session)) {
    if (key === "tokenized") continue;
    if (key === "identity" && typeof value === "object" && value !== null) {
      const { credentials: _c, metadata_admin: _m, ...identity } = value as Record<string, unknown>;
      out[key] = identity;
    } else {
      out[key] = key === "active" ? true : value;
    }
    if (key === "devices" && !placed) {
      out["tokenized"] = tokenized;
      placed = true;
    }
  }
  if (!placed) out["tokenized"] = tokenized;
  return out;
}

/** A JSON answer; HEAD gets the headers only, as Go's server sends them. */
function json(request: Request, status: number, body: unknown, headers: Record<string, string>): Response {
  const content = request.method === "HEAD" || body === null ? null : goEncode(body);
  return new Response(content, { status, headers });
}

function reasonOf(body: unknown): string | undefined {
  const error = (body as { error?: { reason?: string; message?: string } } | null)?.error;
  return error?.reason ?? error?.message;
}

/**
 * A `return_to` as the path to redirect to, when a browser would read it as a place on this server;
 * undefined otherwise. Browsers drop tabs and newlines from URLs and read `\\` as `/`, so `/\t/evil`
 * would go to another site: the value is resolved as a browser resolves it and judged by its origin,
 * and a resolved path starting with `//` (from `/.//evil`) is refused too.
 */
function pathOnThisServer(returnTo: string, url: URL): string | undefined {
  if (!returnTo.startsWith("/")) return undefined;
  let target: URL;
  try {
    target = new URL(returnTo, url);
  } catch {
    return undefined;
  }
  if (target.origin !== url.origin || target.pathname.startsWith("//")) return undefined;
  return `${target.pathname}${target.search}${target.hash}`;
}

/** Settles with the tokenization, or rejects as soon as the client has gone. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
