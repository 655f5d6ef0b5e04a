// verifyToken() as an API runs it: token faults are always the token's (crit, NumericDates, a missing
// exp, a disallowed alg, an oversized token), a remote set is cached with a cooldown, and a key set
// URL's credentials never reach a message. Servers listen on 127.0.0.1 (OS-picked port) and stop after.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { inspect } from "node:util";
import { generateJwks, type JwkSet, publicJwks, TokenError, type VerifyOptions, verifyToken } from "../lib/mod.ts";

const NOW_S = 1_700_000_000;
const NOW = NOW_S * 1000;
let jwks: JwkSet;
let kid: string;

before(async () => {
  jwks = await generateJwks({ alg: "ES256" });
  kid = jwks.keys[0]!.kid!;
});

/** Signs a raw payload text (so 1e400 stays 1e400) with a header of our choosing. */
async function sign(payload: string, header: Record<string, unknown> = {}): Promise<string> {
  // WebCrypto directly: jose refuses to sign a header with an unknown crit, which is the point here.
  const key = await crypto.subtle.importKey(
    "jwk",
    jwks.keys[0]! as JsonWebKey,
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    [
      "sign",
    ],
  );
  const input = `${b64url(JSON.stringify({ alg: "ES256", kid, typ: "JWT", ...header }))}.${b64url(payload)}`;
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(signature))}`;
}

function b64url(data: string | Uint8Array): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function failure(token: string, options: VerifyOptions = {}, keys: JwkSet | URL = publicJwks(jwks)) {
  const error = await verifyToken(token, keys, { now: NOW, ...options }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof TokenError, `a TokenError, not ${String(error)}`);
  return error;
}

describe("verifyToken(): token faults are the token's", () => {
  it("an unknown crit extension is ERR_TOKEN_MALFORMED, never the key set's fault", async () => {
    const token = await sign(`{"exp":${NOW_S + 60}}`, { crit: ["exp-ext"], "exp-ext": 1 });
    const error = await failure(token);
    assert.equal(error.code, "ERR_TOKEN_MALFORMED");
    assert.match(error.message, /critical \(crit .*exp-ext.*\), which this verifier does not support/);
  });

  const dates: [string, string, RegExp][] = [
    ["exp: 1e400", `{"exp":1e400}`, /"exp" claim is not a finite number/],
    ["nbf: 1e400", `{"exp":${NOW_S + 60},"nbf":1e400}`, /"nbf" claim is not a finite number/],
    ["iat: -1e400", `{"exp":${NOW_S + 60},"iat":-1e400}`, /"iat" claim is not a finite number/],
    ["exp: 1e300", `{"exp":1e300}`, /"exp" claim is 1e\+300, beyond any date/],
    ["exp: a string", `{"exp":"${NOW_S + 60}"}`, /"exp" claim is .*not a number of seconds/],
  ];
  for (const [name, payload, message] of dates) {
    it(`a NumericDate out of every clock's range is refused with words: ${name}`, async () => {
      const error = await failure(await sign(payload));
      assert.equal(error.code, "ERR_TOKEN_CLAIM");
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /NaN|Infinity d/);
    });
  }

  it("a non-integer NumericDate is accepted, as RFC 7519 allows", async () => {
    const { claims } = await verifyToken(await sign(`{"exp":${NOW_S + 60.5}}`), publicJwks(jwks), { now: NOW });
    assert.equal(claims.exp, NOW_S + 60.5);
  });

  it("a token without exp is refused by default and accepted with allowNoExpiration", async () => {
    const token = await sign(`{"sub":"x"}`);
    const error = await failure(token);
    assert.equal(error.code, "ERR_TOKEN_CLAIM");
    assert.equal(error.claim, "exp");
    const { claims } = await verifyToken(token, publicJwks(jwks), { now: NOW, allowNoExpiration: true });
    assert.equal(claims.sub, "x");
  });

  it("an algorithm outside the allow-list is refused before any key is used", async () => {
    const error = await failure(await sign(`{"exp":${NOW_S + 60}}`), { algorithms: ["EdDSA"] });
    assert.equal(error.code, "ERR_TOKEN_ALG");
    assert.match(error.message, /does not accept it|accepts "EdDSA"/);
  });

  it("an oversized token is refused by its length, before it is decoded", async () => {
    // The message names the length limit, which is checked first: a clock bound would only flake under load.
    const token = `eyJhbGciOiJFUzI1NiJ9.${"A".repeat(2 * 1024 * 1024)}.AAAA`;
    const error = await failure(token);
    assert.equal(error.code, "ERR_TOKEN_MALFORMED");
    assert.match(error.message, /more than the 1048576 this verifier accepts/);
  });

  it("clockTolerance takes a Go duration", async () => {
    const token = await sign(`{"exp":${NOW_S - 20}}`);
    assert.equal((await failure(token, { clockTolerance: "10s" })).code, "ERR_TOKEN_EXPIRED");
    await verifyToken(token, publicJwks(jwks), { now: NOW, clockTolerance: "30s" });
    await assert.rejects(verifyToken(token, publicJwks(jwks), { now: NOW, clockTolerance: "soon" }), RangeError);
  });
});

describe("verifyToken() with a key set URL", () => {
  let server: Server;
  let base = "";
  let requests = 0;
  before(async () => {
    server = createServer((request, response) => {
      requests++;
      if (request.url?.startsWith("/silent")) return;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(publicJwks(jwks)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  });

  it("fetches the set once and serves later verifications from the cache", async () => {
    const url = new URL(`${base}/cached.json`);
    const token = await sign(`{"exp":${NOW_S + 60}}`);
    const before = requests;
    for (let i = 0; i < 5; i++) await verifyToken(token, url, { now: NOW });
    assert.equal(requests - before, 1);
  });

  it("an unknown kid refetches at most once per cooldown", async () => {
    const url = new URL(`${base}/cooldown.json`);
    await verifyToken(await sign(`{"exp":${NOW_S + 60}}`), url, { now: NOW });
    const before = requests;
    const stranger = await sign(`{"exp":${NOW_S + 60}}`, { kid: "not-in-the-set" });
    for (let i = 0; i < 5; i++) assert.equal((await failure(stranger, {}, url)).code, "ERR_TOKEN_KID");
    assert.equal(requests - before, 0, "within the cooldown of the first fetch");
    const eager = { remoteKeySet: { cooldownMs: 0 } };
    assert.equal((await failure(stranger, eager, url)).code, "ERR_TOKEN_KID");
    assert.equal(requests - before, 1, "past the cooldown: one refetch");
  });

  it("a silent key server fails at its timeout, and credentials never reach the error", async () => {
    const url = new URL(`http://alice:hunter2hunter2@127.0.0.1:${new URL(base).port}/silent.json?token=s3cr3t-t0k3n`);
    const started = performance.now();
    const error = await failure(await sign(`{"exp":${NOW_S + 60}}`), { remoteKeySet: { timeoutMs: 300 } }, url);
    assert.ok(performance.now() - started < 1500);
    assert.equal(error.code, "ERR_VERIFY_KEYS");
    const shown = [error.message, error.detail ?? "", JSON.stringify(error.toJSON()), inspect(error, { depth: 8 })]
      .join("\n");
    for (const secret of ["hunter2hunter2", "s3cr3t-t0k3n", "alice"]) assert.ok(!shown.includes(secret), secret);
  });
});
