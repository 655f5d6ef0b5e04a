// The std functions the prelude adds behave as go-jsonnet v0.21.0's (Ory's engine) do.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";

const engine = createJsonnetEngine();

async function value(source: string): Promise<unknown> {
  const result = await engine.evaluate({ source, filename: "m.jsonnet", extCode: {} });
  assert.ok(result.ok, result.ok ? "" : result.failure.text);
  return result.value;
}

describe("the prelude's go-jsonnet definitions", () => {
  const vectors: [string, string, unknown][] = [
    // Go's strings.TrimSpace: Unicode White_Space, \v and U+3000 included.
    ["std.trim trims what strings.TrimSpace trims", "std.trim('\\u000b\\u00a0\\u2003 x y\\t\\u3000\\n')", "x y"],
    ["std.trim keeps what it does not", "std.trim('\\u200bx')", "\u200bx"],
    // math.Hypot scales, so huge arguments do not overflow (a naive sqrt(x*x+y*y) fails here).
    ["std.hypot of huge numbers", "std.hypot(3e200, 4e200)", 4e200 * Math.sqrt(1 + (3e200 / 4e200) ** 2)],
    ["std.hypot(0, 0)", "std.hypot(0, 0)", 0],
    // math.Atan2's special cases.
    ["std.atan2 quadrants", "[std.atan2(1, -1) == 3 * std.pi / 4, std.atan2(-1, -1) == -3 * std.pi / 4]", [true, true]],
    ["std.atan2 on the axes", "[std.atan2(0, -1), std.atan2(-0, -1), std.atan2(1, 0), std.atan2(-1, 0)]", [
      Math.PI,
      -Math.PI,
      Math.PI / 2,
      -Math.PI / 2,
    ]],
    ["std.atan2 of signed zeros", "[std.atan2(0, 0), std.atan2(0, -0), std.atan2(-0, -0)]", [0, Math.PI, -Math.PI]],
    ["std.pi is math.Pi", "std.pi", Math.PI],
    ["std.log2 and std.log10", "[std.log2(1024), std.log10(1000) - 3 < 1e-15]", [10, true]],
    ["std.flattenDeepArray", "std.flattenDeepArray([1, [2, [3, [[]]]], 'a'])", [1, 2, 3, "a"]],
  ];
  for (const [name, source, expected] of vectors) {
    it(name, async () => assert.deepEqual(await value(source), expected));
  }

  it("makes the engine's arakoo global fail, as it does in Ory", async () => {
    const result = await engine.evaluate({ source: "arakoo.join", filename: "m.jsonnet", extCode: {} });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.failure.message, /Unknown variable: arakoo/);
    assert.equal(await value("local arakoo = 1; arakoo"), 1);
  });
});
