// createWhoamiHandler over real HTTP on 127.0.0.1 (port 0), with fetch and with Ory's own client:
// every row of Kratos's whoami table (spec Part B 3), each credential place, tokenize_as as Kratos
// reads it, AAL, caching headers, CORS, the public key set, and a token verified with raw WebCrypto.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import { Configuration, FrontendApi, ResponseError } from "@ory/client-fetch";
import {
  createSessionStore,
  createWhoamiHandler,
  parseSessions,
  templatePublicKeys,
  type WhoamiHandlerOptions,
} from "../lib/entries/whoami.ts";
import {
  encodeTemplate,
  generateJwks,
  type Jwk,
  type JwkSet,
  sampleSession,
  type Session,
  Tokenizer,
  TokenizerError,
  type TokenizerTemplate,
} from "../lib/mod.ts";
import { readFileLikeGo } from "../lib/cli/io.ts";
import { type HttpServer, serveHttp } from "../lib/runtime/serve_http.ts";
import { fixture, STUB_MAPPER } from "./_helpers.ts";
import { webCryptoVerify } from "./_webcrypto.ts";

const FUTURE = "2999-01-01T00:00:00Z";
const b64 = (text: string) => `base64://${btoa(text)}`;

const session = (overrides: Parameters<typeof sampleSession>[0] = {}): Session =>
  sampleSession({ expires_at: FUTURE, ...overrides });

const SESSIONS: Record<string, Session> = {
  "ory_st_alice": session(),
  "ory_st_expired": session({ expires_at: "2001-01-01T00:00:00Z" }),
  "ory_st_inactive": session({ active: false }),
  "ory_st_blocked": session({ identity: { state: "inactive" } }),
  "ory_st_no_external": session({ identity: { external_id: undefined } }),
  "ory_st_aal0": session({ authenticator_assurance_level: "aal0" }),
  "ory_st_totp": { ...session(), identity: { ...session().identity, credentials: { totp: { type: "totp" } } } },
  "ory_st_totp_aal2": {
    ...session({ authenticator_assurance_level: "aal2" }),
    identity: { ...session().identity, credentials: { totp: { type: "totp" } } },
  },
  "ory_st_html": session({ identity: { traits: { email: "a<b>&c@example.com" } } }),
};

let jwks: JwkSet;
let hsJwks: JwkSet;
let templates: Record<string, TokenizerTemplate>;
const servers: HttpServer[] = [];

async function start(overrides: Partial<WhoamiHandlerOptions> = {}): Promise<string> {
  const handler = createWhoamiHandler({
    tokenizer: new Tokenizer({ templates, issuer: "http://localhost/", readFile: readFileLikeGo }),
    sessions: createSessionStore(SESSIONS),
    publicKeys: (await templatePublicKeys(templates)).jwks,
    signInToken: "ory_st_alice",
    ...overrides,
  });
  const server = await serveHttp(handler, { hostname: "127.0.0.1", port: 0 });
  servers.push(server);
  return server.url.href;
}

let base: string;
before(async () => {
  jwks = await generateJwks({ alg: "ES256" });
  hsJwks = await generateJwks({ alg: "HS256" });
  const es256 = JSON.parse(fixture("jwk.es256.json")) as JwkSet;
  const firstKey = es256.keys[0]!;
  templates = {
    plain: encodeTemplate({ jwks, ttl: "1m" }),
    mapped: encodeTemplate({ jwks, claimsMapper: STUB_MAPPER, ttl: "10m" }),
    external: encodeTemplate({ jwks, ttl: "1m", subjectSource: "external_id" }),
    hs: encodeTemplate({ jwks: hsJwks, ttl: "1m" }),
    https_jwks: { jwks_url: "https://example.com/jwks.json" },
    missing_file: { jwks_url: "file:///does/not/exist.json" },
    // A source that never ends (a device; an endless pipe): refused at the source bound, not read forever.
    endless_file: { jwks_url: "file:///dev/zero" },
    bad_base64: { jwks_url: "base64://%%%" },
    broken_jwks: { jwks_url: b64(fixture("jwk.es512.broken.json")) },
    empty_jwks: { jwks_url: b64('{"keys":[]}') },
    no_alg: { jwks_url: b64(JSON.stringify({ keys: [{ ...firstKey, alg: undefined }] })) },
    public_only: { jwks_url: b64(JSON.stringify({ keys: [{ ...firstKey, d: undefined }] })) },
    jsonnet_error: encodeTemplate({ jwks, claimsMapper: "{ claims: error 'boom' }" }),
    not_claims: encodeTemplate({ jwks, claimsMapper: "{ nope: {} }" }),
    missing_mapper: { jwks_url: encodeTemplate({ jwks }).jwks_url, claims_mapper_url: "file://does/not/exist" },
    bad_ttl: { jwks_url: encodeTemplate({ jwks }).jwks_url, ttl: "forever" },
  };
  base = await start();
});
after(async () => {
  for (const server of servers) await server.close();
});

async function whoami(query: string, headers: Record<string, string> = {}, url = base) {
  const response = await fetch(new URL(`sessions/whoami${query}`, url), { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === "" ? null : JSON.parse(text) };
}

const NO_SESSION = {
  error: {
    code: 401,
    status: "Unauthorized",
    reason: "No valid session credentials found in the request.",
    message: "The request could not be authorized",
  },
};

describe("whoami: sessions (FetchFromRequest)", () => {
  for (
    const [name, headers] of [
      ["no credentials", {}],
      ["an unknown token", { "X-Session-Token": "ory_st_nope" }],
      ["an expired session", { "X-Session-Token": "ory_st_expired" }],
      ["an inactive session", { "X-Session-Token": "ory_st_inactive" }],
      ["an inactive identity", { "X-Session-Token": "ory_st_blocked" }],
      ["a malformed Authorization header", { Authorization: "Bearer ory_st_alice extra" }],
    ] as const
  ) {
    it(`answers ${name} with Kratos's 401, and a bad tokenize_as does not change that`, async () => {
      const result = await whoami("?tokenize_as=nope", headers);
      assert.equal(result.status, 401);
      assert.equal(result.headers.get("content-type"), "application/json");
      assert.equal(result.headers.get("ory-error-id"), "");
      const { debug, ...error } = result.body.error;
      assert.deepEqual({ error }, NO_SESSION);
      assert.equal(typeof debug, "string", "our explanation is in debug");
      assert.ok(result.text.endsWith("}\n"), "Go's encoder ends with a newline");
    });
  }

  const PLACES: [string, Record<string, string>][] = [
    ["X-Session-Token", { "X-Session-Token": "ory_st_alice" }],
    ["the ory_kratos_session cookie", { Cookie: "other=1; ory_kratos_session=ory_st_alice" }],
    ["Ory Network's ory_session_<slug> cookie", { Cookie: "ory_session_playfulwozniak=ory_st_alice" }],
    ["Authorization: Bearer", { Authorization: "Bearer ory_st_alice" }],
    ["Authorization: bearer (any case)", { Authorization: "bEaReR ory_st_alice" }],
  ];
  for (const [place, headers] of PLACES) {
    it(`finds the session through ${place}`, async () => {
      const result = await whoami("", headers);
      assert.equal(result.status, 200);
      assert.equal(result.headers.get("x-kratos-authenticated-identity-id"), SESSIONS["ory_st_alice"]!.identity.id);
      assert.equal(result.body.id, SESSIONS["ory_st_alice"]!.id);
      assert.equal("tokenized" in result.body, false);
    });
  }

  it("reads X-Session-Token before the cookie, and the cookie before Bearer, as Kratos does", async () => {
    const wrongHeader = await whoami("", {
      "X-Session-Token": "ory_st_nope",
      Cookie: "ory_kratos_session=ory_st_alice",
    });
    assert.equal(wrongHeader.status, 401);
    const wrongCookie = await whoami("", {
      Cookie: "ory_kratos_session=ory_st_nope",
      Authorization: "Bearer ory_st_alice",
    });
    assert.equal(wrongCookie.status, 401);
  });

  it("writes the session as Kratos does: HTML-safe escapes, no credentials, active recomputed", async () => {
    const html = await whoami("", { "X-Session-Token": "ory_st_html" });
    assert.match(html.text, /"a\\u003cb\\u003e\\u0026c@example.com"/);
    const totp = await whoami("", { "X-Session-Token": "ory_st_totp_aal2" });
    assert.equal(totp.status, 200);
    assert.equal("credentials" in totp.body.identity, false);
    assert.equal(totp.headers.get("cache-control"), "private, no-cache, no-store, must-revalidate");
  });

  it("answers HEAD with the headers only", async () => {
    const response = await fetch(new URL("sessions/whoami", base), {
      method: "HEAD",
      headers: { "X-Session-Token": "ory_st_alice" },
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "");
  });
});

describe("whoami: required_aal (DoesSessionSatisfy)", () => {
  it("refuses an aal1 session whose identity has a second factor under highest_available with 403", async () => {
    const result = await whoami("?tokenize_as=nope", { "X-Session-Token": "ory_st_totp" });
    assert.equal(result.status, 403);
    assert.equal(result.headers.get("ory-error-id"), "session_aal2_required");
    const redirect = new URL("self-service/login/browser?aal=aal2", base).href;
    assert.deepEqual(result.body, {
      error: {
        id: "session_aal2_required",
        code: 403,
        status: "Forbidden",
        reason:
          "An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.",
        details: { redirect_browser_to: redirect },
        message: "Session does not fulfill the requested Authenticator Assurance Level",
      },
      redirect_browser_to: redirect,
    });
  });

  it("accepts that session under aal1, and refuses an aal0 session there", async () => {
    const url = await start({ requiredAal: "aal1" });
    assert.equal((await whoami("", { "X-Session-Token": "ory_st_totp" }, url)).status, 200);
    assert.equal((await whoami("", { "X-Session-Token": "ory_st_aal0" }, url)).status, 403);
  });
});

describe("whoami: tokenize_as", () => {
  const alice = { "X-Session-Token": "ory_st_alice" };

  it("adds tokenized, signed with the template's first key", async () => {
    const result = await whoami("?tokenize_as=mapped", alice);
    assert.equal(result.status, 200);
    const [header, payload] = (result.body.tokenized as string).split(".").slice(0, 2).map((part) =>
      JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")))
    );
    assert.deepEqual(header, { alg: "ES256", kid: jwks.keys[0]!.kid, typ: "JWT" });
    assert.equal(payload.foo, "bar");
    assert.equal(payload.sub, SESSIONS["ory_st_alice"]!.identity.id);
    assert.equal(payload.exp - payload.iat, 600);
    const keys = Object.keys(result.body);
    assert.equal(keys[keys.indexOf("devices") + 1], "tokenized", "Go's field order: tokenized after devices");
  });

  it("uses the first of repeated tokenize_as values", async () => {
    const result = await whoami("?tokenize_as=plain&tokenize_as=nope", alice);
    assert.equal(result.status, 200);
    assert.equal(typeof result.body.tokenized, "string");
  });

  it("treats an empty tokenize_as as none", async () => {
    for (const query of ["?tokenize_as=", "?tokenize_as=&tokenize_as=plain", ""]) {
      const result = await whoami(query, alice);
      assert.equal(result.status, 200, query);
      assert.equal("tokenized" in result.body, false, query);
    }
  });

  // Spec Part B 3, status table: each row through HTTP.
  const ROWS: [string, string, number, Record<string, unknown>][] = [
    ["nope", "ory_st_alice", 400, {
      reason: 'Unable to find tokenizer template "nope".',
      message: "The request was malformed or contained invalid parameters",
    }],
    ["bad_ttl", "ory_st_alice", 500, { id: "invalid_configuration", message: "Invalid configuration" }],
    ["https_jwks", "ory_st_alice", 500, {
      message: 'unknown scheme: in source "https://example.com/jwks.json": allowed schemes: file, base64',
    }],
    ["missing_file", "ory_st_alice", 500, {
      message: "read file: file:///does/not/exist.json: open /does/not/exist.json: no such file or directory",
    }],
    ["endless_file", "ory_st_alice", 500, { message: /^read file: file:\/\/\/dev\/zero: .*larger than 4194304 bytes/ }],
    ["bad_base64", "ory_st_alice", 500, { message: /^base64decode: base64:\/\/\[redacted\]: illegal base64 data/ }],
    ["broken_jwks", "ory_st_alice", 400, { reason: "failed to parse JWK set" }],
    ["empty_jwks", "ory_st_alice", 400, {
      reason: "Could not find key a suitable key for tokenization in the JWKS url.",
    }],
    ["no_alg", "ory_st_alice", 400, {
      reason: 'The JSON Web Key must include a valid "alg" parameter but "" was given.',
    }],
    ["external", "ory_st_no_external", 400, {
      reason: "The session's identity does not have an external ID set, but it is required for the subject claim.",
    }],
    ["missing_mapper", "ory_st_alice", 500, {
      message: "read file: file://does/not/exist: open does/not/exist: no such file or directory",
    }],
    ["jsonnet_error", "ory_st_alice", 400, { reason: "Unable to execute tokenizer JsonNet." }],
    ["not_claims", "ory_st_alice", 400, {
      reason: "Expected tokenizer JsonNet to return a claims object but it did not.",
    }],
    ["public_only", "ory_st_alice", 400, { reason: "Unable to sign JSON Web Token." }],
  ];
  for (const [template, token, status, expected] of ROWS) {
    it(`answers template "${template}" with ${status} and Ory's body`, async () => {
      const result = await whoami(`?tokenize_as=${template}`, { "X-Session-Token": token });
      assert.equal(result.status, status);
      assert.equal(result.headers.get("content-type"), "application/json");
      assert.equal(result.headers.has("x-kratos-authenticated-identity-id"), false);
      const error = result.body.error;
      assert.equal(error.code, status);
      assert.equal(error.status, status === 400 ? "Bad Request" : "Internal Server Error");
      for (const [member, value] of Object.entries(expected)) {
        if (value instanceof RegExp) assert.match(error[member], value);
        else assert.equal(error[member], value, member);
      }
      assert.equal(result.headers.get("ory-error-id"), (expected["id"] as string | undefined) ?? "");
    });
  }

  it("keeps debug out of the body when told to, as Ory does", async () => {
    const url = await start({ debug: false });
    const result = await whoami("?tokenize_as=jsonnet_error", alice, url);
    assert.deepEqual(result.body, {
      error: {
        code: 400,
        status: "Bad Request",
        reason: "Unable to execute tokenizer JsonNet.",
        message: "The request was malformed or contained invalid parameters",
      },
    });
    const shown = await whoami("?tokenize_as=jsonnet_error", alice);
    assert.match(shown.body.error.debug, /runtime error: boom/);
  });

  it("echoes X-Request-ID as herodot's request field", async () => {
    const result = await whoami("?tokenize_as=nope", { ...alice, "X-Request-ID": "req-1" });
    assert.deepEqual(Object.keys(result.body.error), ["code", "status", "request", "reason", "debug", "message"]);
    assert.equal(result.body.error.request, "req-1");
  });

  it("sends Ory-Session-Cache-For only without tokenize_as when caching is on", async () => {
    const url = await start({ sessionCaching: { maxAgeSeconds: 300 } });
    const plain = await whoami("", alice, url);
    assert.equal(plain.headers.get("ory-session-cache-for"), "300");
    const tokenized = await whoami("?tokenize_as=plain", alice, url);
    assert.equal(tokenized.status, 200);
    assert.equal(tokenized.headers.has("ory-session-cache-for"), false);
    assert.equal(tokenized.headers.get("x-kratos-authenticated-identity-id"), SESSIONS["ory_st_alice"]!.identity.id);
    const anonymous = await whoami("", {}, url);
    assert.equal(anonymous.headers.get("ory-session-cache-for"), "60", "no credentials: cached a minute");
    assert.equal((await whoami("", {})).headers.has("ory-session-cache-for"), false, "caching off by default");
  });
});

describe("whoami: Ory's own client (@ory/client-fetch)", () => {
  it("FrontendApi.toSession({ tokenizeAs }) gets a token that verifies against /.well-known/jwks.json", async () => {
    const frontend = new FrontendApi(new Configuration({ basePath: base.replace(/\/$/, "") }));
    const result = await frontend.toSession({ xSessionToken: "ory_st_alice", tokenizeAs: "plain" });
    assert.equal(result.identity?.id, SESSIONS["ory_st_alice"]!.identity.id);
    const published = (await (await fetch(new URL(".well-known/jwks.json", base))).json()) as JwkSet;
    const kid = JSON.parse(atob(result.tokenized!.split(".")[0]!)).kid;
    const key = published.keys.find((k) => k.kid === kid)!;
    assert.equal(await webCryptoVerify(result.tokenized!, key), true);
  });

  it("surfaces Kratos's error body through the client", async () => {
    const frontend = new FrontendApi(new Configuration({ basePath: base.replace(/\/$/, "") }));
    const error = await frontend.toSession({ xSessionToken: "ory_st_alice", tokenizeAs: "nope" }).then(
      () => assert.fail("toSession should fail"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof ResponseError);
    assert.equal(error.response.status, 400);
    assert.equal((await error.response.json()).error.reason, 'Unable to find tokenizer template "nope".');
  });
});

/** A request with a method fetch refuses to send (TRACE), over node:http: status and body. */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  at = base,
): Promise<[number, string]> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, at), { method, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk) => body += chunk).on("end", () => {
        resolve([response.statusCode ?? 0, body]);
      });
    });
    request.on("error", reject).end();
  });
}

describe("whoami: every method but DELETE, as Kratos routes it", () => {
  it("answers TRACE at whoami as it answers GET, tokenize_as included; elsewhere TRACE is not served", async () => {
    const [status, body] = await rawRequest("TRACE", "sessions/whoami?tokenize_as=plain", {
      "X-Session-Token": "ory_st_alice",
    });
    assert.equal(status, 200, body);
    const answer = JSON.parse(body) as { identity: { id: string }; tokenized: string };
    assert.equal(answer.identity.id, SESSIONS["ory_st_alice"]!.identity.id);
    assert.equal(answer.tokenized.split(".").length, 3);
    const [elsewhere, keys] = await rawRequest("TRACE", ".well-known/jwks.json", {});
    assert.ok(elsewhere >= 400, `TRACE of the key set answered ${elsewhere}`);
    assert.doesNotMatch(keys, /"keys"/);
  });
});

describe("the emulator's own routes", () => {
  it("serves every template's public keys and never a private member or an HMAC secret", async () => {
    const response = await fetch(new URL(".well-known/jwks.json", base));
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
    const text = await response.text();
    const set = JSON.parse(text) as { keys: Jwk[] };
    assert.ok(set.keys.some((k) => k.kid === jwks.keys[0]!.kid));
    assert.equal(set.keys.some((k) => k.kty === "oct"), false);
    for (const member of ['"d"', '"p"', '"q"', '"dp"', '"dq"', '"qi"', '"k"']) {
      assert.equal(text.includes(member), false);
    }
    assert.equal(text.includes(hsJwks.keys[0]!.k!), false);
  });

  it("drops private members even from a public set given with them", async () => {
    const url = await start({ publicKeys: { keys: [...jwks.keys, ...hsJwks.keys] } });
    const text = await (await fetch(new URL(".well-known/jwks.json", url))).text();
    assert.equal(text.includes('"d"'), false);
    assert.equal(JSON.parse(text).keys.length, 1);
  });

  it("signs in with a cookie and redirects only to a path on this server", async () => {
    const redirect = await fetch(new URL("_ory-tokenizer/sign-in?return_to=/demo/", base), { redirect: "manual" });
    assert.equal(redirect.status, 303);
    assert.equal(redirect.headers.get("location"), "/demo/");
    const cookie = redirect.headers.get("set-cookie")!;
    assert.match(cookie, /^ory_kratos_session=ory_st_alice; Path=\/; HttpOnly; SameSite=Lax$/);
    const result = await whoami("", { Cookie: cookie.split(";")[0]! });
    assert.equal(result.status, 200);
    const offsite = await fetch(new URL("_ory-tokenizer/sign-in?return_to=//evil.example/", base), {
      redirect: "manual",
    });
    assert.equal(offsite.status, 200);
  });

  it("redirects after sign-in only where a browser stays on this server", async () => {
    // Browsers drop tabs and newlines from a Location and read "\\" as "/": each of these would leave.
    for (
      const returnTo of [
        "/%09/evil.example/",
        "/%0a/evil.example/",
        "/%5Cevil.example/",
        "/.//evil.example/",
        "/%2e//evil.example/",
        "//evil.example/",
        "https://evil.example/",
        "/%0d%0aSet-Cookie:%20x=y",
      ]
    ) {
      const response = await fetch(new URL(`_ory-tokenizer/sign-in?return_to=${returnTo}`, base), {
        redirect: "manual",
      });
      assert.ok(response.status === 200 || response.status === 303, `${returnTo}: ${response.status}`);
      const location = response.headers.get("location");
      if (location !== null) {
        assert.equal(new URL(location, base).origin, new URL(base).origin, `${returnTo} sent to ${location}`);
        assert.doesNotMatch(location, /[\t\r\n\\]/);
      }
      assert.equal(response.headers.getSetCookie().length, 1);
    }
    const kept = await fetch(new URL("_ory-tokenizer/sign-in?return_to=%2Fdemo%2F%3Fa%3D1%23b", base), {
      redirect: "manual",
    });
    assert.equal(kept.headers.get("location"), "/demo/?a=1#b");
  });

  it("answers unknown routes with Ory's 404", async () => {
    const response = await fetch(new URL("nope", base));
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.message, "The requested resource could not be found");
  });
});

describe("allowedHosts: no answer to a page that rebinds its name to this machine", () => {
  it("answers IP addresses, localhost and the allowed names; any other Host gets 403 and no token", async () => {
    const url = await start({ allowedHosts: ["tokenizer.test"] });
    const port = new URL(url).port;
    const hosts: [string, number][] = [
      ["127.0.0.1", 200],
      ["[::1]", 200],
      ["localhost", 200],
      ["app.localhost", 200],
      ["tokenizer.test", 200],
      ["TOKENIZER.test.", 200],
      ["rebind.example", 403],
      ["127.0.0.1.nip.io", 403],
      ["localhost.evil.example", 403],
    ];
    for (const [host, expected] of hosts) {
      const [status, body] = await rawRequest("GET", "sessions/whoami?tokenize_as=plain", {
        Host: `${host}:${port}`,
        "X-Session-Token": "ory_st_alice",
      }, url);
      assert.equal(status, expected, `${host}: ${body}`);
      if (expected === 200) continue;
      assert.doesNotMatch(body, /tokenized|ory_st_/);
      const error = JSON.parse(body).error;
      assert.equal(error.code, 403);
      assert.equal(error.reason, "This emulator does not answer requests for this host name.");
      assert.match(error.debug, /"tokenizer\.test".*serve\.public\.base_url/);
    }
    // A path that starts with "//" is a path, not a host to refuse.
    const doubleSlash = await new Promise<number>((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port, path: "//etc/passwd" }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on("error", reject).end();
    });
    assert.equal(doubleSlash, 404);
    const [signIn, answer] = await rawRequest("GET", "_ory-tokenizer/sign-in", { Host: `rebind.example:${port}` }, url);
    assert.equal(signIn, 403);
    assert.doesNotMatch(answer, /signed_in/);
  });

  it("answers a Host that names no host with 400, not as an unsupported method", async () => {
    for (const host of ["a b", "exa%mple", "[::1"]) {
      const [status, body] = await rawRequest("GET", "sessions/whoami", { Host: host });
      assert.equal(status, 400, `${host}: ${body}`);
      assert.match(body, /malformed Host header/);
    }
  });

  it("answers every host when the option is absent (a handler deployed behind a real domain)", async () => {
    const [status] = await rawRequest("GET", "sessions/whoami", {
      Host: "app.example.com",
      "X-Session-Token": "ory_st_alice",
    });
    assert.equal(status, 200);
  });
});

describe("CORS (serve.public.cors, rs/cors)", () => {
  const APP = "http://127.0.0.1:3000";
  let url: string;
  before(async () => {
    url = await start({ cors: { allowedOrigins: [APP, "https://*.example.com"] } });
  });

  it("answers an allowed preflight with 204 and credentials", async () => {
    const response = await fetch(new URL("sessions/whoami", url), {
      method: "OPTIONS",
      headers: {
        Origin: APP,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), APP);
    assert.equal(response.headers.get("access-control-allow-methods"), "GET");
    assert.equal(response.headers.get("access-control-allow-headers"), "authorization");
    assert.equal(response.headers.get("access-control-allow-credentials"), "true");
    assert.equal(response.headers.get("vary"), "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  });

  it("answers a refused preflight with 204 and no CORS grant", async () => {
    const refused: Record<string, string>[] = [
      { Origin: "http://evil.test", "Access-Control-Request-Method": "GET" },
      { Origin: APP, "Access-Control-Request-Method": "TRACE" },
      { Origin: APP, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-session-token" },
    ];
    for (const headers of refused) {
      const response = await fetch(new URL("sessions/whoami", url), { method: "OPTIONS", headers });
      assert.equal(response.status, 204);
      assert.equal(response.headers.has("access-control-allow-origin"), false, JSON.stringify(headers));
    }
  });

  it("grants an allowed origin's request with credentials, exposing Kratos's headers", async () => {
    for (const origin of [APP, "https://app.example.com"]) {
      const result = await whoami("", { Origin: origin, Cookie: "ory_kratos_session=ory_st_alice" }, url);
      assert.equal(result.status, 200);
      assert.equal(result.headers.get("access-control-allow-origin"), origin);
      assert.equal(result.headers.get("access-control-allow-credentials"), "true");
      assert.equal(result.headers.get("access-control-expose-headers"), "Content-Type, Set-Cookie");
      assert.equal(result.headers.get("vary"), "Origin");
    }
    const other = await whoami("", { Origin: "https://example.com.evil.test" }, url);
    assert.equal(other.headers.has("access-control-allow-origin"), false);
  });

  it("sends no CORS headers when CORS is off (Kratos's default)", async () => {
    const result = await whoami("", { Origin: APP, "X-Session-Token": "ory_st_alice" });
    assert.equal(result.headers.has("access-control-allow-origin"), false);
  });
});

describe("parseSessions()", () => {
  it("accepts Kratos's whoami JSON", () => {
    const parsed = parseSessions(JSON.stringify({ a: session(), b: session() }, null, 2), "sessions.json");
    assert.deepEqual(Object.keys(parsed), ["a", "b"]);
  });

  it("refuses bad entries with one located line each, never naming the token", () => {
    const text = JSON.stringify(
      {
        ory_st_secret_one: session(),
        ory_st_secret_two: { ...session(), id: "nope", identity: { ...session().identity, id: 7 } },
        ory_st_secret_three: [],
      },
      null,
      2,
    );
    assert.throws(() => parseSessions(text, "sessions.json"), (error: unknown) => {
      assert.ok(error instanceof TokenizerError);
      assert.equal(error.code, "ERR_INVALID_INPUT");
      assert.equal(error.reason, "Cannot load the sessions in sessions.json: 3 problems");
      const lines = error.detail!.split("\n");
      const line = text.split("\n").findIndex((l) => l.includes("ory_st_secret_two")) + 1;
      assert.equal(lines[0], `sessions.json:${line}: entry 2: id must be a UUID, not "nope"`);
      assert.equal(lines[1], `sessions.json:${line}: entry 2: identity.id must be a UUID, not number`);
      assert.match(lines[2]!, /^sessions\.json:\d+: entry 3: must be a session object, not an array$/);
      assert.equal(`${error.message}${error.detail}`.includes("ory_st_secret"), false);
      return true;
    });
  });

  it("refuses text that is not a JSON object", () => {
    for (const text of ["", "[]", "{", "null"]) {
      assert.throws(() => parseSessions(text, "s.json"), TokenizerError, JSON.stringify(text));
    }
  });
});
