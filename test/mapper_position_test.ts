// The editor model: what is at a position of a mapper and what completes there, from the linter's parser
// and scopes (so shadowing is followed), with the session's shape, the sample, the identity schema and
// go-jsonnet's std with this engine's differences.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GO_JSONNET_STD, mapperCompletionAt, mapperSubjectAt, stdDoc } from "../lib/entries/editor.ts";
import { sampleSession } from "../lib/mod.ts";
import { STD_DOCS } from "../lib/lint/std_docs.ts";
import { GO_JSONNET_STD_PARAMETERS } from "../lib/lint/std_functions.ts";

/** The labels offered where `|` stands in the source. */
function labels(marked: string, data = {}): string[] | undefined {
  const offset = marked.indexOf("|");
  return mapperCompletionAt(marked.replace("|", ""), offset, data)?.entries.map((entry) => entry.label);
}

/** The subject under `|`. */
function subject(marked: string, data = {}) {
  return mapperSubjectAt(marked.replace("|", ""), marked.indexOf("|"), data);
}

const IDENTITY = [
  "created_at",
  "external_id",
  "id",
  "metadata_public",
  "organization_id",
  "recovery_addresses",
  "region",
  "schema_id",
  "schema_url",
  "state",
  "state_changed_at",
  "traits",
  "updated_at",
  "verifiable_addresses",
];

describe("mapperCompletionAt()", () => {
  const vectors: [string, string, string[] | undefined][] = [
    ["directly after std.extVar, however spaced and quoted", '{ a: std.extVar( "session" ).identity.| }', IDENTITY],
    ["a partly typed name, the rest of the file intact", "{ a: std.extVar('session').identity.tr|, b: 1 }", IDENTITY],
    ["mid-edit, brackets left open", "local s = std.extVar('session');\n{ claims: { a: s.identity.|", IDENTITY],
    ["a top-level local mid-edit", "local s = std.extVar('session');\nlocal i = s.identity.|", IDENTITY],
    [
      "through locals bound to members, and array indexes",
      "local s = std.extVar('session');\nlocal id = s.identity;\n{ a: id.verifiable_addresses[0].| }",
      ["created_at", "id", "status", "updated_at", "value", "verified", "verified_at", "via"],
    ],
    [
      "through a comprehension variable",
      "local s = std.extVar('session');\n[m.| for m in s.authentication_methods]",
      ["aal", "completed_at", "method", "organization", "provider", "upstream_acr", "upstream_amr"],
    ],
    ["the default claims", "std.extVar('claims').|", ["exp", "iat", "iss", "jti", "nbf", "sid", "sub"]],
    ["nothing for a local that shadows the session", "local s = std.extVar('session'); local s = { a: 1 }; s.|", []],
    ["nothing after a user's own std", "local std = { a: 1 }; std.|", []],
    ["nothing outside a member access", "{ a: 1| }", undefined],
  ];
  for (const [what, marked, expected] of vectors) {
    it(`completes ${what}`, () => assert.deepEqual(labels(marked), expected));
  }

  it("completes go-jsonnet's std functions with their signatures, replacing the typed part", () => {
    const source = "{ a: std.obj }";
    const completion = mapperCompletionAt(source, source.indexOf(" }"))!;
    assert.deepEqual(completion.span, { start: source.indexOf("obj"), end: source.indexOf(" }") });
    assert.deepEqual(completion.entries.map((entry) => entry.label).sort(), [...GO_JSONNET_STD.keys()].sort());
    const has = completion.entries.find((entry) => entry.label === "objectHas")!;
    assert.deepEqual([has.kind, has.detail], ["function", "std.objectHas(o, f)"]);
    assert.equal(completion.entries.find((entry) => entry.label === "pi")?.kind, "constant");
  });

  it("completes traits from the identity schema and the sample session", () => {
    const identitySchema = {
      properties: {
        traits: {
          properties: {
            email: { type: "string", title: "E-Mail" },
            name: { type: "object", properties: { first: { type: "string" } } },
          },
        },
      },
    };
    const session = sampleSession({ identity: { traits: { email: "a@b.c", plan: "pro" } } });
    const source = "local t = std.extVar('session').identity.traits;\n{ a: t.| }";
    const entries = mapperCompletionAt(source.replace("|", ""), source.indexOf("|"), { identitySchema, session })!
      .entries;
    assert.deepEqual(entries.map((entry) => [entry.label, entry.detail, entry.documentation]), [
      ["email", "a string", "E-Mail"],
      ["name", "an object", "A trait of your identity schema."],
      ["plan", "a string", "In the sample session."],
    ]);
    assert.deepEqual(labels("std.extVar('session').identity.traits.name.|", { identitySchema }), ["first"]);
  });

  it("documents Kratos's members with their type, meaning and when they may be missing", () => {
    const source = "std.extVar('session').identity.";
    const external = mapperCompletionAt(source, source.length)!.entries.find((entry) => entry.label === "external_id")!;
    assert.equal(external.detail, "a string");
    assert.match(external.documentation, /subject_source/);
    assert.match(external.documentation, /May be missing: Kratos omits it/);
  });
});

describe("mapperSubjectAt()", () => {
  it("explains the member under the cursor, through locals", () => {
    const found = subject("local s = std.extVar('session');\n{ aal: s.authenticator_as|surance_level }");
    assert.equal(found?.kind, "member");
    if (found?.kind !== "member") return;
    assert.equal(found.path, "session.authenticator_assurance_level");
    assert.match(found.member.documentation, /aal2/);
  });

  it("follows array elements and comprehension variables", () => {
    const found = subject("local s = std.extVar('session');\n[m.meth|od for m in s.authentication_methods]");
    assert.equal(found?.kind === "member" && found.path, "session.authentication_methods[i].method");
  });

  it("says why a mapper can never read the credentials", () => {
    const found = subject("std.extVar('session').identity.creden|tials");
    assert.equal(found?.kind === "member" && found.member.type, "never present");
    assert.match(found?.kind === "member" ? found.member.documentation : "", /removes/);
  });

  it("describes a local bound to a path", () => {
    const found = subject("local traits = std.extVar('session').identity.traits; tra|its");
    assert.equal(found?.kind === "member" && found.path, "session.identity.traits");
  });

  it("follows shadowing: a rebound local is not the session", () => {
    assert.equal(subject("local s = std.extVar('session'); local s = { id: 1 }; s.i|d"), undefined);
    assert.equal(subject("local std = { length: 1 }; std.len|gth"), undefined);
  });

  it("gives a std function's signature, meaning and engine difference", () => {
    const found = subject("std.toSt|ring(1)");
    assert.equal(found?.kind === "std" && found.std.signature, "std.toString(a)");
    assert.match(found?.kind === "std" ? found.std.difference ?? "" : "", /0\.10000000000000001/);
  });

  it("explains a member mid-edit, when the rest of the file does not parse yet", () => {
    const found = subject("local s = std.extVar('session'); { a: s.iden|tity, b: s.identity.");
    assert.equal(found?.kind === "member" && found.path, "session.identity");
  });

  it("has nothing to say where the text before the cursor does not parse", () => {
    assert.equal(subject("local s = ; { a: s.iden|tity }"), undefined);
  });
});

describe("stdDoc()", () => {
  it("documents every go-jsonnet std function, and the engine differences from lib's tables", () => {
    assert.deepEqual(Object.keys(STD_DOCS).sort(), [...GO_JSONNET_STD.keys()].sort());
    assert.equal(stdDoc("objectHas")?.signature, "std.objectHas(o, f)");
    // go-jsonnet's own parameter names and defaults (builtins.go, std.jsonnet), from the generated table.
    assert.equal(stdDoc("equals")?.signature, "std.equals(x, y)");
    assert.equal(stdDoc("sort")?.signature, "std.sort(arr, keyF=id)");
    assert.equal(stdDoc("get")?.signature, "std.get(o, f, default=null, inc_hidden=true)");
    assert.equal(
      stdDoc("manifestJsonEx")?.signature,
      'std.manifestJsonEx(value, indent, newline="\\n", key_val_sep=": ")',
    );
    assert.equal(stdDoc("pi")?.signature, "std.pi");
    assert.equal(stdDoc("pi")?.constant, true);
    assert.deepEqual([...GO_JSONNET_STD_PARAMETERS.keys()].filter((name) => !GO_JSONNET_STD.has(name)), []);
    assert.match(stdDoc("trim")?.difference ?? "", /adds go-jsonnet's definition/);
    assert.equal(stdDoc("length")?.difference, undefined);
    assert.equal(stdDoc("noSuchFunction"), undefined);
    assert.equal(stdDoc("toString")?.name, "toString");
    assert.equal(stdDoc("constructor"), undefined);
  });
});
