// verifyToken(): interoperability with WebCrypto called directly (not jose, not lib), the attack table,
// and messages that explain themselves without leaking tokens or keys.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  encodeTemplate,
  generateJwks,
  type Jwk,
  type JwkAlg,
  type JwkSet,
  publicJwks,
  sampleSession,
  TokenError,
  TokenizerError,
  tokenizeSession,
  type VerifyOptions,
  verifyToken,
} from "../lib/mod.ts";
import { b64url, KRATOS_ISSUER, KRATOS_NOW, unb64url } from "./_helpers.ts";
import { hmacSign, webCryptoSign, webCryptoVerify } from "./_webcrypto.ts";

const ALGS: JwkAlg[] = ["ES256", "ES384", "ES512", "EdDSA", "RS256", "PS256", "HS256"];
const NOW_S = KRATOS_NOW / 1000;
const sets = new Map<JwkAlg, JwkSet>();

before(async () => {
  for (const alg of ALGS) sets.set(alg, await generateJwks({ alg, modulusLength: 2048 }));
});

function set(alg: JwkAlg): JwkSet {
  return sets.get(alg)!;
}

/** The key set a verifier holds: the public half, or the secret itself for HMAC. */
function verifierSet(alg: JwkAlg): JwkSet {
  return alg.startsWith("HS") ? set(alg) : publicJwks(set(alg));
}

async function oryToken(alg: JwkAlg, ttl = "10m"): Promise<string> {
  const { token } = await tokenizeSession(sampleSession(), encodeTemplate({ jwks: set(alg), ttl }), {
    issuer: KRATOS_ISSUER,
    now: () => KRATOS_NOW,
  });
  return token;
}

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: KRATOS_ISSUER, sub: "user", iat: NOW_S, nbf: NOW_S, exp: NOW_S + 600, ...extra };
}

/** Every secret member of every key we made: none may appear in a message. */
function secrets(): string[] {
  return [...sets.values()].flatMap((s) =>
    s.keys.flatMap((k) => ["d", "p", "q", "dp", "dq", "qi", "k"].map((m) => k[m]).filter((v) => typeof v === "string"))
  ) as string[];
}

/** The claim each claim code names ("*": whichever claim failed). */
const CLAIM_OF: Record<string, string> = {
  ERR_TOKEN_EXPIRED: "exp",
  ERR_TOKEN_NOT_YET_VALID: "nbf",
  ERR_TOKEN_ISSUER: "iss",
  ERR_TOKEN_AUDIENCE: "aud",
  ERR_TOKEN_CLAIM: "*",
};

async function refuses(
  token: string,
  keys: JwkSet,
  code: string,
  message: RegExp,
  options: VerifyOptions = { now: KRATOS_NOW },
): Promise<void> {
  await assert.rejects(verifyToken(token, keys, options), (error: unknown) => {
    assert.ok(error instanceof TokenError, `expected a TokenError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    // Ory never verifies: a verification failure must not pass for one of Ory's answers.
    assert.ok(!(error instanceof TokenizerError) && !("status" in error) && !("toOryBody" in error));
    const claim = CLAIM_OF[code];
    if (claim === "*") assert.equal(typeof error.claim, "string");
    else assert.equal(error.claim, claim);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\.$/, "no final period");
    const text = `${error.message} ${error.detail ?? ""}`;
    for (const part of token.split(".")) {
      if (part.length > 16) assert.ok(!text.includes(part), "no token in the message");
    }
    for (const secret of secrets()) assert.ok(!text.includes(secret), "no key material in the message");
    return true;
  });
}

describe("verifyToken(): interoperability", () => {
  for (const alg of ALGS) {
    it(`a ${alg} token from lib verifies with WebCrypto called directly, and with verifyToken()`, async () => {
      const token = await oryToken(alg);
      const key = verifierSet(alg).keys[0]!;
      assert.equal(await webCryptoVerify(token, key), true);
      const result = await verifyToken(token, verifierSet(alg), { issuer: KRATOS_ISSUER, now: KRATOS_NOW });
      assert.equal(result.claims["sub"], sampleSession().identity.id);
      assert.equal(result.header["alg"], alg);
      assert.equal(result.key.kid, key.kid);
    });

    it(`a ${alg} token signed with WebCrypto directly verifies with verifyToken()`, async () => {
      const jwk = set(alg).keys[0]!;
      const token = await webCryptoSign({ alg, typ: "JWT", kid: jwk.kid }, claims({ aud: ["a", "b"] }), jwk);
      const result = await verifyToken(token, verifierSet(alg), {
        issuer: KRATOS_ISSUER,
        audience: "b",
        now: KRATOS_NOW,
      });
      assert.deepEqual(result.claims, claims({ aud: ["a", "b"] }));
    });
  }

  it("a private key set verifies too, and the returned key has no private member", async () => {
    const result = await verifyToken(await oryToken("ES256"), set("ES256"), { now: KRATOS_NOW });
    assert.equal(result.key.d, undefined);
    assert.equal(result.key.x, set("ES256").keys[0]!.x);
  });

  it('Kratos\'s "kid":"" matches a key without a kid', async () => {
    const { kid: _kid, ...jwk } = set("ES256").keys[0]!;
    const { token } = await tokenizeSession(
      sampleSession(),
      encodeTemplate({ jwks: { keys: [jwk as Jwk] }, ttl: "1m" }),
      { issuer: KRATOS_ISSUER, now: () => KRATOS_NOW },
    );
    assert.match(token, /^eyJhbGciOiJFUzI1NiIsImtpZCI6IiIs/); // {"alg":"ES256","kid":"",
    const result = await verifyToken(token, publicJwks({ keys: [jwk as Jwk] }), { now: KRATOS_NOW });
    assert.equal(result.claims["iss"], KRATOS_ISSUER);
  });

  it("a rotated set verifies tokens of the new key and of the old one", async () => {
    const old = set("ES256").keys[0]!;
    const fresh = (await generateJwks({ alg: "ES256" })).keys[0]!;
    const both = publicJwks({ keys: [fresh, old] });
    const token = await webCryptoSign({ alg: "ES256", kid: old.kid }, claims(), old);
    assert.equal((await verifyToken(token, both, { now: KRATOS_NOW })).key.kid, old.kid);
  });

  it("a key set URL is fetched with the injected fetch", async () => {
    const requests: string[] = [];
    const fetch = (input: string) => {
      requests.push(input);
      return Promise.resolve(new Response(JSON.stringify(publicJwks(set("EdDSA"))), { status: 200 }));
    };
    const result = await verifyToken(await oryToken("EdDSA"), new URL("https://api.test/.well-known/jwks.json"), {
      fetch,
      now: KRATOS_NOW,
    });
    assert.equal(result.header["alg"], "EdDSA");
    assert.deepEqual(requests, ["https://api.test/.well-known/jwks.json"]);
  });

  it("clockTolerance accepts a token expired less than the tolerance ago", async () => {
    const token = await oryToken("ES256", "1m");
    await verifyToken(token, verifierSet("ES256"), { now: KRATOS_NOW + 63_000, clockTolerance: 5 });
    await refuses(token, verifierSet("ES256"), "ERR_TOKEN_EXPIRED", /^The token expired 3 s ago/, {
      now: KRATOS_NOW + 63_000,
    });
  });

  it("now may be a Date or a function", async () => {
    const token = await oryToken("ES256");
    await verifyToken(token, verifierSet("ES256"), { now: new Date(KRATOS_NOW) });
    await verifyToken(token, verifierSet("ES256"), { now: () => KRATOS_NOW });
  });
});

describe("verifyToken(): the attack table", () => {
  const cases: {
    name: string;
    code: string;
    message: RegExp;
    make: () => Promise<[string, JwkSet, VerifyOptions?]>;
  }[] = [
    {
      name: 'alg "none" with an empty signature',
      code: "ERR_TOKEN_ALG",
      message: /^The token is unsigned \(alg "none"\) but key "[^"]+" is an EC key for "ES256"$/,
      make: () => {
        const kid = set("ES256").keys[0]!.kid;
        return Promise.resolve([
          `${b64url(JSON.stringify({ alg: "none", kid, typ: "JWT" }))}.${b64url(JSON.stringify(claims()))}.`,
          verifierSet("ES256"),
        ]);
      },
    },
    {
      name: "HS256 keyed with the bytes of an RSA public key",
      code: "ERR_TOKEN_ALG",
      message: /^The token is signed with "HS256" but key "[^"]+" is an RSA key for "RS256"$/,
      make: async () => {
        const pub = publicJwks(set("RS256")).keys[0]!;
        const token = await hmacSign(
          { alg: "HS256", kid: pub.kid, typ: "JWT" },
          claims(),
          new TextEncoder().encode(JSON.stringify(pub)),
        );
        return [token, publicJwks(set("RS256"))];
      },
    },
    {
      name: "HS256 keyed with an RSA public key's modulus",
      code: "ERR_TOKEN_ALG",
      message: /signed with "HS256" but key .* is an RSA key for "RS256"/,
      make: async () => {
        const pub = publicJwks(set("RS256")).keys[0]!;
        return [await hmacSign({ alg: "HS256", kid: pub.kid }, claims(), unb64url(pub.n!)), publicJwks(set("RS256"))];
      },
    },
    {
      name: "a kid that is not in the set",
      code: "ERR_TOKEN_KID",
      message: /^The token's kid "not-ours" is not in the key set \(it has "[0-9a-f-]{36}"\)$/,
      make: async () => {
        const jwk = set("ES256").keys[0]!;
        return [await webCryptoSign({ alg: "ES256", kid: "not-ours" }, claims(), jwk), verifierSet("ES256")];
      },
    },
    {
      name: "a tampered payload",
      code: "ERR_TOKEN_SIGNATURE",
      message: /^The signature does not match key "[^"]+" \(ES256\)$/,
      make: async () => {
        const [h, , s] = (await oryToken("ES256")).split(".");
        return [`${h}.${b64url(JSON.stringify(claims({ sub: "admin" })))}.${s}`, verifierSet("ES256")];
      },
    },
    {
      name: "a tampered header",
      code: "ERR_TOKEN_SIGNATURE",
      message: /^The signature does not match key "[^"]+" \(RS256\)$/,
      make: async () => {
        const jwk = set("RS256").keys[0]!;
        const [, p, s] = (await oryToken("RS256")).split(".");
        return [
          `${b64url(JSON.stringify({ alg: "RS256", kid: jwk.kid, typ: "JWT", x5u: "https://evil.test/" }))}.${p}.${s}`,
          verifierSet("RS256"),
        ];
      },
    },
    {
      name: "a signature of the wrong length",
      code: "ERR_TOKEN_SIGNATURE",
      message: /^The signature is 63 bytes, but a ES256 signature from key "[^"]+" is 64 bytes$/,
      make: async () => {
        const [h, p, s] = (await oryToken("ES256")).split(".");
        return [`${h}.${p}.${b64url(unb64url(s!).slice(1))}`, verifierSet("ES256")];
      },
    },
    {
      name: "an RSA signature one byte short",
      code: "ERR_TOKEN_SIGNATURE",
      message: /^The signature is 255 bytes, but a PS256 signature .* is 256 bytes$/,
      make: async () => {
        const [h, p, s] = (await oryToken("PS256")).split(".");
        return [`${h}.${p}.${b64url(unb64url(s!).slice(1))}`, verifierSet("PS256")];
      },
    },
    {
      name: "an expired token",
      code: "ERR_TOKEN_EXPIRED",
      message: /^The token expired 42 s ago \(exp 2023-02-01T00:10:00Z, tolerance 5 s\)$/,
      make:
        async () => [await oryToken("ES256"), verifierSet("ES256"), { now: KRATOS_NOW + 642_000, clockTolerance: 5 }],
    },
    {
      name: "a token not valid yet",
      code: "ERR_TOKEN_NOT_YET_VALID",
      message: /^The token is not valid for 3 min yet \(nbf 2023-02-01T00:00:00Z, tolerance 0 s\)$/,
      make: async () => [await oryToken("EdDSA"), verifierSet("EdDSA"), { now: KRATOS_NOW - 180_000 }],
    },
    {
      name: "a wrong issuer",
      code: "ERR_TOKEN_ISSUER",
      message: /^The token's issuer is "http:\/\/localhost\/", not "https:\/\/auth.example.com\/"$/,
      make: async () => [await oryToken("ES384"), verifierSet("ES384"), {
        now: KRATOS_NOW,
        issuer: "https://auth.example.com/",
      }],
    },
    {
      name: "a wrong audience",
      code: "ERR_TOKEN_AUDIENCE",
      message: /^The token's audience "other-api" does not include "my-api"$/,
      make: async () => {
        const jwk = set("ES512").keys[0]!;
        const token = await webCryptoSign({ alg: "ES512", kid: jwk.kid }, claims({ aud: "other-api" }), jwk);
        return [token, verifierSet("ES512"), { now: KRATOS_NOW, audience: "my-api" }];
      },
    },
    {
      name: "no audience at all (Ory sets none by default)",
      code: "ERR_TOKEN_AUDIENCE",
      message: /^The token has no "aud" claim; expected "my-api"$/,
      make: async () => [await oryToken("HS256"), verifierSet("HS256"), { now: KRATOS_NOW, audience: "my-api" }],
    },
    {
      name: "a JWE (5 segments)",
      code: "ERR_TOKEN_MALFORMED",
      message: /^The token is a JWE \(5 segments, encrypted\), not a signed JWT \(3 segments\)$/,
      make: () => {
        const random = (n: number) => b64url(crypto.getRandomValues(new Uint8Array(n)));
        const header = b64url(JSON.stringify({ alg: "dir", enc: "A256GCM", kid: set("ES256").keys[0]!.kid }));
        return Promise.resolve([`${header}..${random(12)}.${random(40)}.${random(16)}`, verifierSet("ES256")]);
      },
    },
    {
      name: "a 2-segment string",
      code: "ERR_TOKEN_MALFORMED",
      message: /^The token has 2 segments, but a signed JWT has 3 \(header.payload.signature\)$/,
      make: async () => [(await oryToken("ES256")).split(".").slice(0, 2).join("."), verifierSet("ES256")],
    },
    {
      name: "a token with a line break",
      code: "ERR_TOKEN_MALFORMED",
      message: /whitespace/,
      make: async () => [`${await oryToken("ES256")}\n`, verifierSet("ES256")],
    },
    {
      name: 'an "exp" that is not a number (a mapper may write one)',
      code: "ERR_TOKEN_CLAIM",
      message: /^The token's "exp" claim is "later", not a number of seconds$/,
      make: async () => {
        const jwk = set("ES256").keys[0]!;
        return [
          await webCryptoSign({ alg: "ES256", kid: jwk.kid }, claims({ exp: "later" }), jwk),
          verifierSet("ES256"),
        ];
      },
    },
  ];

  for (const { name, code, message, make } of cases) {
    it(`refuses ${name} with ${code}`, async () => {
      const [token, keys, options] = await make();
      await refuses(token, keys, code, message, options ?? { now: KRATOS_NOW });
    });
  }
});

describe("verifyToken(): key set problems are the verifier's (ERR_VERIFY_KEYS)", () => {
  async function keysFail(keys: JwkSet | URL, message: RegExp, options: VerifyOptions = {}) {
    await assert.rejects(
      verifyToken(await oryToken("ES256"), keys, { now: KRATOS_NOW, ...options }),
      (error: unknown) => {
        assert.ok(error instanceof TokenError);
        assert.equal(error.code, "ERR_VERIFY_KEYS");
        assert.match(error.message, message);
        return true;
      },
    );
  }

  it("an empty set", async () => {
    await keysFail({ keys: [] }, /^Cannot verify: the key set has no keys$/);
  });

  it("a key without alg (the algorithm is never taken from the token)", async () => {
    const { alg: _alg, ...jwk } = publicJwks(set("ES256")).keys[0]!;
    await keysFail({ keys: [jwk as Jwk] }, /^Cannot verify with key "[^"]+": it has no "alg"$/);
  });

  it("a key whose alg does not fit its type", async () => {
    const jwk = { ...publicJwks(set("ES256")).keys[0]!, alg: "RS256" };
    await keysFail({ keys: [jwk] }, /its "alg" is "RS256" but it is an EC key$/);
  });

  it("a URL answering 404, without its query string in the message", async () => {
    const fetch = () => Promise.resolve(new Response("nope", { status: 404 }));
    await keysFail(
      new URL("https://api.test/jwks.json?token=secret"),
      /^Cannot fetch the key set from "https:\/\/api.test\/jwks.json\?\[redacted\]": HTTP status 404$/,
      { fetch },
    );
  });

  it("a URL answering something that is not a key set", async () => {
    const fetch = () => Promise.resolve(new Response("<html>", { status: 200 }));
    await keysFail(new URL("https://api.test/jwks.json"), /^Cannot read the key set: the text is not valid JSON/, {
      fetch,
    });
  });

  it("a value that is not a key set is a TypeError", async () => {
    await assert.rejects(verifyToken(await oryToken("ES256"), {} as JwkSet), TypeError);
  });
});
