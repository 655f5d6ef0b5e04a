// compareClaims(): exact claims, and the per-token claims matched by kind.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ClaimDifference, compareClaims, formatClaimDifferences } from "../lib/entries/golden.ts";

const expected = {
  exp: 1675210200,
  iat: 1675209600,
  iss: "http://localhost:4433/",
  jti: "00000000-0000-4000-8000-000000000000",
  nbf: 1675209600,
  sid: "s",
  sub: "u",
  aal: "aal1",
  groups: ["a", "b"],
  name: { first: "Alice" },
};
// A token issued later by Ory: another jti and clock, the same ttl.
const later = {
  ...expected,
  jti: "9b2b6c52-4f0b-4c1e-9d7a-2f1e0c3b4a59",
  iat: 1714558273,
  nbf: 1714558273,
  exp: 1714558873,
};

const vectors: [string, Record<string, unknown>, ClaimDifference[]][] = [
  ["the same claims", expected, []],
  ["another token's jti, iat, nbf and exp with the same ttl", later, []],
  ["exp with another ttl", { ...later, exp: later.iat + 60 }, [
    {
      path: "exp",
      kind: "kind",
      expected: 1675210200,
      actual: 1714558333,
      requirement: "an integer 600 seconds after iat",
    },
  ]],
  ["a jti that is not a UUID v4", { ...expected, jti: "fixed" }, [
    { path: "jti", kind: "kind", expected: expected.jti, actual: "fixed", requirement: "a UUID v4" },
  ]],
  ["iat as a string (exp still equals its expected value)", { ...expected, iat: "now" }, [
    { path: "iat", kind: "kind", expected: 1675209600, actual: "now", requirement: "an integer" },
  ]],
  ["changed, missing and unexpected claims, nested", {
    ...expected,
    aal: "aal2",
    groups: ["a", "c"],
    name: { last: "Smith" },
    extra: null,
    sid: undefined,
  }, [
    { path: "aal", kind: "changed", expected: "aal1", actual: "aal2" },
    { path: "extra", kind: "unexpected", actual: null },
    { path: "groups[1]", kind: "changed", expected: "b", actual: "c" },
    { path: "name.first", kind: "missing", expected: "Alice" },
    { path: "name.last", kind: "unexpected", actual: "Smith" },
    { path: "sid", kind: "missing", expected: "s" },
  ]],
  ["arrays of another length", { ...expected, groups: ["a"] }, [
    { path: "groups", kind: "changed", expected: ["a", "b"], actual: ["a"] },
  ]],
];

describe("compareClaims()", () => {
  for (const [name, actual, differences] of vectors) {
    it(`compares ${name}`, () => {
      const clean = Object.fromEntries(Object.entries(actual).filter(([, v]) => v !== undefined));
      assert.deepEqual(compareClaims(expected, clean, { expSeconds: 600 }), differences);
    });
  }

  it("matches an exp overridden by the mapper exactly", () => {
    assert.deepEqual(compareClaims({ ...expected, exp: 1 }, { ...expected, exp: 1 }, { expSeconds: 600 }), []);
  });

  it("formats differences as - expected / + actual lines", () => {
    const lines = formatClaimDifferences(compareClaims(expected, { ...expected, aal: "aal2" }));
    assert.deepEqual(lines, ['- aal: "aal1"', '+ aal: "aal2"']);
    assert.deepEqual(formatClaimDifferences([{ path: "sid", kind: "missing", expected: "s" }]), [
      '- sid: "s"    (missing)',
    ]);
  });
});
