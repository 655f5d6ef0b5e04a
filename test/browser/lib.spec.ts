// lib's browser bundle (dist/mod.js) in Chromium: tokenize a sample session, verify the token
// there with WebCrypto, and see Ory's errors come out typed.
import { expect, test } from "@playwright/test";

test.beforeEach(async ({ page }) => {
  await page.goto("/test/browser/lib.html");
  await expect(page.locator("#status")).toHaveText("ready");
});

test("tokenizes a sample session with a mapper and verifies it in the page", async ({ page }) => {
  const result = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const lib = (window as any).lib;
    const jwks = await lib.generateJwks({ alg: "ES256" });
    const mapper = "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }";
    const tokenizer = new lib.Tokenizer({
      templates: { t: lib.encodeTemplate({ jwks, claimsMapper: mapper, ttl: "1m" }) },
    });
    const { token, claims, header } = await tokenizer.tokenize(lib.sampleSession(), "t");
    const pub = lib.publicJwks(jwks).keys[0];
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y },
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const [h, p, s] = token.split(".");
    const signature = Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const verified = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      signature,
      new TextEncoder().encode(`${h}.${p}`),
    );
    return { verified, claims, header, kid: pub.kid };
  });
  expect(result.verified).toBe(true);
  expect(result.claims.email).toBe("alice@example.com");
  expect(result.claims.exp - result.claims.iat).toBe(60);
  expect(result.header).toEqual({ alg: "ES256", kid: result.kid, typ: "JWT" });
});

test("reports a broken mapper with Ory's reason and a located detail", async ({ page }) => {
  const error = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const lib = (window as any).lib;
    const jwks = await lib.generateJwks({ alg: "EdDSA" });
    const template = lib.encodeTemplate({ jwks, claimsMapper: "{\n  claims: {\n    a: error 'boom',\n  },\n}" });
    try {
      await lib.tokenizeSession(lib.sampleSession(), template);
      return null;
    } catch (e) {
      // deno-lint-ignore no-explicit-any
      const err = e as any;
      return { name: err.name, code: err.code, status: err.status, reason: err.reason, detail: err.detail };
    }
  });
  expect(error).toEqual({
    name: "TokenizerError",
    code: "ERR_JSONNET",
    status: 400,
    reason: "Unable to execute tokenizer JsonNet.",
    detail: "base64://[redacted]:3:8: runtime error: boom",
  });
});
