// The session shape lib exports for editor tooling agrees with the sample session, member for member.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSession, sampleSession } from "../lib/mod.ts";
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
  for (
    const [text, message] of [
      ["{", /^whoami\.json is not JSON/],
      ["[]", /^whoami\.json must hold a session object/],
      ['{"id": "s"}', /^whoami\.json has no "identity" object/],
    ] as const
  ) {
    it(`refuses ${text} with a message naming the file`, () => {
      assert.throws(() => parseSession(text, "whoami.json"), (error: Error) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, message);
        return true;
      });
    });
  }
});
