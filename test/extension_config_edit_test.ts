// Encoding a template into a Kratos config: the smallest text edit, in YAML and JSON, keeping the rest of the file.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { encodeTemplate, type TokenizerError } from "../lib/mod.ts";
import { minimalEdit, templateConfigEdit, templateNames, type TextEdit } from "../extension/src/logic/config_edit.ts";

const TEMPLATE = encodeTemplate({
  jwks: {
    keys: [{
      kty: "oct",
      alg: "HS256",
      k: "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
    }],
  },
  claimsMapper: "{ claims: {} }",
  ttl: "10m",
});

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

const KRATOS_YML = `# Kratos config
serve:
  public:
    base_url: http://localhost:4433/ # the issuer
session:
  whoami:
    tokenizer:
      templates:
        other:
          jwks_url: base64://e30=
          ttl: 1m
`;

describe("templateConfigEdit()", () => {
  it("adds a template to kratos.yml, keeping comments and the other templates", () => {
    const text = KRATOS_YML;
    const edit = templateConfigEdit({
      text,
      format: "yaml",
      label: "kratos.yml",
    }, { name: "jwt", template: TEMPLATE });
    const after = apply(text, edit);
    assert.ok(
      after.includes("# the issuer") && after.startsWith("# Kratos config\n"),
    );
    const templates = parse(after).session.whoami.tokenizer.templates;
    assert.deepEqual(templates.jwt, TEMPLATE);
    assert.deepEqual(templates.other, { jwks_url: "base64://e30=", ttl: "1m" });
    // Only the end of the file changes, and the base64 value stays on one line.
    assert.ok(edit.start >= text.indexOf("          ttl: 1m"));
    assert.ok(after.includes(`jwks_url: ${TEMPLATE.jwks_url}\n`));
  });

  it("replaces a template of the same name and creates the path in an empty file", () => {
    const replaced = apply(
      KRATOS_YML,
      templateConfigEdit({ text: KRATOS_YML, format: "yaml", label: "k.yml" }, {
        name: "other",
        template: TEMPLATE,
      }),
    );
    assert.deepEqual(
      parse(replaced).session.whoami.tokenizer.templates.other,
      TEMPLATE,
    );
    const created = apply(
      "",
      templateConfigEdit({ text: "", format: "yaml", label: "k.yml" }, {
        name: "t",
        template: TEMPLATE,
      }),
    );
    assert.deepEqual(parse(created), {
      session: { whoami: { tokenizer: { templates: { t: TEMPLATE } } } },
    });
  });

  it("edits JSON with the file's own indentation", () => {
    const text = '{\n    "serve": {}\n}\n';
    const after = apply(
      text,
      templateConfigEdit({ text, format: "json", label: "k.json" }, {
        name: "t",
        template: TEMPLATE,
      }),
    );
    assert.deepEqual(
      JSON.parse(after).session.whoami.tokenizer.templates.t,
      TEMPLATE,
    );
    assert.ok(after.startsWith('{\n    "serve": {},\n    "session"'), after);
    assert.ok(after.endsWith("}\n"));
  });

  it("names the file and the problem for input it cannot edit", () => {
    const at = (text: string, format: "yaml" | "json") => () =>
      templateConfigEdit({ text, format, label: "cfg" }, {
        name: "t",
        template: TEMPLATE,
      });
    assert.throws(at("a: [", "yaml"), {
      name: "TokenizerError",
      code: "ERR_INVALID_INPUT",
      reason: "cfg is not YAML",
    });
    assert.throws(at("{", "json"), {
      name: "TokenizerError",
      code: "ERR_INVALID_INPUT",
      reason: "cfg is not JSON",
    });
    assert.throws(
      at('{"k": "secret-ish" x}', "json"),
      (error: TokenizerError) => {
        assert.equal(
          `${error.message} ${error.detail}`.includes("secret-ish"),
          false,
        );
        return true;
      },
    );
    assert.throws(at("- a\n", "yaml"), /cfg must hold a YAML mapping/);
    assert.throws(at("session: 3\n", "yaml"), /cfg: session must be a mapping/);
    assert.throws(
      at('{"session": []}', "json"),
      /cfg: "session" must be an object/,
    );
  });
});

describe("templateNames()", () => {
  it("lists the templates a config defines", () => {
    assert.deepEqual(
      templateNames({ text: KRATOS_YML, format: "yaml", label: "k" }),
      ["other"],
    );
    assert.deepEqual(
      templateNames({ text: "{}", format: "json", label: "k" }),
      [],
    );
  });
});

describe("minimalEdit()", () => {
  it("keeps the common prefix and suffix", () => {
    assert.deepEqual(minimalEdit("abcXYdef", "abcZdef"), {
      start: 3,
      end: 5,
      newText: "Z",
    });
    assert.deepEqual(minimalEdit("aaa", "aaaa"), {
      start: 3,
      end: 3,
      newText: "a",
    });
    assert.deepEqual(minimalEdit("same", "same"), {
      start: 4,
      end: 4,
      newText: "",
    });
  });
});
