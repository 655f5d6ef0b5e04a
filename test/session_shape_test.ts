// The session shape lib exports for editor tooling agrees with the sample session, member for member.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSession, sampleSession, TokenizerError } from "../lib/mod.ts";
import { SESSION_SHAPE, type Shape } from "../lib/entries/editor.ts";

function unknownMembers(value: unknown, shape: Shape, path: string): string[] {
  if (
    shape.kind === "object" && typeof value === "object" && value !== null &&
    !Array.isArray(value)
  ) {
    return Object.entries(value).flatMap(([key, member]) => {
      const field = shape.fields[key];
      return field === undefined ? [`${path}${key}`] : unknownMembers(member, field.shape, `${path}${key}.`);
    });
  }
  if (shape.kind === "array" && Array.isArray(value)) {
    return value.flatMap((element, i) => unknownMembers(element, shape.element, `${path}${i}.`));
  }
  return [];
}

describe("SESSION_SHAPE", () => {
  it("knows every member of the sample session", () => {
    assert.deepEqual(unknownMembers(sampleSession(), SESSION_SHAPE, ""), []);
  });

  it("lists members the sample session lacks as absent-able, with a reason", () => {
    const identity = SESSION_SHAPE.kind === "object" ? SESSION_SHAPE.fields["identity"]!.shape : undefined;
    assert.equal(identity?.kind, "object");
    if (identity?.kind === "object") {
      assert.match(identity.fields["region"]!.absent ?? "", /multi-region/);
    }
  });
});

describe("parseSession()", () => {
  // Each wrong shape is Ory's 400 with a reason naming the file and the field, never a TypeError
  // (what a user wrote is data, not a misuse of the API).
  for (
    const [text, reason, detail] of [
      ["{", /^whoami\.json is not JSON$/, /^It does not parse\b/],
      ["[]", /^whoami\.json must hold a session object$/, /holds an array/],
      ['{"id": "s"}', /"identity" must be an object$/, /"identity" is missing/],
      ['{"id": "s", "identity": []}', /"identity" must be an object$/, /"identity" is an array/],
      ['{"identity": {"id": "i"}}', /"id" must be a string \(the sid claim\)$/, /"id" is missing/],
      ['{"id": 5, "identity": {"id": "i"}}', /"id" must be a string/, /"id" is a number/],
      ['{"id": "s", "identity": {"id": {"a": 1}}}', /"identity\.id" must be a string \(the sub claim\)$/, /an object/],
      [
        '{"id": "s", "identity": {"id": "i", "external_id": 7}}',
        /"identity\.external_id" must be a string or null$/,
        /a number/,
      ],
      [
        '{"id": "s", "identity": {"id": "i", "traits": {"n": [1, 1e400]}}}',
        /^whoami\.json has a number no 64-bit float holds$/,
        /^identity\.traits\.n\[1\] is beyond/,
      ],
    ] as const
  ) {
    it(`refuses ${text} with Ory's 400 naming the file and the field`, () => {
      assert.throws(() => parseSession(text, "whoami.json"), (error: Error) => {
        assert.ok(error instanceof TokenizerError, `${error.name}: ${error.message}`);
        assert.equal(error.code, "ERR_INVALID_INPUT");
        assert.equal(error.status, 400);
        assert.match(error.reason, reason);
        assert.match(error.detail ?? "", detail);
        return true;
      });
    });
  }

  it("says where JSON stops parsing, when the runtime's parser tells", {
    skip: "Bun" in globalThis && "Bun's JSON.parse errors carry no position",
  }, () => {
    assert.throws(() => parseSession('{"id": "s",', "whoami.json"), (error: TokenizerError) => {
      assert.match(error.detail ?? "", /^It does not parse at byte 11\./);
      return true;
    });
  });

  it("never quotes the text around a JSON syntax error", () => {
    assert.throws(() => parseSession('{"secret-ish": x}', "s.json"), (error: TokenizerError) => {
      assert.equal(`${error.reason} ${error.detail}`.includes("secret-ish"), false);
      return true;
    });
  });

  it("accepts a session whose external_id is null, and one nested deeper than the stack", () => {
    assert.equal(parseSession('{"id": "s", "identity": {"id": "i", "external_id": null}}', "s").identity.id, "i");
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    assert.equal(parseSession(`{"id": "s", "identity": {"id": "i", "traits": ${deep}}}`, "s").id, "s");
  });
});
