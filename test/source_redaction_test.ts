// Sources are shown by what they are: a short location of a known scheme is shown (an http(s) URL
// without credentials, query or fragment); anything else may be key material and is redacted, in the
// message, the reason, Ory's body, the detail, the cause and util.inspect alike.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { describe, it } from "node:test";
import { encodeTemplate, parseJwks, sampleSession, TokenizerError, tokenizeSession } from "../lib/mod.ts";
import { redactSource } from "../lib/sources/redact_source.ts";
import { fetchSource } from "../lib/sources/fetch_source.ts";
import { encodeBase64 } from "../lib/encoding/base64.ts";
import { EC_KEY, OCT_KEY, SECRET_D, SECRET_K } from "./fuzz/arbitraries.ts";

const SET = JSON.stringify({ keys: [EC_KEY, OCT_KEY] });
const SET_B64 = encodeBase64(new TextEncoder().encode(SET));
const SMALL_SET_B64 = encodeBase64(new TextEncoder().encode(JSON.stringify({ keys: [OCT_KEY] })));

/** Every text a failure exposes: what users print, log and send back. */
export function everythingShown(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: 8 })];
  if (error instanceof TokenizerError) {
    parts.push(error.message, error.reason, error.detail ?? "", JSON.stringify(error.toOryBody()));
  }
  return parts.join("\n");
}

/** Fails when `text` holds any 12-character piece of a secret (a fragment leaks as much as the whole). */
export function assertNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (let at = 0; at + 12 <= secret.length; at += 4) {
      const piece = secret.slice(at, at + 12);
      assert.ok(!text.includes(piece), `a piece of a secret (${piece.slice(0, 4)}…) was shown`);
    }
  }
}

describe("redactSource()", () => {
  const vectors: [string, string][] = [
    ["base64://eyJrZXlzIjpbXX0=", "base64://[redacted]"],
    ["file:///etc/ory/jwks.json", "file:///etc/ory/jwks.json"],
    ["file://keys/jwks.json", "file://keys/jwks.json"],
    ["https://example.com/claims.jsonnet", "https://example.com/claims.jsonnet"],
    ["https://user:pass@example.com/jwks?token=abc#x", "https://[redacted]@example.com/jwks?[redacted]"],
    ["http://example.com/a?sig=123", "http://example.com/a?[redacted]"],
    [`base64:${SET_B64}`, "base64:[redacted]"],
    [`Base64://${SET_B64}`, "Base64:[redacted]"],
    [` base64://${SET_B64}`, "[redacted]"],
    [`base46://${SET_B64}`, "base46:[redacted]"],
    [`data:application/json;base64,${SET_B64}`, "data:[redacted]"],
    [SET, "[redacted]"],
    [`file://${SMALL_SET_B64}`, "file://[redacted]"],
    [`file://${SET}`, "file://[redacted]"],
    [`https://example.com/${"a".repeat(300)}`, "https://[redacted]"],
    ["", ""],
  ];
  for (const [source, shown] of vectors) {
    it(`shows ${JSON.stringify(source.slice(0, 40))} as ${JSON.stringify(shown)}`, () => {
      assert.equal(redactSource(source), shown);
    });
  }
});

describe("fetchSource() never shows a source that may be content", () => {
  const mistakes = [
    `base64:${SET_B64}`,
    `Base64://${SET_B64}`,
    ` base64://${SET_B64}`,
    `base46://${SET_B64}`,
    `data:application/json;base64,${SET_B64}`,
    SET,
    `file://${SMALL_SET_B64}`,
    `file://${SET}`,
  ];
  for (const source of mistakes) {
    it(`refuses ${JSON.stringify(source.slice(0, 24))}… without echoing it`, async () => {
      const readFile = (path: string) => Promise.reject(new Error(`open ${path}: file name too long`));
      const error = await fetchSource(source, ["file", "base64"], { readFile }).catch((e: unknown) => e);
      assert.ok(error instanceof TokenizerError);
      const shown = everythingShown(error);
      assertNoSecret(shown, [SET_B64, SMALL_SET_B64, SECRET_D, SECRET_K]);
      assert.ok(!shown.includes(source.trim().slice(10, 40)), "no part of the source");
    });
  }

  it("names the near miss in the detail", async () => {
    const details = await Promise.all(
      [`Base64://${SET_B64}`, ` base64://${SET_B64}`, `base64:${SET_B64}`, `data:;base64,${SET_B64}`].map((source) =>
        fetchSource(source, ["file", "base64"], {}).catch((e: TokenizerError) => e.detail)
      ),
    );
    assert.match(String(details[0]), /case-sensitive/);
    assert.match(String(details[1]), /whitespace/);
    assert.match(String(details[2]), /two slashes/);
    assert.match(String(details[3]), /data: URL/);
  });

  it("scrubs an http(s) source's credentials and query from the client's own error", async () => {
    const source = "https://alice:hunter2hunter2@example.test/claims.jsonnet?token=s3cr3t-t0k3n";
    const fetch = (url: string) => Promise.reject(new TypeError(`fetch failed for ${url} (alice:hunter2hunter2)`));
    const error = await fetchSource(source, ["https"], { fetch }).catch((e: unknown) => e);
    assert.ok(error instanceof TokenizerError);
    assert.equal(error.code, "ERR_SOURCE_HTTP");
    const shown = everythingShown(error);
    for (const secret of ["hunter2hunter2", "s3cr3t-t0k3n", "alice"]) assert.ok(!shown.includes(secret), secret);
    assert.match(error.reason, /^Get "https:\/\/\[redacted\]@example\.test\/claims\.jsonnet\?\[redacted\]": /);
  });

  it("a tokenization with a mistyped scheme shows nothing of the set, in Ory's body either", async () => {
    const template = { ...encodeTemplate({ jwks: SET }), jwks_url: `Base64://${SET_B64}` };
    const error = await tokenizeSession(sampleSession(), template, {}).catch((e: unknown) => e);
    assert.ok(error instanceof TokenizerError);
    assert.equal(error.code, "ERR_SOURCE_SCHEME");
    assert.equal(error.reason, 'unknown scheme: in source "Base64:[redacted]": allowed schemes: file, base64');
    assertNoSecret(everythingShown(error), [SET_B64, SECRET_D, SECRET_K]);
  });
});

describe("parseJwks() failures quote nothing of the set", () => {
  const broken = [
    SET.slice(0, -3),
    SET.replace(`"d":"`, `"d":'`),
    SET.replace(SECRET_D, `${SECRET_D.slice(0, 20)}"x${SECRET_D.slice(20)}`),
    `${SET}garbage`,
  ];
  for (const [i, text] of broken.entries()) {
    it(`broken set ${i + 1}: message, detail, cause and util.inspect hold no key material`, () => {
      let error: unknown;
      try {
        parseJwks(text);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof TokenizerError);
      assert.equal(error.code, "ERR_JWKS_PARSE");
      assertNoSecret(everythingShown(error), [SECRET_D, SECRET_K]);
      assert.ok(error.cause instanceof SyntaxError, "the cause says what went wrong");
    });
  }
});
