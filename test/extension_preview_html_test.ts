// The preview panel's page: escaped values, origins, human times, Ory's error, sizes against budgets, the
// targets' verdicts.
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

describe("renderPreviewHtml() with targets", () => {
  const refused = {
    target: "hasura",
    accepted: false,
    findings: [{
      code: "session-variable-type",
      severity: "error" as const,
      about: { kind: "claim", name: "x-hasura-user-id" },
      message: "x-hasura-user-id is a number (5); Hasura's session variables are <strings>",
      fix: "Write x-hasura-user-id as a string in the mapper (std.toString(…))",
      source: "https://hasura.io/docs/latest/auth/authentication/jwt/",
      range: { start: { line: 6, column: 6 } },
    }, {
      code: "zero-skew",
      severity: "warning" as const,
      about: { kind: "claim", name: "iat" },
      message: "allowed_skew is 0",
      fix: "Set allowed_skew",
      source: "javascript:alert(1)",
    }],
  };

  it("shows each verdict beside the token: refused or accepted, every finding with its fix, source and place", () => {
    const html = renderPreviewHtml({
      diagnostics: [],
      token: "aaa.bbb.ccc",
      targets: { hasura: refused, neon: { target: "neon", accepted: true, findings: [] } },
    }, { ...CONTEXT, targetsNote: "the key was not checked" });
    assert.ok(html.indexOf("Will the services accept it?") > html.indexOf("aaa"), "after the token");
    assert.match(
      html,
      /No findings in the mapper\. Refused by 1 of the services: see below\./,
      "the header sums up both",
    );
    assert.match(
      html,
      /Refused<\/span> by Hasura GraphQL Engine \(v2, JWT mode\) <code>hasura<\/code> \(1 error, 1 warning\)/,
    );
    assert.match(html, /Accepted<\/span> by Neon .*<code>neon<\/code><\/h3>/);
    assert.match(
      html,
      /<span class="severity">error<\/span> <code>x-hasura-user-id<\/code>: x-hasura-user-id is a number/,
    );
    assert.match(html, /are &#60;strings&#62;/);
    assert.match(html, /<strong>Fix:<\/strong> Write x-hasura-user-id as a string/);
    assert.match(
      html,
      /<a class="source" href="https:\/\/hasura\.io\/docs\/latest\/auth\/authentication\/jwt\/">source<\/a>/,
    );
    assert.match(html, /claims\.jsonnet:7:7/);
    assert.ok(!html.includes("javascript:"), "only an http(s) source is a link");
    assert.match(html, /the key was not checked/);
  });

  it("says why there are no verdicts, and shows nothing without targets", () => {
    const note = "The targets were not checked: there is no token (Unable to execute tokenizer JsonNet.)";
    assert.match(renderPreviewHtml({ diagnostics: [] }, { ...CONTEXT, targetsNote: note }), /there is no token/);
    assert.ok(!renderPreviewHtml({ diagnostics: [], token: "a.b.c" }, CONTEXT).includes("Will the services"));
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
