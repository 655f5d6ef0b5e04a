// Completion and hover that know Ory: session paths through locals, traits from the sample and the schema, std docs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GO_JSONNET_STD } from "../lib/entries/editor.ts";
import { sampleSession } from "../lib/mod.ts";
import {
  memberInfo,
  membersAt,
  pathAt,
  pathBeforeCursor,
  variableAliases,
} from "../extension/src/logic/session_paths.ts";
import { STD_DOCS, stdHover } from "../extension/src/logic/std_docs.ts";

function atEnd(text: string) {
  return pathBeforeCursor(text, text.length);
}

describe("pathBeforeCursor()", () => {
  it("reads a chain from std.extVar directly, however spaced and quoted", () => {
    assert.deepEqual(atEnd('{ a: std.extVar( "session" ).identity.tr'), {
      variable: "session",
      path: ["identity"],
      partial: "tr",
    });
    assert.deepEqual(atEnd("std.extVar('claims')."), {
      variable: "claims",
      path: [],
      partial: "",
    });
  });

  it("follows locals bound to the variables and to their members, and array indexes", () => {
    const text = "local s = std.extVar('session');\nlocal id = s.identity;\n{ claims: { a: id.verifiable_addresses[0].";
    assert.deepEqual(atEnd(text), {
      variable: "session",
      path: ["identity", "verifiable_addresses", 0],
      partial: "",
    });
    assert.deepEqual(variableAliases(text).get("id"), {
      variable: "session",
      path: ["identity"],
    });
  });

  it("stays silent for other expressions", () => {
    assert.equal(atEnd("local x = {a: 1}; x."), undefined);
    assert.equal(atEnd("std."), undefined);
  });
});

describe("membersAt()", () => {
  it("lists Kratos's members with type, meaning and when they may be missing", () => {
    const members = membersAt({ variable: "session", path: ["identity"] });
    const names = members.map((m) => m.name);
    assert.ok(
      names.includes("traits") && names.includes("external_id") &&
        names.includes("metadata_public"),
    );
    const external = members.find((m) => m.name === "external_id")!;
    assert.equal(external.type, "a string");
    assert.match(external.documentation, /subject_source/);
    assert.match(external.documentation, /May be missing: Kratos omits it/);
  });

  it("completes traits from the identity schema and the sample session", () => {
    const schema = {
      properties: {
        traits: {
          properties: {
            email: { type: "string", title: "E-Mail" },
            name: { type: "object", properties: { first: { type: "string" } } },
          },
        },
      },
    };
    const session = sampleSession({
      identity: { traits: { email: "a@b.c", plan: "pro" } },
    });
    const traits = membersAt({
      variable: "session",
      path: ["identity", "traits"],
    }, { identitySchema: schema, session });
    assert.deepEqual(traits.map((m) => [m.name, m.type]), [
      ["email", "a string"],
      ["name", "an object"],
      ["plan", "a string"],
    ]);
    assert.deepEqual(
      membersAt({ variable: "session", path: ["identity", "traits", "name"] }, {
        identitySchema: schema,
      })
        .map((m) => m.name),
      ["first"],
    );
  });

  it("lists the default claims after std.extVar('claims')", () => {
    assert.deepEqual(
      membersAt({ variable: "claims", path: [] }).map((m) => m.name),
      ["exp", "iat", "iss", "jti", "nbf", "sid", "sub"],
    );
  });
});

describe("hover", () => {
  it("finds the member under the cursor and explains it", () => {
    const text = "local s = std.extVar('session');\n{ claims: { aal: s.authenticator_assurance_level } }";
    const offset = text.indexOf("assurance");
    const at = pathAt(text, offset)!;
    assert.deepEqual(at.path, ["authenticator_assurance_level"]);
    assert.equal(text.slice(at.start, at.end), "authenticator_assurance_level");
    assert.match(memberInfo(at)!.documentation, /aal2/);
  });

  it("says why a mapper can never read the credentials", () => {
    assert.match(
      memberInfo({ variable: "session", path: ["identity", "credentials"] })!
        .documentation,
      /removes/,
    );
  });

  it("documents every go-jsonnet std function, and the engine differences", () => {
    assert.deepEqual(
      Object.keys(STD_DOCS).sort(),
      [...GO_JSONNET_STD.keys()].sort(),
    );
    assert.equal(stdHover("objectHas")?.signature, "std.objectHas(o, f)");
    assert.match(
      stdHover("toString")?.difference ?? "",
      /0\.10000000000000001/,
    );
    assert.match(
      stdHover("trim")?.difference ?? "",
      /adds go-jsonnet's definition/,
    );
    assert.equal(stdHover("length")?.difference, undefined);
    assert.equal(stdHover("noSuchFunction"), undefined);
  });
});
