// toKratosConfig() and toJsonPatch(): the blocks a self-hosted kratos.yml and a patch document take.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import {
  checkTemplateName,
  encodeTemplate,
  toJsonPatch,
  TokenizerError,
  type TokenizerTemplate,
  toKratosConfig,
} from "../lib/mod.ts";
import { fixture, STUB_MAPPER } from "./_helpers.ts";

const template = encodeTemplate({ jwks: fixture("jwk.es256.json"), claimsMapper: STUB_MAPPER, ttl: "10m" });

describe("toKratosConfig()", () => {
  it("writes the session.whoami.tokenizer.templates block as YAML", () => {
    const yaml = toKratosConfig({ jwt_example_template1: template }, "yaml");
    assert.equal(
      yaml,
      `session:
  whoami:
    tokenizer:
      templates:
        jwt_example_template1:
          jwks_url: ${template.jwks_url}
          claims_mapper_url: ${template.claims_mapper_url}
          ttl: 10m
`,
    );
    assert.deepEqual(parseYaml(yaml), {
      session: { whoami: { tokenizer: { templates: { jwt_example_template1: template } } } },
    });
  });

  it("writes the same block as JSON", () => {
    const json = toKratosConfig({ a: template, b: { jwks_url: "base64://e30=" } }, "json");
    assert.deepEqual(JSON.parse(json), {
      session: { whoami: { tokenizer: { templates: { a: template, b: { jwks_url: "base64://e30=" } } } } },
    });
    assert.ok(json.endsWith("}\n"));
  });

  it("quotes whatever YAML would read as something else", () => {
    const odd = {
      jwks_url: "file://keys: v1 #2/jwks.json",
      claims_mapper_url: "file://mappers/\u2028x\u0085.jsonnet",
      ttl: "1h30m",
      subject_source: "external_id",
    } as TokenizerTemplate;
    const names = ["1", "true", "null", "yes", "1.5", "-x", ".hidden", "on", "a.b"];
    const templates = Object.fromEntries(names.map((name) => [name, odd]));
    const parsed = parseYaml(toKratosConfig(templates, "yaml"), { version: "1.1" });
    assert.deepEqual(parsed, { session: { whoami: { tokenizer: { templates } } } });
    assert.deepEqual(parseYaml(toKratosConfig(templates, "yaml")), parsed);
  });

  it("refuses a name outside Ory's pattern", () => {
    assert.throws(() => toKratosConfig({ "a b": template }, "yaml"), { code: "ERR_TEMPLATE_NAME" });
  });

  it("refuses an unknown format with a TypeError", () => {
    assert.throws(() => toKratosConfig({ a: template }, "toml" as "yaml"), TypeError);
  });
});

describe("toJsonPatch()", () => {
  it("writes one add operation per template", () => {
    assert.deepEqual(toJsonPatch({ a: template, "b.c": { jwks_url: "base64://e30=", ttl: "1m" } }), [
      { op: "add", path: "/session/whoami/tokenizer/templates/a", value: template },
      { op: "add", path: "/session/whoami/tokenizer/templates/b.c", value: { jwks_url: "base64://e30=", ttl: "1m" } },
    ]);
  });

  it("writes replace operations on request", () => {
    assert.equal(toJsonPatch({ a: template }, { op: "replace" })[0]?.op, "replace");
  });
});

describe("checkTemplateName()", () => {
  for (const name of ["jwt_example_template1", "a", "A-b_c.d", "0"]) {
    it(`accepts ${JSON.stringify(name)}`, () => assert.equal(checkTemplateName(name), name));
  }
  for (const name of ["", " a", "a\n", "ä", "a/b", "a~b", "a%20b", "a=b"]) {
    it(`refuses ${JSON.stringify(name)}, explaining Ory's pattern`, () => {
      assert.throws(() => checkTemplateName(name), (error: unknown) => {
        assert.ok(error instanceof TokenizerError);
        assert.equal(error.code, "ERR_TEMPLATE_NAME");
        assert.match(
          error.message,
          /^Cannot use (an empty template name|the template name ".*": it may only contain)/s,
        );
        assert.doesNotMatch(error.message, /\.$/);
        return true;
      });
    });
  }
});
