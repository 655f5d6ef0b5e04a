// Key sets like `ory create jwk`, their public half, rotation, and Kratos's key set parser.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeToken,
  encodeTemplate,
  generateJwks,
  type JwkAlg,
  parseJwks,
  publicJwks,
  rotateJwks,
  sampleSession,
  type TokenizerError,
  tokenizeSession,
  verifyToken,
} from "../lib/mod.ts";
import { ALGORITHMS, JWK_ALGS } from "../lib/keys/algorithms.ts";
import { nodeSyncSigner } from "../lib/runtime/node_signer.ts";
import { RFC_PRIVATE_MEMBERS, unb64url } from "./_helpers.ts";

const MEMBERS: [JwkAlg, string[], Record<string, unknown>][] = [
  ["ES256", ["alg", "crv", "d", "kid", "kty", "use", "x", "y"], { crv: "P-256", kty: "EC" }],
  ["ES384", ["alg", "crv", "d", "kid", "kty", "use", "x", "y"], { crv: "P-384", kty: "EC" }],
  ["ES512", ["alg", "crv", "d", "kid", "kty", "use", "x", "y"], { crv: "P-521", kty: "EC" }],
  ["EdDSA", ["alg", "crv", "d", "kid", "kty", "use", "x"], { crv: "Ed25519", kty: "OKP" }],
  ["PS256", ["alg", "d", "dp", "dq", "e", "kid", "kty", "n", "p", "q", "qi", "use"], { kty: "RSA" }],
  ["HS256", ["alg", "k", "kid", "kty", "use"], { kty: "oct" }],
];

describe("generateJwks()", () => {
  for (const [alg, members, expected] of MEMBERS) {
    it(`makes one ${alg} key with Ory's members in alphabetical order, and it signs`, async () => {
      const jwks = await generateJwks({ alg, set: "s" });
      assert.equal(jwks.set, "s");
      assert.equal(jwks.keys.length, 1);
      const key = jwks.keys[0]!;
      assert.deepEqual(Object.keys(key), members);
      assert.equal(key.alg, alg);
      assert.equal(key.use, "sig");
      assert.match(key.kid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      for (const [member, value] of Object.entries(expected)) assert.equal(key[member], value);
      const { header } = await tokenizeSession(sampleSession(), encodeTemplate({ jwks }));
      assert.equal(header.alg, alg);
    });
  }

  it("uses Ory's RSA sizes: 4096 bits for RS*, 2048 for PS*", async () => {
    const bits = (n: string) => unb64url(n).length * 8;
    assert.equal(bits((await generateJwks({ alg: "RS256" })).keys[0]!.n!), 4096);
    assert.equal(bits((await generateJwks({ alg: "PS256" })).keys[0]!.n!), 2048);
  });

  it("takes a fixed kid, a thumbprint kid and use enc", async () => {
    assert.equal((await generateJwks({ kid: "k1" })).keys[0]!.kid, "k1");
    assert.match((await generateJwks({ kid: "thumbprint" })).keys[0]!.kid!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await generateJwks({ use: "enc" })).keys[0]!.use, "enc");
  });

  it("refuses an algorithm it cannot make", async () => {
    await assert.rejects(generateJwks({ alg: "none" as JwkAlg }), TypeError);
  });
});

describe("the algorithm table", () => {
  it("lists golang-jwt's signing methods, none excepted", () => {
    assert.deepEqual([...JWK_ALGS].sort(), [
      "ES256",
      "ES384",
      "ES512",
      "EdDSA",
      "HS256",
      "HS384",
      "HS512",
      "PS256",
      "PS384",
      "PS512",
      "RS256",
      "RS384",
      "RS512",
    ]);
  });

  for (const alg of JWK_ALGS) {
    it(`${alg}: a generated key signs, its signature has the table's size, and verifies`, async () => {
      const facts = ALGORITHMS[alg];
      // 2048 bits keeps the RSA rows fast; the defaults have their own test above.
      const jwks = await generateJwks({ alg, ...(facts.kty === "RSA" ? { modulusLength: 2048 } : {}) });
      assert.equal(jwks.keys[0]!.kty, facts.kty);
      assert.equal(jwks.keys[0]!.crv, facts.crv);
      const { token } = await tokenizeSession(sampleSession(), encodeTemplate({ jwks }));
      const signature = unb64url(token.split(".")[2]!);
      assert.equal(signature.length, facts.signatureBytes ?? 256);
      assert.deepEqual(decodeToken(token).problems, []);
      const keys = facts.kty === "oct" ? jwks : publicJwks(jwks);
      assert.equal((await verifyToken(token, keys)).header["alg"], alg);
    });
  }
});

describe("rotateJwks()", () => {
  it("puts a new key of the same alg first and keeps the old ones", async () => {
    const first = await generateJwks({ alg: "ES512" });
    const rotated = await rotateJwks(first);
    assert.equal(rotated.keys.length, 2);
    assert.equal(rotated.keys[1], first.keys[0]);
    assert.equal(rotated.keys[0]!.alg, "ES512");
    assert.notEqual(rotated.keys[0]!.kid, first.keys[0]!.kid);
    const { header } = await tokenizeSession(sampleSession(), encodeTemplate({ jwks: rotated }));
    assert.equal(header.kid, rotated.keys[0]!.kid);
  });
});

describe("publicJwks()", () => {
  const PUBLIC: [JwkAlg, string[]][] = [
    ["ES256", ["alg", "crv", "kid", "kty", "use", "x", "y"]],
    ["EdDSA", ["alg", "crv", "kid", "kty", "use", "x"]],
    ["PS256", ["alg", "e", "kid", "kty", "n", "use"]],
  ];
  for (const [alg, members] of PUBLIC) {
    it(`drops every private member of RFC 7518 from a ${alg} key and keeps the rest in order`, async () => {
      const pub = publicJwks(await generateJwks({ alg }));
      for (const member of RFC_PRIVATE_MEMBERS) assert.ok(!(member in pub.keys[0]!), `${alg}: ${member}`);
      assert.deepEqual(Object.keys(pub.keys[0]!), members);
    });
  }

  it("drops a multi-prime RSA key's oth and every CRT member", () => {
    const key = Object.fromEntries(["n", "e", ...RFC_PRIVATE_MEMBERS.filter((m) => m !== "k")].map((m) => [m, "AQAB"]));
    const pub = publicJwks({ keys: [{ kty: "RSA", kid: "r", ...key, oth: [{ r: "AQAB", d: "AQAB", t: "AQAB" }] }] });
    assert.deepEqual(pub.keys[0], { kty: "RSA", kid: "r", n: "AQAB", e: "AQAB" });
  });

  it("refuses an oct key, which has no public half", () => {
    assert.throws(() => publicJwks({ keys: [{ kty: "oct", k: "c2VjcmV0" }] }), (error: TokenizerError) => {
      assert.equal(error.code, "ERR_KEY_PUBLIC");
      assert.doesNotMatch(`${error.message} ${error.detail}`, /c2VjcmV0/);
      return true;
    });
  });
});

describe("parseJwks()", () => {
  const cases: [string, string, string | null][] = [
    ["a set", '{"keys":[{"kty":"EC"}]}', null],
    ["a bare key", '{"kty":"OKP","crv":"Ed25519","x":"AA"}', null],
    ["extra top-level members", '{"set":"x","other":1,"keys":[]}', null],
    ["an array", "[]", "the key set must be a JSON object"],
    ["keys not an array", '{"keys":{}}', 'the "keys" member must be an array'],
    ["a key without kty", '{"keys":[{"alg":"ES256"}]}', 'key 1 has no "kty"'],
    ["an unknown kty", '{"keys":[{"kty":"EC"},{"kty":"DH"}]}', 'key 2 has an unknown "kty"'],
    ["a non-string kid", '{"keys":[{"kty":"EC","kid":1}]}', 'the "kid" member must be a string'],
    ["bad base64url", '{"keys":[{"kty":"EC","d":"!!"}]}', 'the "d" member is not valid base64url'],
    ["truncated JSON", '{"keys":[{"kty":"EC"}]', "the JSON ends early"],
    ["empty text", "", "the key set is empty"],
  ];
  // lib tells "ends early" from "not valid" by the position in V8's JSON.parse message; JavaScriptCore's
  // ("JSON Parse error: Expected '}'") gives none.
  const noJsonPosition = "Bun" in globalThis &&
    "Bun's JSON.parse errors carry no position, so lib calls a truncated set invalid JSON (lib/keys/parse_jwks.ts)";
  for (const [name, text, detail] of cases) {
    const skip = name === "truncated JSON" && noJsonPosition;
    it(`${detail === null ? "accepts" : "refuses"} ${name}`, { skip }, () => {
      if (detail === null) {
        assert.ok(parseJwks(text).keys.length <= 1);
        return;
      }
      assert.throws(() => parseJwks(text), (error: TokenizerError) => {
        assert.equal(error.code, "ERR_JWKS_PARSE");
        assert.equal(error.reason, "failed to parse JWK set");
        assert.ok(error.detail!.includes(detail), error.detail);
        return true;
      });
    });
  }
});

describe("nodeSyncSigner()", () => {
  // Key pairs straight from WebCrypto (RSA at 2048 bits: the size does not change the code path).
  async function keyPair(alg: JwkAlg): Promise<{ signing: CryptoKey; verifying: CryptoKey }> {
    const facts = ALGORITHMS[alg];
    if ("secretBytes" in facts.generate) {
      const key = await crypto.subtle.generateKey(facts.importAs, false, ["sign", "verify"]) as CryptoKey;
      return { signing: key, verifying: key };
    }
    const params = "modulusLength" in facts.generate
      ? { ...facts.generate.pair, modulusLength: 2048 }
      : facts.generate.pair;
    const pair = await crypto.subtle.generateKey(params, false, ["sign", "verify"]) as CryptoKeyPair;
    return { signing: pair.privateKey, verifying: pair.publicKey };
  }
  // Deno and Bun have Node's crypto too, and keep WebCrypto (lib/runtime/node_signer.ts says why).
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node ===
      "string" && !("Deno" in globalThis) && !("Bun" in globalThis);

  it("signs in the calling thread in Node only, with signatures WebCrypto verifies and WebCrypto's bytes", async () => {
    const input = new TextEncoder().encode("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0");
    for (const alg of ["ES256", "ES384", "ES512", "EdDSA", "RS256", "PS384", "HS256", "HS512"] as const) {
      const { signing, verifying } = await keyPair(alg);
      const sign = nodeSyncSigner(signing, alg);
      if (!isNode) {
        assert.equal(sign, undefined, `${alg}: WebCrypto signs outside Node`);
        continue;
      }
      assert.ok(sign !== undefined, `${alg}: Node's crypto signs in Node`);
      const signature = sign(input);
      const { signWith } = ALGORITHMS[alg];
      assert.ok(await crypto.subtle.verify(signWith, verifying, signature as BufferSource, input), alg);
      if (signWith.name !== "ECDSA" && signWith.name !== "RSA-PSS") {
        // Deterministic schemes: the very bytes WebCrypto writes.
        const expected = new Uint8Array(await crypto.subtle.sign(signWith, signing, input));
        assert.deepEqual(new Uint8Array(signature), expected, alg);
      }
    }
  });
});
