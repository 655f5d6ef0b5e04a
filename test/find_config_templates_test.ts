// findConfigTemplates(): the templates in a kratos.yml, a JSON config, a JSON Patch, a saved
// `ory patch` command, a single template or a base64:// value, read back from lib's own writers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { findConfigTemplates } from "../lib/config/find_config_templates.ts";
import { TokenizerError } from "../lib/errors.ts";
import { encodeTemplate, toJsonPatch, type TokenizerTemplate, toKratosConfig, toOryPatchCommand } from "../lib/mod.ts";
import { fixture, STUB_MAPPER } from "./_helpers.ts";

const template = encodeTemplate({ jwks: fixture("jwk.es256.json"), claimsMapper: STUB_MAPPER, ttl: "10m" });
const small = { jwks_url: "base64://e30=" };
const POINTER = "/session/whoami/tokenizer/templates";
/** Stands for key material: no message may show it. */
const SECRET = "c2VjcmV0LWtleS1tYXRlcmlhbA";

/** YAML with the parser's first line only, as the CLI's parser reports it. */
function yaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new SyntaxError((error as Error).message.split("\n")[0]);
  }
}

describe("findConfigTemplates()", () => {
  const found: [string, string, (text: string) => unknown, Record<string, unknown>][] = [
    ["a kratos.yml", toKratosConfig({ jwt: template }, "yaml"), yaml, { jwt: template }],
    ["a JSON config", toKratosConfig({ a: template, b: small }, "json"), JSON.parse, { a: template, b: small }],
    [
      "a JSON Patch, one operation per template",
      JSON.stringify(toJsonPatch({ a: template, "b.c": small })),
      JSON.parse,
      {
        a: template,
        "b.c": small,
      },
    ],
    [
      "a JSON Patch setting the templates at once, beside other operations",
      JSON.stringify([{ op: "add", path: "/serve", value: {} }, { op: "add", path: POINTER, value: { a: small } }]),
      JSON.parse,
      { a: small },
    ],
    [
      "a JSON Patch pointer with RFC 6901 escapes",
      JSON.stringify([{ op: "add", path: `${POINTER}/a~1b~0c`, value: small }]),
      JSON.parse,
      { "a/b~c": small },
    ],
    ["a saved `ory patch identity-config` command", toOryPatchCommand("jwt", template), yaml, { jwt: template }],
    [
      "a saved command with a quote escaped for the shell",
      `ory patch identity-config \\\n  --add '${POINTER}/q={"jwks_url":"base64://e30=","x":"it'\\''s"}'\n`,
      yaml,
      { q: { ...small, x: "it's" } },
    ],
    ["a single template object", JSON.stringify(template), JSON.parse, { template }],
    ["a lone base64:// value", "base64://e30=\n", yaml, { value: small }],
  ];
  for (const [what, text, parse, expected] of found) {
    it(`finds the templates in ${what}`, () => {
      assert.deepEqual(findConfigTemplates(text, { parse, label: "cfg" }), expected);
    });
  }

  it("keeps a template named __proto__ as a template, not a prototype", () => {
    const text = JSON.stringify([{ op: "add", path: POINTER, value: JSON.parse('{"__proto__": {"jwks_url": "x"}}') }]);
    const templates = findConfigTemplates(text, { parse: JSON.parse });
    assert.equal(Object.getPrototypeOf(templates), Object.prototype);
    assert.deepEqual(Object.keys(templates), ["__proto__"]);
  });

  const refused: [string, string, RegExp, RegExp?][] = [
    ["text that does not parse", "session: [\n", /^Cannot parse cfg: \S/],
    [
      "a config without templates",
      "serve: {}\n",
      /^Cannot find tokenizer templates in cfg$/,
      /^Looked for session\.whoami/,
    ],
    [
      "a templates list",
      `{"session":{"whoami":{"tokenizer":{"templates":[]}}}}`,
      /^Cannot find tokenizer templates in cfg$/,
    ],
    ["a number", "42", /^Cannot find tokenizer templates in cfg$/],
    ["a string that is no base64:// value", "file://jwks.json", /^Cannot find tokenizer templates in cfg$/],
    [
      "an empty templates mapping",
      toKratosConfig({}, "yaml"),
      /^Cannot find tokenizer templates in cfg: session\.whoami\.tokenizer\.templates is empty$/,
    ],
    [
      "a JSON Patch that sets no template",
      JSON.stringify([{ op: "add", path: "/serve", value: {} }, { op: "add", path: `${POINTER}/a`, value: "x" }]),
      /^Cannot find tokenizer templates in cfg: the JSON Patch sets none$/,
      /path is \/session\/whoami\/tokenizer\/templates\/<name>/,
    ],
    [
      "a saved command that adds no template",
      "ory patch identity-config --add '/serve={}'",
      /^Cannot find tokenizer templates in cfg: the `ory patch identity-config` command adds none$/,
      /single-quoted --add/,
    ],
    [
      "a saved command whose --add value is not JSON",
      `ory patch identity-config --add '${POINTER}/x={"jwks_url": "base64://${SECRET}"'`,
      /^Cannot read the --add value for \/session\/whoami\/tokenizer\/templates\/x in cfg: it is not JSON$/,
    ],
    [
      "a template that is not an object",
      JSON.stringify({ session: { whoami: { tokenizer: { templates: { ok: small, x: `base64://${SECRET}` } } } } }),
      /^Cannot read template "x" in cfg: it is not an object$/,
    ],
    [
      "a saved command's template that is not an object",
      `ory patch identity-config --add '${POINTER}/x=["base64://${SECRET}"]'`,
      /^Cannot read template "x" in cfg: it is not an object$/,
    ],
  ];
  for (const [what, text, reason, detail] of refused) {
    it(`refuses ${what} with ERR_INVALID_INPUT, showing no value`, () => {
      assert.throws(() => findConfigTemplates(text, { parse: yaml, label: "cfg" }), (error: unknown) => {
        assert.ok(error instanceof TokenizerError);
        assert.equal(error.code, "ERR_INVALID_INPUT");
        assert.equal(error.status, 400);
        assert.match(error.reason, reason);
        assert.ok(error.detail !== undefined && error.detail !== "", "says what it looked for");
        if (detail !== undefined) assert.match(error.detail, detail);
        assert.ok(!`${error.message}\n${error.detail}`.includes(SECRET), "no key material");
        return true;
      });
    });
  }

  it("names the text `the config` when no label is given", () => {
    assert.throws(() => findConfigTemplates("{}", { parse: JSON.parse }), {
      message: "Cannot find tokenizer templates in the config",
    });
  });

  it("refuses a caller's misuse with a TypeError", () => {
    assert.throws(() => findConfigTemplates(42 as unknown as string, { parse: JSON.parse }), TypeError);
    assert.throws(
      () => findConfigTemplates("{}", {} as { parse: (text: string) => TokenizerTemplate }),
      TypeError,
    );
  });
});
