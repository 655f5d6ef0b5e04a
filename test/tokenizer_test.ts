// The spec's test cases (ory-tokenizer-spec.md, end of file) and Kratos's golden vectors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DEFAULT_ISSUER,
  encodeTemplate,
  type JwkSet,
  publicJwks,
  SAMPLE_IDENTITY_ID,
  SAMPLE_SESSION_ID,
  sampleSession,
  type Session,
  type TokenizeOptions,
  Tokenizer,
  TokenizerError,
  type TokenizerTemplate,
  tokenizeSession,
} from "../lib/mod.ts";
import { fixture, KRATOS_ISSUER, KRATOS_NOW, segmentText, STUB_MAPPER, unb64url } from "./_helpers.ts";

const ES256 = fixture("jwk.es256.json");
const ES512 = fixture("jwk.es512.json");
const options: TokenizeOptions = { issuer: KRATOS_ISSUER, now: () => KRATOS_NOW };
const session = sampleSession();
const withoutExternalId = sampleSession({ identity: { external_id: undefined } });

function claimsWithoutJti(claims: Record<string, unknown>): Record<string, unknown> {
  const { jti: _jti, ...rest } = claims;
  return rest;
}

function mapperTemplate(mapper: string, extra: Partial<TokenizerTemplate> = {}): TokenizerTemplate {
  return { ...encodeTemplate({ jwks: ES256, claimsMapper: mapper, ttl: "1m" }), ...extra };
}

async function payloadOf(
  template: TokenizerTemplate,
  options_: TokenizeOptions = options,
): Promise<Record<string, unknown>> {
  const { token } = await tokenizeSession(session, template, options_);
  return JSON.parse(segmentText(token.split(".")[1]!));
}

async function rejects(promise: Promise<unknown>, expected: { code: string; status: number; reason: string | RegExp }) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TokenizerError, `expected a TokenizerError, got ${String(error)}`);
    assert.equal(error.code, expected.code);
    assert.equal(error.status, expected.status);
    if (typeof expected.reason === "string") assert.equal(error.reason, expected.reason);
    else assert.match(error.reason, expected.reason);
    return true;
  });
}

async function verifies(token: string, jwks: string, alg: EcdsaParams["hash"] = "SHA-256", namedCurve = "P-256") {
  const jwk = publicJwks(JSON.parse(jwks) as JwkSet).keys[0]!;
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: jwk.kty, crv: jwk.crv!, x: jwk.x!, y: jwk.y! },
    { name: "ECDSA", namedCurve },
    false,
    ["verify"],
  );
  const [h, p, s] = token.split(".");
  const signature = unb64url(s!);
  return await crypto.subtle.verify(
    { name: "ECDSA", hash: alg },
    key,
    signature,
    new TextEncoder().encode(`${h}.${p}`),
  );
}

describe("Kratos's golden vectors", () => {
  const vectors = [
    {
      name: "es512 without a mapper",
      expected: "expected.es512-without-mapper.claims.json",
      mapper: undefined,
      source: "id" as const,
      who: session,
    },
    {
      name: "stub mapper, subject id",
      expected: "expected.with-mapper.claims.json",
      mapper: STUB_MAPPER,
      source: "id" as const,
      who: withoutExternalId,
    },
    {
      name: "stub mapper, subject external_id",
      expected: "expected.with-mapper-external-id-subject.claims.json",
      mapper: STUB_MAPPER,
      source: "external_id" as const,
      who: session,
    },
  ];
  for (const vector of vectors) {
    it(`tokenizeSession() matches Kratos's ${vector.name} snapshot`, async () => {
      const template = encodeTemplate({
        jwks: ES512,
        claimsMapper: vector.mapper,
        ttl: "1m",
        subjectSource: vector.source,
      });
      const { token, claims } = await tokenizeSession(vector.who, template, options);
      assert.deepEqual(claimsWithoutJti(claims), JSON.parse(fixture(vector.expected)));
      assert.match(String(claims["jti"]), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(await verifies(token, ES512, "SHA-512", "P-521"), true);
    });
  }
});

describe("tokenizeSession(): the spec's cases", () => {
  it("case 1: no mapper gives exactly the seven default claims and verifies", async () => {
    const { token, claims } = await tokenizeSession(session, encodeTemplate({ jwks: ES256, ttl: "1m" }), options);
    assert.deepEqual(Object.keys(claims).sort(), ["exp", "iat", "iss", "jti", "nbf", "sid", "sub"]);
    assert.deepEqual(claimsWithoutJti(claims), {
      exp: 1675209660,
      iat: 1675209600,
      iss: "http://localhost/",
      nbf: 1675209600,
      sid: SAMPLE_SESSION_ID,
      sub: SAMPLE_IDENTITY_ID,
    });
    assert.equal(await verifies(token, ES256), true);
  });

  it("case 2: header and payload bytes are Go's, base64url without padding", async () => {
    const { token } = await tokenizeSession(session, encodeTemplate({ jwks: ES256, ttl: "1m" }), {
      ...options,
      randomUUID: () => "j",
    });
    const [h, p, s] = token.split(".");
    assert.equal(segmentText(h!), '{"alg":"ES256","kid":"247f1420-e581-4023-88e0-07ee662f80da","typ":"JWT"}');
    assert.equal(
      segmentText(p!),
      `{"exp":1675209660,"iat":1675209600,"iss":"http://localhost/","jti":"j","nbf":1675209600,"sid":"${SAMPLE_SESSION_ID}","sub":"${SAMPLE_IDENTITY_ID}"}`,
    );
    assert.doesNotMatch(token, /=/);
    assert.equal(s!.length, 86); // 64 bytes raw r||s
  });

  it("case 3: ES512 signs with a 132-byte r||s signature", async () => {
    const { token, header } = await tokenizeSession(session, encodeTemplate({ jwks: ES512, ttl: "1m" }), options);
    assert.equal(header.alg, "ES512");
    assert.equal(atob(token.split(".")[2]!.replace(/-/g, "+").replace(/_/g, "/")).length, 132);
  });

  it("case 6: external_id missing is refused before the mapper is fetched", async () => {
    const template = {
      ...encodeTemplate({ jwks: ES256, ttl: "1m" }),
      subject_source: "external_id" as const,
      claims_mapper_url: "file://does/not/exist",
    };
    await rejects(tokenizeSession(withoutExternalId, template, options), {
      code: "ERR_SUBJECT_EXTERNAL_ID",
      status: 400,
      reason: "The session's identity does not have an external ID set, but it is required for the subject claim.",
    });
  });

  it("case 7: an unknown template is a 400 with Ory's reason and message", async () => {
    const tokenizer = new Tokenizer({ ...options, templates: {} });
    await assert.rejects(tokenizer.tokenize(session, "nope"), (error: TokenizerError) => {
      assert.deepEqual(error.toOryBody(), {
        error: {
          code: 400,
          status: "Bad Request",
          reason: 'Unable to find tokenizer template "nope".',
          message: "The request was malformed or contained invalid parameters",
        },
      });
      return true;
    });
  });

  it("case 10: an https jwks_url is a plain 500 with the fetcher's message", async () => {
    await assert.rejects(
      tokenizeSession(session, { jwks_url: "https://example.test/jwks.json" }, options),
      (error: TokenizerError) => {
        assert.deepEqual(error.toOryBody(), {
          error: {
            code: 500,
            status: "Internal Server Error",
            message: 'unknown scheme: in source "https://example.test/jwks.json": allowed schemes: file, base64',
          },
        });
        assert.match(error.detail!, /base64:\/\//);
        return true;
      },
    );
  });

  const badSets: [string, string, string | RegExp][] = [
    ["case 11: a truncated set", fixture("jwk.es512.broken.json"), "failed to parse JWK set"],
    ["an array", "[]", "failed to parse JWK set"],
    ["empty input", "", "failed to parse JWK set"],
    ["a key without kty", '{"keys":[{"alg":"ES256"}]}', "failed to parse JWK set"],
    ["a key with an unknown kty", '{"keys":[{"kty":"XYZ"}]}', "failed to parse JWK set"],
  ];
  for (const [name, jwks, reason] of badSets) {
    it(`${name} is a 400 "failed to parse JWK set"`, async () => {
      await rejects(tokenizeSession(session, encodeTemplate({ jwks }), options), {
        code: "ERR_JWKS_PARSE",
        status: 400,
        reason,
      });
    });
  }

  it("case 12: an empty set is a 400 with Ory's doubled wording", async () => {
    await rejects(tokenizeSession(session, encodeTemplate({ jwks: '{"keys":[]}' }), options), {
      code: "ERR_JWKS_EMPTY",
      status: 400,
      reason: "Could not find key a suitable key for tokenization in the JWKS url.",
    });
  });

  it("case 13: a bare JWK is a one-key set", async () => {
    const bare = JSON.stringify((JSON.parse(ES256) as JwkSet).keys[0]);
    const { header } = await tokenizeSession(session, encodeTemplate({ jwks: bare }), options);
    assert.equal(header.kid, "247f1420-e581-4023-88e0-07ee662f80da");
  });

  it('case 14: "set" at the top and inside each key is ignored', async () => {
    const set = JSON.parse(ES256) as JwkSet;
    const jwks = JSON.stringify({ set: "x", keys: set.keys.map((k) => ({ ...k, set: "x" })) });
    assert.equal((await tokenizeSession(session, encodeTemplate({ jwks }), options)).header.alg, "ES256");
  });

  for (const [alg, shown] of [[undefined, ""], ["es256", "es256"], ["ES256K", "ES256K"]] as const) {
    it(`case 15: alg ${shown || "missing"} is a 400 naming "${shown}"`, async () => {
      const key = { ...(JSON.parse(ES256) as JwkSet).keys[0]!, alg };
      await rejects(tokenizeSession(session, encodeTemplate({ jwks: JSON.stringify({ keys: [key] }) }), options), {
        code: "ERR_JWK_ALG",
        status: 400,
        reason: `The JSON Web Key must include a valid "alg" parameter but "${shown}" was given.`,
      });
    });
  }

  it("case 16: the first key signs, even with use enc", async () => {
    const [a] = (JSON.parse(ES256) as JwkSet).keys;
    const [b] = (JSON.parse(ES512) as JwkSet).keys;
    const jwks = JSON.stringify({ keys: [{ ...a, use: "enc" }, b] });
    assert.equal((await tokenizeSession(session, encodeTemplate({ jwks }), options)).header.kid, a!.kid);
  });

  it("case 17: a public-only first key cannot sign", async () => {
    const jwks = JSON.stringify(publicJwks(JSON.parse(ES256) as JwkSet));
    await rejects(tokenizeSession(session, encodeTemplate({ jwks }), options), {
      code: "ERR_SIGN",
      status: 400,
      reason: "Unable to sign JSON Web Token.",
    });
  });

  it("case 18: a P-256 key labelled ES512 cannot sign", async () => {
    const key = { ...(JSON.parse(ES256) as JwkSet).keys[0]!, alg: "ES512" };
    await rejects(tokenizeSession(session, encodeTemplate({ jwks: JSON.stringify({ keys: [key] }) }), options), {
      code: "ERR_SIGN",
      status: 400,
      reason: "Unable to sign JSON Web Token.",
    });
  });

  it('case 19: a key without kid gives "kid":""', async () => {
    const { kid: _kid, ...key } = (JSON.parse(ES256) as JwkSet).keys[0]!;
    const { token } = await tokenizeSession(
      session,
      encodeTemplate({ jwks: JSON.stringify({ keys: [key] }) }),
      options,
    );
    assert.equal(segmentText(token.split(".")[0]!), '{"alg":"ES256","kid":"","typ":"JWT"}');
  });

  it("case 20: an oct key signs HS256; alg none cannot sign", async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const k = btoa(String.fromCharCode(...secret)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const { token } = await tokenizeSession(
      session,
      encodeTemplate({ jwks: JSON.stringify({ keys: [{ kty: "oct", alg: "HS256", k }] }) }),
      options,
    );
    const [h, p, s] = token.split(".");
    const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    const signature = unb64url(s!);
    assert.equal(await crypto.subtle.verify("HMAC", key, signature, new TextEncoder().encode(`${h}.${p}`)), true);
    await rejects(
      tokenizeSession(
        session,
        encodeTemplate({ jwks: JSON.stringify({ keys: [{ kty: "oct", alg: "none", k }] }) }),
        options,
      ),
      {
        code: "ERR_SIGN",
        status: 400,
        reason: "Unable to sign JSON Web Token.",
      },
    );
  });

  it("case 21: a mapper returning {claims:{}} keeps the defaults", async () => {
    const payload = await payloadOf(mapperTemplate("{ claims: {} }"));
    assert.deepEqual(Object.keys(payload), ["exp", "iat", "iss", "jti", "nbf", "sid", "sub"]);
  });

  it("case 22: defaults cannot be removed", async () => {
    const payload = await payloadOf(mapperTemplate("{ claims: { a: 1 } }"));
    assert.deepEqual(Object.keys(payload), ["a", "exp", "iat", "iss", "jti", "nbf", "sid", "sub"]);
  });

  it("case 23: defaults but sub can be overridden", async () => {
    const payload = await payloadOf(mapperTemplate(
      "local c = std.extVar('claims'); { claims: { exp: 1, iss: c.iss + '/x', jti: 'fixed', sid: 's', sub: 'nope' } }",
    ));
    assert.deepEqual(claimsWithoutJti(payload), {
      exp: 1,
      iat: 1675209600,
      iss: "http://localhost//x",
      nbf: 1675209600,
      sid: "s",
      sub: SAMPLE_IDENTITY_ID,
    });
    assert.equal(payload["jti"], "fixed");
  });

  it("cases 24-28: null, strings, nesting, HTML escapes and numbers come out as Go writes them", async () => {
    const { token } = await tokenizeSession(
      session,
      mapperTemplate(
        "{ claims: { foo: null, exp: 'later', z: { b: 1, a: [3, 1] }, h: '<a&b>', n: [1.5, 0.1, 1e21, 123, 1e-7] } }",
      ),
      { ...options, randomUUID: () => "j" },
    );
    const payload = segmentText(token.split(".")[1]!);
    assert.equal(
      payload,
      `{"exp":"later","foo":null,"h":"\\u003ca\\u0026b\\u003e","iat":1675209600,"iss":"http://localhost/","jti":"j","n":[1.5,0.1,1e+21,123,1e-7],"nbf":1675209600,"sid":"${SAMPLE_SESSION_ID}","sub":"${SAMPLE_IDENTITY_ID}","z":{"a":[3,1],"b":1}}`,
    );
  });

  for (const output of ["{}", "{ claims: 'x' }", "{ claims: [1] }", "{ claims: null }", "[1]"]) {
    it(`case 29: mapper output ${output} is refused`, async () => {
      await rejects(tokenizeSession(session, mapperTemplate(output), options), {
        code: "ERR_CLAIMS_NOT_OBJECT",
        status: 400,
        reason: "Expected tokenizer JsonNet to return a claims object but it did not.",
      });
    });
  }

  for (
    const [mapper, detail] of [
      ["{ claims: ", /:1:\d+: syntax error/],
      ["{\n  claims: {\n    a: error 'boom',\n  },\n}", /:3:8: runtime error: boom/],
      ["{ claims: { a: std.extVar('nope') } }", /:1:16: runtime error: .*nope/],
      ["local x = import 'x.libsonnet'; { claims: x }", /:1:11: import not available x\.libsonnet/],
      ["{ claims: { a: importstr 'x.txt' } }", /import not available x\.txt/],
    ] as const
  ) {
    it(`case 30: ${JSON.stringify(mapper)} is a 400 jsonnet error with a located detail`, async () => {
      await assert.rejects(tokenizeSession(session, mapperTemplate(mapper), options), (error: TokenizerError) => {
        assert.equal(error.code, "ERR_JSONNET");
        assert.equal(error.reason, "Unable to execute tokenizer JsonNet.");
        assert.match(error.detail!, detail);
        assert.equal("debug" in error.toOryBody().error, false);
        return true;
      });
    });
  }

  it("case 32: the mapper sees Kratos's session shape", async () => {
    const withSecrets = sampleSession(
      { identity: { credentials: { password: {} }, metadata_admin: { x: 1 } }, tokenized: "x" } as never,
    );
    const { claims } = await tokenizeSession(
      withSecrets,
      mapperTemplate(
        "local s = std.extVar('session'); { claims: { has: [std.objectHas(s.identity, f) for f in ['credentials', 'metadata_admin']] + [std.objectHas(s, 'tokenized')], mp: s.identity.metadata_public, org: s.identity.organization_id, active: s.active } }",
      ),
      options,
    );
    assert.deepEqual([claims["has"], claims["mp"], claims["org"], claims["active"]], [
      [false, false, false],
      null,
      null,
      true,
    ]);
  });

  it("case 33: the mapper's claims already hold sub and integer times", async () => {
    const payload = await payloadOf(mapperTemplate("local c = std.extVar('claims'); { claims: { seen: c } }"));
    const seen = payload["seen"] as Record<string, unknown>;
    assert.equal(seen["sub"], SAMPLE_IDENTITY_ID);
    assert.deepEqual([seen["exp"], seen["iat"], seen["nbf"]], [1675209660, 1675209600, 1675209600]);
  });

  it("case 34: a missing file:// mapper is a 500 with Go's message", async () => {
    const readFile = (path: string): Promise<Uint8Array> =>
      Promise.reject(new Error(`open ${path}: no such file or directory`));
    const template = { ...encodeTemplate({ jwks: ES256 }), claims_mapper_url: "file://does/not/exist" };
    await assert.rejects(tokenizeSession(session, template, { ...options, readFile }), (error: TokenizerError) => {
      assert.equal(
        error.toOryBody().error.message,
        "read file: file://does/not/exist: open does/not/exist: no such file or directory",
      );
      assert.equal(error.status, 500);
      return true;
    });
  });

  it("case 35: URL-safe or unpadded base64 is refused; wrapped standard base64 is accepted", async () => {
    const mapper = "{ claims: { a: '>>>???' } }"; // encodes with + and /
    const standard = encodeTemplate({ jwks: ES256, claimsMapper: mapper }).claims_mapper_url!;
    assert.match(standard.slice(9), /[+/]/);
    const urlSafe = "base64://" + standard.slice(9).replace(/\+/g, "-").replace(/\//g, "_");
    const unpadded = encodeTemplate({ jwks: ES256, claimsMapper: "{ claims: {} }" }).claims_mapper_url!.replace(
      /=+$/,
      "",
    );
    for (const bad of [urlSafe, unpadded]) {
      await rejects(tokenizeSession(session, { ...encodeTemplate({ jwks: ES256 }), claims_mapper_url: bad }, options), {
        code: "ERR_SOURCE_BASE64",
        status: 500,
        reason: /^base64decode: base64:\/\/\[redacted\]: illegal base64 data at input byte \d+$/,
      });
    }
    const wrapped = "base64://" + standard.slice(9).replace(/(.{8})/g, "$1\n");
    const { claims } = await tokenizeSession(session, {
      ...encodeTemplate({ jwks: ES256 }),
      claims_mapper_url: wrapped,
    }, options);
    assert.equal(claims["a"], ">>>???");
  });

  it("case 36: an http mapper answering 404 is a 500; a 200 answer is cached", async () => {
    let calls = 0;
    const fetch = (url: string) => {
      calls++;
      return Promise.resolve(
        url.endsWith("/missing") ? new Response("", { status: 404 }) : new Response("{ claims: { http: true } }"),
      );
    };
    const tokenizer = new Tokenizer({
      ...options,
      fetch,
      templates: {
        missing: { ...encodeTemplate({ jwks: ES256 }), claims_mapper_url: "https://mappers.test/missing" },
        ok: { ...encodeTemplate({ jwks: ES256 }), claims_mapper_url: "https://mappers.test/ok" },
      },
    });
    await rejects(tokenizer.tokenize(session, "missing"), {
      code: "ERR_SOURCE_HTTP",
      status: 500,
      reason: "expected http response status code 200 but got 404 when fetching: https://mappers.test/missing",
    });
    assert.equal((await tokenizer.tokenize(session, "ok")).claims["http"], true);
    await tokenizer.tokenize(session, "ok");
    assert.equal(calls, 2);
  });

  it("case 37: ttl omitted is 10m here; 1h30m and 1500ms truncate like Go", async () => {
    const exp = async (ttl: string | undefined, now = KRATOS_NOW) =>
      (await tokenizeSession(session, encodeTemplate({ jwks: ES256, ttl }), { ...options, now: () => now }))
        .claims["exp"];
    assert.equal(await exp(undefined), 1675209600 + 600);
    assert.equal(await exp("1h30m"), 1675209600 + 5400);
    assert.equal(await exp("1500ms", KRATOS_NOW + 700), 1675209602);
    assert.equal(await exp("0s"), 1675209600);
  });

  it('case 41: a template without jwks_url is the unknown-scheme 500 for source ""', async () => {
    await rejects(tokenizeSession(session, {} as TokenizerTemplate, options), {
      code: "ERR_SOURCE_SCHEME",
      status: 500,
      reason: 'unknown scheme: in source "": allowed schemes: file, base64',
    });
  });

  it("case 42: two tokens in the same second differ only in jti", async () => {
    const tokenizer = new Tokenizer({ ...options, templates: { t: encodeTemplate({ jwks: ES256, ttl: "1m" }) } });
    const [a, b] = await Promise.all([tokenizer.tokenize(session, "t"), tokenizer.tokenize(session, "t")]);
    assert.notEqual(a.claims["jti"], b.claims["jti"]);
    assert.deepEqual(claimsWithoutJti(a.claims), claimsWithoutJti(b.claims));
  });

  it("a session without ids gets Kratos's nil UUID as sid and sub (Go's zero uuid.UUID)", async () => {
    const { id: _id, ...withoutId } = sampleSession();
    const { id: _identityId, ...identity } = withoutId.identity;
    const bare = { ...withoutId, identity } as unknown as Session;
    const { claims } = await tokenizeSession(bare, encodeTemplate({ jwks: ES256 }), options);
    assert.equal(claims["sid"], "00000000-0000-0000-0000-000000000000");
    assert.equal(claims["sub"], "00000000-0000-0000-0000-000000000000");
    const mapped = await tokenizeSession(bare, mapperTemplate(STUB_MAPPER), options);
    assert.equal(mapped.claims["sid"], "00000000-0000-0000-0000-000000000000");
    assert.equal(mapped.claims["sub"], "00000000-0000-0000-0000-000000000000");
  });

  it("an array as a template is Ory's invalid_configuration 500 in its schema's words", async () => {
    await rejects(tokenizeSession(session, [1] as unknown as TokenizerTemplate, options), {
      code: "ERR_TEMPLATE_INVALID",
      status: 500,
      reason: 'Unable to decode tokenizer template "template": expected object, but got array',
    });
  });

  it("a bad ttl is Ory's invalid_configuration 500", async () => {
    await assert.rejects(
      tokenizeSession(session, encodeTemplate({ jwks: ES256, ttl: "10 minutes" }), options),
      (error: TokenizerError) => {
        assert.equal(error.code, "ERR_TEMPLATE_INVALID");
        assert.deepEqual(error.toOryBody().error, {
          id: "invalid_configuration",
          code: 500,
          status: "Internal Server Error",
          reason:
            'Unable to decode tokenizer template "template": error decoding \'ttl\': time: unknown unit " minutes" in duration "10 minutes"',
          message: "Invalid configuration",
        });
        return true;
      },
    );
  });

  it("a project slug sets the issuer", async () => {
    const { claims } = await tokenizeSession(session, encodeTemplate({ jwks: ES256 }), {
      projectSlug: "happy-cat-123",
    });
    assert.equal(claims["iss"], "https://happy-cat-123.projects.oryapis.com");
  });

  it("without an issuer, iss is Kratos's default public URL with its trailing slash, which the guide's mapper doubles", async () => {
    // Kratos builds an unset serve.public.base_url with the path "/" and writes it back unchanged
    // (docs/decisions.md, 7): its own config test expects `https://<hostname>:4433/`.
    assert.equal(DEFAULT_ISSUER, "http://localhost:4433/");
    const { claims } = await tokenizeSession(session, encodeTemplate({ jwks: ES256 }));
    assert.equal(claims["iss"], "http://localhost:4433/");
    const guide = "local claims = std.extVar('claims'); { claims: { iss: claims.iss + '/additional-component' } }";
    const mapped = await tokenizeSession(session, encodeTemplate({ jwks: ES256, claimsMapper: guide }));
    assert.equal(mapped.claims["iss"], "http://localhost:4433//additional-component");
  });
});
