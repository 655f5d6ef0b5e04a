// The preview panel's page: escaped values, origins, human times, Ory's error, sizes against budgets.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeHtml, renderPreviewHtml, sizeVerdict } from "../extension/src/logic/preview_html.ts";

const CONTEXT = {
  mapper: "claims.jsonnet",
  session: "the built-in sample session",
  keys: "a throwaway ES256 key",
  issuer: "http://localhost:4433/",
  ttl: "10m",
  nonce: "abc123",
};

describe("renderPreviewHtml()", () => {
  it("shows claims with their origin and human times, escaping what the mapper wrote", () => {
    const html = renderPreviewHtml({
      diagnostics: [],
      claims: { iat: 1675209600, sub: "u1", name: "<script>alert(1)</script>" },
      origins: { iat: "default", sub: "forced", name: "mapper" },
      token: "aaa.bbb.ccc",
      header: { alg: "ES256", kid: "k", typ: "JWT" },
      decoded: {
        times: {
          iat: { date: "2023-02-01T00:00:00.000Z", relative: "3 years ago" },
        },
        lifetime: "10 min",
      },
      verification: { valid: true },
    }, CONTEXT);
    assert.ok(!html.includes("<script>"));
    assert.ok(html.includes("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert.match(
      html,
      /<code>iat<\/code>.*Ory default.*2023-02-01T00:00:00\.000Z \(3 years ago\)/s,
    );
    assert.match(html, /<code>sub<\/code>.*forced by Ory/s);
    assert.match(html, /<code>name<\/code>.*>mapper</s);
    assert.match(html, /Verified with the key set's public half/);
    assert.match(html, /style-src 'nonce-abc123'/);
    assert.match(html, /11 bytes: fits a cookie/);
  });

  it("puts Ory's error first, with the place in the mapper", () => {
    const html = renderPreviewHtml({
      diagnostics: [{
        severity: "error",
        message: "boom",
        code: "jsonnet-runtime",
        range: { start: { line: 3, column: 7 } },
      }],
      error: {
        code: "ERR_JSONNET",
        status: 400,
        reason: "Unable to execute tokenizer JsonNet.",
        detail: "runtime error: boom",
        range: { start: { line: 3, column: 7 } },
      },
    }, CONTEXT);
    assert.match(
      html,
      /Ory refuses this: 400 Unable to execute tokenizer JsonNet\./,
    );
    assert.match(html, /runtime error: boom at claims\.jsonnet:4:8/);
    assert.match(html, /1 error\(s\), 0 warning\(s\)/);
    assert.ok(!html.includes("<h2>Claims</h2>"));
  });
});

describe("sizeVerdict()", () => {
  it("names each budget a token exceeds", () => {
    assert.equal(sizeVerdict(4096).within, true);
    assert.match(sizeVerdict(5000).text, /^5000 bytes: too large for a cookie/);
    assert.match(sizeVerdict(20000).text, /nginx.*Node\.js/);
  });

  it("escapes quotes for attributes", () => assert.equal(escapeHtml(`"'&`), "&#34;&#39;&#38;"));
});
