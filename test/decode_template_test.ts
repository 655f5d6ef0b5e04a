// encodeTemplate() → decodeTemplate() round trips, read the way Ory's fetcher reads base64:// and file://.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeTemplate,
  encodeTemplate,
  generateJwks,
  type JwkAlg,
  sampleSession,
  TokenizerError,
  tokenizeSession,
  verifyToken,
} from "../lib/mod.ts";
import { templateKeySet } from "../lib/config/template_key_set.ts";
import { fixture, KRATOS_ISSUER, KRATOS_NOW } from "./_helpers.ts";

const ALGS: JwkAlg[] = ["ES256", "ES384", "ES512", "EdDSA", "RS256", "PS256", "HS256"];
/** What Ory's fetcher accepts: standard alphabet, padded, one line. */
const ONE_LINE_PADDED = /^base64:\/\/(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `base64 -w 76` (and `-w 64`, CRLF) style wrapping, which Ory's decoder skips. */
function wrap(url: string, width: number, eol: string): string {
  const body = url.slice("base64://".length);
  const lines = body.match(new RegExp(`.{1,${width}}`, "g")) ?? [];
  return `base64://${lines.join(eol)}${eol}`;
}

describe("encodeTemplate() → decodeTemplate()", () => {
  for (const alg of ALGS) {
    it(`round-trips a ${alg} key set, which then signs a token that verifies`, async () => {
      const jwks = await generateJwks({ alg, set: "round-trip", modulusLength: 2048 });
      const template = encodeTemplate({ jwks, ttl: "10m", subjectSource: "id" });
      assert.match(template.jwks_url, ONE_LINE_PADDED);
      const decoded = await decodeTemplate(template);
      assert.deepEqual(decoded, { jwks, ttl: "10m", subjectSource: "id" });
      const { token } = await tokenizeSession(sampleSession(), template, {
        issuer: KRATOS_ISSUER,
        now: () => KRATOS_NOW,
      });
      const verified = await verifyToken(token, decoded.jwks, { now: KRATOS_NOW, issuer: KRATOS_ISSUER });
      assert.equal(verified.header["alg"], alg);
    });
  }

  it("keeps a key set's JSON text byte for byte", async () => {
    const text = fixture("jwk.es256.json");
    const template = encodeTemplate({ jwks: text });
    const body = template.jwks_url.slice("base64://".length);
    assert.equal(new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0))), text);
    assert.deepEqual((await decodeTemplate(template)).jwks, JSON.parse(text));
  });

  const mappers: [string, string][] = [
    ["Unicode (accents, CJK, emoji, RTL, combining marks)", "{ claims: { n: 'Zoë 日本 👩🏽‍💻 שלום e\u0301' } }"],
    ["CRLF line ends", "local s = std.extVar('session');\r\n{\r\n  claims: { id: s.id },\r\n}\r\n"],
    ["trailing newlines", "{ claims: {} }\n\n\n"],
    ["no final newline", "{ claims: {} }"],
    ["a byte order mark", "\uFEFF{ claims: {} }\n"],
    ["U+2028, tabs and a NUL", "{ claims: { a: '\u2028\t\u0000' } }\n"],
    ["the stub mapper's quotes and brackets", "{ claims: { q: \"it's\", b: '[{<&>}]' } }\n"],
    ["an empty source", ""],
  ];
  for (const [name, mapper] of mappers) {
    it(`round-trips a mapper with ${name}`, async () => {
      const template = encodeTemplate({ jwks: '{"keys":[]}', claimsMapper: mapper });
      assert.match(template.claims_mapper_url!, ONE_LINE_PADDED);
      assert.equal((await decodeTemplate(template)).claimsMapper, mapper);
    });
  }

  for (const [width, eol] of [[76, "\n"], [64, "\r\n"], [4, "\n"]] as const) {
    it(`accepts base64 wrapped at ${width} columns with ${JSON.stringify(eol)}, as Ory does`, async () => {
      const mapper = "local claims = std.extVar('claims');\n{ claims: { iss: claims.iss + '/x' } }\n";
      const jwks = fixture("jwk.es512.json");
      const template = encodeTemplate({ jwks, claimsMapper: mapper });
      const wrapped = {
        jwks_url: wrap(template.jwks_url, width, eol),
        claims_mapper_url: wrap(template.claims_mapper_url!, width, eol),
      };
      const decoded = await decodeTemplate(wrapped);
      assert.equal(decoded.claimsMapper, mapper);
      assert.deepEqual(decoded.jwks, JSON.parse(jwks));
    });
  }

  it("reads file:// sources through the injected readFile, paths as Kratos takes them", async () => {
    const files: Record<string, string> = {
      "keys/jwks.json": fixture("jwk.es256.json"),
      "/abs/claims.jsonnet": "{ claims: {} }\r\n",
    };
    const asked: string[] = [];
    const readFile = (path: string) => {
      asked.push(path);
      const content = files[path];
      return content === undefined
        ? Promise.reject(new Error(`open ${path}: no such file or directory`))
        : Promise.resolve(content);
    };
    const decoded = await decodeTemplate(
      { jwks_url: "file://keys/jwks.json", claims_mapper_url: "file:///abs/claims.jsonnet", ttl: "1m" },
      { readFile },
    );
    assert.deepEqual(asked, ["keys/jwks.json", "/abs/claims.jsonnet"]);
    assert.equal(decoded.claimsMapper, "{ claims: {} }\r\n");
    assert.equal(decoded.jwks.keys[0]?.kid, "247f1420-e581-4023-88e0-07ee662f80da");
  });

  it("fetches an https mapper through the injected fetch", async () => {
    const fetch = () => Promise.resolve(new Response("{ claims: { from: 'web' } }", { status: 200 }));
    const decoded = await decodeTemplate(
      { jwks_url: "base64://eyJrZXlzIjpbXX0=", claims_mapper_url: "https://mappers.test/claims.jsonnet" },
      { fetch },
    );
    assert.equal(decoded.claimsMapper, "{ claims: { from: 'web' } }");
  });

  const failures: [string, Record<string, string>, string, RegExp][] = [
    [
      "URL-safe base64",
      { jwks_url: "base64://eyJrZXlzIjpbXX0-" },
      "ERR_SOURCE_BASE64",
      /^base64decode: base64:\/\/\[redacted\]: illegal base64 data at input byte 15$/,
    ],
    [
      "unpadded base64",
      { jwks_url: "base64://eyJrZXlzIjpbXX0" },
      "ERR_SOURCE_BASE64",
      /illegal base64 data at input byte/,
    ],
    [
      "an https key set",
      { jwks_url: "https://keys.test/jwks.json" },
      "ERR_SOURCE_SCHEME",
      /^unknown scheme: in source "https:\/\/keys.test\/jwks.json": allowed schemes: file, base64$/,
    ],
    [
      "a truncated key set",
      { jwks_url: encodeTemplate({ jwks: fixture("jwk.es512.broken.json") }).jwks_url },
      "ERR_JWKS_PARSE",
      /^failed to parse JWK set$/,
    ],
    ["a template without jwks_url", {}, "ERR_SOURCE_SCHEME", /in source ""/],
  ];
  for (const [name, template, code, reason] of failures) {
    it(`refuses ${name} with Ory's error (${code})`, async () => {
      await assert.rejects(decodeTemplate(template as never), (error: unknown) => {
        assert.ok(error instanceof TokenizerError);
        assert.equal(error.code, code);
        assert.match(error.reason, reason);
        return true;
      });
    });
  }

  it("refuses a value that is not a template with a TypeError", async () => {
    await assert.rejects(decodeTemplate("base64://e30=" as never), TypeError);
  });
});

describe("templateKeySet()", () => {
  it("reads the key set and never the mapper", async () => {
    const jwks = await generateJwks({ alg: "ES256", set: "keys-only" });
    const template = { ...encodeTemplate({ jwks }), claims_mapper_url: "https://mapper.invalid/claims.jsonnet" };
    const fetched: string[] = [];
    const fetch = (url: string | URL | Request) => {
      fetched.push(String(url));
      return Promise.reject(new Error("no network in this test"));
    };
    assert.deepEqual(await templateKeySet(template, { fetch: fetch as typeof globalThis.fetch }), jwks);
    assert.deepEqual(fetched, []);
  });

  it("fails with Ory's error for a set it cannot read", async () => {
    // By name, not class: in Chromium the public entry is the built bundle, this module its source.
    await assert.rejects(
      templateKeySet({ jwks_url: "base64://bm90IGpzb24=" }),
      (error: TokenizerError) => error.name === "TokenizerError" && error.code === "ERR_JWKS_PARSE",
    );
  });
});
