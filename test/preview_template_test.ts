// previewTemplate: one evaluation feeds the findings, the claims and the token; mistakes are data.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createSandboxedJsonnet } from "../lib/entries/jsonnet.ts";
import { encodeTemplate, type JwkSet, sampleSession, tokenizeSession } from "../lib/mod.ts";
import { previewTemplate } from "../lib/entries/lint.ts";
import { fixture, KRATOS_ISSUER, KRATOS_NOW } from "./_helpers.ts";

const GUIDE_MAPPER = fixture("../../examples/basic/claims.jsonnet");
const ES256: JwkSet = JSON.parse(fixture("jwk.es256.json"));
const HS256: JwkSet = { keys: [{ kty: "oct", alg: "HS256", kid: "hmac", k: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0" }] };
const JTI = "00000000-0000-4000-8000-00000000abcd";
const session = sampleSession();
const clock = { issuer: KRATOS_ISSUER, now: new Date(KRATOS_NOW), jti: JTI };
const sandbox = createSandboxedJsonnet();
after(() => sandbox.close());

describe("previewTemplate()", () => {
  it("signs exactly what tokenizeSession signs, byte for byte (HS256 is deterministic)", async () => {
    const preview = await previewTemplate(
      { jwks: HS256, claimsMapper: GUIDE_MAPPER, session, ttl: "1h", ...clock },
      { jsonnet: sandbox },
    );
    const expected = await tokenizeSession(
      session,
      encodeTemplate({ jwks: HS256, claimsMapper: GUIDE_MAPPER, ttl: "1h" }),
      {
        issuer: KRATOS_ISSUER,
        now: () => KRATOS_NOW,
        randomUUID: () => JTI,
        jsonnet: sandbox,
      },
    );
    assert.equal(preview.error, undefined);
    assert.equal(preview.token, expected.token);
    assert.deepEqual(preview.header, expected.header);
    assert.deepEqual(preview.claims, expected.claims);
    assert.deepEqual(Object.keys(preview.claims!), Object.keys(expected.claims));
    assert.deepEqual(preview.verification, { valid: true });
    assert.deepEqual(preview.decoded?.claims, expected.claims);
    assert.equal(preview.decoded?.lifetime !== undefined, true);
  });

  it("names each claim's origin: default, mapper, forced", async () => {
    const mapper = "local c = std.extVar('claims');\n{ claims: c + { sub: 'x', iss: c.iss + '/x', email: 'a@b.c' } }\n";
    const preview = await previewTemplate({ jwks: ES256, claimsMapper: mapper, session, ...clock }, {
      jsonnet: sandbox,
    });
    assert.deepEqual(preview.origins, {
      email: "mapper",
      exp: "default",
      iat: "default",
      iss: "mapper",
      jti: "default",
      nbf: "default",
      sid: "default",
      sub: "forced",
    });
    assert.equal(preview.claims?.["sub"], session.identity.id);
    assert.deepEqual(preview.diagnostics.map((d) => d.code), ["sub-overwritten", "default-claim-overridden"]);
    assert.deepEqual(preview.verification, { valid: true });
  });

  it("reads a template as config holds it, like the parts", async () => {
    const template = encodeTemplate({ jwks: ES256, claimsMapper: GUIDE_MAPPER, ttl: "5m" });
    const fromTemplate = await previewTemplate({ template, session, ...clock }, { jsonnet: sandbox });
    const fromParts = await previewTemplate(
      { jwks: JSON.stringify(ES256), claimsMapper: GUIDE_MAPPER, ttl: "5m", session, ...clock },
      { jsonnet: sandbox },
    );
    assert.deepEqual(fromTemplate.claims, fromParts.claims);
    assert.deepEqual(fromTemplate.header, fromParts.header);
    assert.equal(fromTemplate.claims?.["exp"], KRATOS_NOW / 1000 + 300);
  });

  it("without a mapper, previews Ory's default claims", async () => {
    const preview = await previewTemplate({ jwks: ES256, session, ...clock }, { jsonnet: sandbox });
    assert.deepEqual(preview.diagnostics, []);
    assert.equal(preview.origins?.["sub"], "forced");
    assert.equal(preview.origins?.["iss"], "default");
    assert.equal(preview.claims?.["iss"], KRATOS_ISSUER);
    assert.deepEqual(preview.verification, { valid: true });
  });

  it("returns Ory's evaluation error with its range, beside the finding", async () => {
    const preview = await previewTemplate(
      { jwks: ES256, claimsMapper: "{\n  claims: { a: error 'boom' },\n}\n", session, ...clock },
      { jsonnet: sandbox },
    );
    assert.equal(preview.error?.code, "ERR_JSONNET");
    assert.equal(preview.error?.status, 400);
    assert.equal(preview.error?.reason, "Unable to execute tokenizer JsonNet.");
    assert.equal(preview.error?.range?.start.line, 1);
    assert.equal(preview.token, undefined);
    assert.equal(preview.claims, undefined);
    assert.equal(preview.diagnostics.some((d) => d.code === "jsonnet-runtime"), true);
  });

  it("names the mapper's file in Ory's error detail as the editor calls it", async () => {
    const mapper = "{\n  claims: { a: error 'boom' },\n}\n";
    const named = await previewTemplate(
      { jwks: ES256, claimsMapper: mapper, filename: "team/mapper.jsonnet", session, ...clock },
      { jsonnet: sandbox },
    );
    assert.match(named.error?.detail ?? "", /^team\/mapper\.jsonnet:2:16: runtime error: boom/);
    const unnamed = await previewTemplate({ jwks: ES256, claimsMapper: mapper, session, ...clock }, {
      jsonnet: sandbox,
    });
    assert.match(unnamed.error?.detail ?? "", /^claims\.jsonnet:2:16:/);
  });

  it("returns a syntax error and a missing claims object as data", async () => {
    const syntax = await previewTemplate({ jwks: ES256, claimsMapper: "{ claims: ", session }, { jsonnet: sandbox });
    assert.equal(syntax.error?.code, "ERR_JSONNET");
    assert.equal(syntax.diagnostics[0]?.code, "jsonnet-syntax");
    const shape = await previewTemplate({ jwks: ES256, claimsMapper: "{ claim: {} }", session }, { jsonnet: sandbox });
    assert.equal(shape.error?.code, "ERR_CLAIMS_NOT_OBJECT");
    assert.equal(shape.error?.reason, "Expected tokenizer JsonNet to return a claims object but it did not.");
    assert.deepEqual(shape.error?.range, shape.diagnostics.find((d) => d.code === "claims-not-object")?.range);
  });

  it("reports a broken key set in Kratos's order and still lints the mapper", async () => {
    const preview = await previewTemplate(
      { jwks: "{ not json", claimsMapper: "{ claims: { sub: 'x' } }", session },
      { jsonnet: sandbox },
    );
    assert.equal(preview.error?.code, "ERR_JWKS_PARSE");
    assert.equal(preview.error?.status, 400);
    assert.deepEqual(preview.diagnostics.map((d) => d.code), ["sub-overwritten"]);
    assert.equal(preview.token, undefined);
    const empty = await previewTemplate({ jwks: { keys: [] }, session });
    assert.equal(empty.error?.code, "ERR_JWKS_EMPTY");
    const noAlg = await previewTemplate({ jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] }, session });
    assert.equal(noAlg.error?.code, "ERR_JWK_ALG");
  });

  it("returns the template, subject and session errors Ory answers, never throwing", async () => {
    const ttl = await previewTemplate({ jwks: ES256, ttl: "ten minutes", session, templateName: "jwt" });
    assert.equal(ttl.error?.code, "ERR_TEMPLATE_INVALID");
    assert.equal(ttl.error?.status, 500);
    assert.match(ttl.error!.reason, /^Unable to decode tokenizer template "jwt"/);
    const subject = await previewTemplate({
      jwks: ES256,
      claimsMapper: "{ claims: {} }",
      subjectSource: "external_id",
      session: sampleSession({ identity: { external_id: undefined } }),
    }, { jsonnet: sandbox });
    assert.equal(subject.error?.code, "ERR_SUBJECT_EXTERNAL_ID");
    assert.equal(subject.claims, undefined);
    assert.equal(subject.token, undefined);
    // deno-lint-ignore no-explicit-any
    const noSession = await previewTemplate({ jwks: ES256, session: null as any });
    assert.equal(noSession.error?.code, "ERR_INVALID_INPUT");
    const noTemplateKey = await previewTemplate({ template: { jwks_url: "ftp://x" }, session });
    assert.equal(noTemplateKey.error?.status, 500);
  });

  it("reports a token that would not verify, without failing", async () => {
    const preview = await previewTemplate({
      jwks: HS256,
      claimsMapper: "{ claims: { exp: 1 } }",
      session,
      ...clock,
    }, { jsonnet: sandbox });
    assert.equal(preview.error, undefined);
    assert.equal(preview.verification?.valid, false);
    assert.match((preview.verification as { message: string }).message, /expired/i);
  });

  it("takes the issuer from an Ory Network project slug, as Tokenizer does, unless an issuer is given", async () => {
    const bySlug = await previewTemplate({ jwks: ES256, session, projectSlug: "my-slug" }, { jsonnet: sandbox });
    assert.equal(bySlug.claims?.["iss"], "https://my-slug.projects.oryapis.com");
    const both = await previewTemplate({ jwks: ES256, session, projectSlug: "my-slug", issuer: "https://i.example/" }, {
      jsonnet: sandbox,
    });
    assert.equal(both.claims?.["iss"], "https://i.example/");
    const neither = await previewTemplate({ jwks: ES256, session }, { jsonnet: sandbox });
    assert.equal(neither.claims?.["iss"], "http://localhost:4433/");
  });
});
