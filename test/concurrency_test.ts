// Concurrency and freshness: many callers through one Tokenizer, and Kratos's caching rules when a
// template's key set or mapper source changes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeTemplate, type JwkSet, publicJwks, sampleSession, Tokenizer } from "../lib/mod.ts";
import { fixture, segmentText, unb64url } from "./_helpers.ts";

const ES256 = fixture("jwk.es256.json");
const ES512 = fixture("jwk.es512.json");
const session = sampleSession();
const HOUR = 60 * 60 * 1000;

/** A clock tests can move, and a file system of one file tests can rewrite. */
function world(files: Record<string, string>) {
  let now = Date.parse("2023-02-01T00:00:00Z");
  const reads: string[] = [];
  return {
    advance: (ms: number) => (now += ms),
    reads,
    options: {
      now: () => now,
      readFile: (path: string) => {
        reads.push(path);
        return path in files
          ? Promise.resolve(files[path]!)
          : Promise.reject(new Error(`open ${path}: no such file or directory`));
      },
    },
  };
}

describe("Tokenizer under load and change", () => {
  it("1,000 concurrent tokenizations give valid tokens with unique jti", async () => {
    const tokenizer = new Tokenizer({
      templates: {
        t: encodeTemplate({
          jwks: ES256,
          claimsMapper: "local s = std.extVar('session'); { claims: { e: s.identity.traits.email } }",
        }),
      },
    });
    const results = await Promise.all(Array.from({ length: 1000 }, () => tokenizer.tokenize(session, "t")));
    assert.equal(new Set(results.map((r) => r.claims["jti"])).size, 1000);
    const pub = publicJwks(JSON.parse(ES256) as JwkSet).keys[0]!;
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: "EC", crv: "P-256", x: pub.x!, y: pub.y! },
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    for (const { token, claims } of results.slice(0, 50)) {
      const [h, p, s] = token.split(".");
      const signature = unb64url(s!);
      assert.ok(
        await crypto.subtle.verify(
          { name: "ECDSA", hash: "SHA-256" },
          key,
          signature,
          new TextEncoder().encode(`${h}.${p}`),
        ),
      );
      assert.equal(claims["e"], "alice@example.com");
    }
  });

  it("a file:// key set replaced on disk is used only after the hour-long cache entry expires", async () => {
    const files: Record<string, string> = { "keys.json": ES256 };
    const { options, advance } = world(files);
    const tokenizer = new Tokenizer({ ...options, templates: { t: { jwks_url: "file://keys.json" } } });
    const kid = async () => JSON.parse(segmentText((await tokenizer.tokenize(session, "t")).token.split(".")[0]!)).kid;
    assert.equal(await kid(), "247f1420-e581-4023-88e0-07ee662f80da");
    files["keys.json"] = ES512;
    advance(HOUR - 1000);
    assert.equal(await kid(), "247f1420-e581-4023-88e0-07ee662f80da", "still cached");
    advance(2000);
    assert.equal(await kid(), "bc7f7afc-6742-427c-bb9e-164fe0f8b6a7", "re-read after an hour");
  });

  it("a changed base64:// key set is a new cache key and is used at once", async () => {
    const templates = { t: encodeTemplate({ jwks: ES256 }) };
    const tokenizer = new Tokenizer({ templates });
    assert.equal((await tokenizer.tokenize(session, "t")).header.alg, "ES256");
    templates.t = encodeTemplate({ jwks: ES512 });
    assert.equal((await tokenizer.tokenize(session, "t")).header.alg, "ES512");
  });

  it("file:// mappers are read on every call; only successful key set parses are cached", async () => {
    const files: Record<string, string> = { "m.jsonnet": "{ claims: { v: 1 } }", "keys.json": "{" };
    const { options, reads } = world(files);
    const tokenizer = new Tokenizer({
      ...options,
      templates: { t: { jwks_url: "file://keys.json", claims_mapper_url: "file://m.jsonnet" } },
    });
    await assert.rejects(tokenizer.tokenize(session, "t"), { code: "ERR_JWKS_PARSE" });
    files["keys.json"] = ES256;
    assert.equal((await tokenizer.tokenize(session, "t")).claims["v"], 1, "a failed parse was not cached");
    files["m.jsonnet"] = "{ claims: { v: 2 } }";
    assert.equal((await tokenizer.tokenize(session, "t")).claims["v"], 2, "the mapper file is re-read");
    assert.deepEqual(reads, ["keys.json", "keys.json", "m.jsonnet", "m.jsonnet"]);
  });

  it("http(s) mappers are cached for an hour, empty bodies never", async () => {
    const bodies: string[] = ["", "{ claims: { v: 1 } }", "{ claims: { v: 2 } }"];
    let fetches = 0;
    const { options, advance } = world({});
    const fetch = () => Promise.resolve(new Response(bodies[Math.min(fetches++, bodies.length - 1)]));
    const tokenizer = new Tokenizer({
      ...options,
      fetch,
      templates: { t: { ...encodeTemplate({ jwks: ES256 }), claims_mapper_url: "https://mappers.test/m.jsonnet" } },
    });
    await assert.rejects(tokenizer.tokenize(session, "t"), { code: "ERR_JSONNET" }); // empty source
    assert.equal((await tokenizer.tokenize(session, "t")).claims["v"], 1);
    advance(HOUR - 1000);
    assert.equal((await tokenizer.tokenize(session, "t")).claims["v"], 1, "cached");
    advance(2000);
    assert.equal((await tokenizer.tokenize(session, "t")).claims["v"], 2, "refetched after an hour");
    assert.equal(fetches, 3);
  });
});
