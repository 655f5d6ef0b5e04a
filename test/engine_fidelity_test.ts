// The engine answers as Ory's go-jsonnet v0.21.0 does: every vector in _go_jsonnet_vectors.ts (go-jsonnet's
// own answers), the output limit measured on go-jsonnet's bytes, and the mapper's bytes decoded as Ory does.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { goJsonnetOutputBytes } from "../lib/jsonnet/go_jsonnet_output_size.ts";
import { decodeUtf8LikeGo } from "../lib/encoding/decode_utf8_like_go.ts";
import { FIDELITY_SESSION, GO_JSONNET_VECTORS } from "./_go_jsonnet_vectors.ts";
import { GO_JSONNET_FORMAT_VECTORS } from "./_go_jsonnet_format_vectors.ts";

const engine = createJsonnetEngine();

/** Equality of two JSON values (node:util's isDeepStrictEqual is missing in workerd, where this suite runs too). */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual !== "object" || actual === null || typeof expected !== "object" || expected === null) {
    return Object.is(actual, expected);
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return false;
  const keys = Object.keys(actual);
  return keys.length === Object.keys(expected).length &&
    keys.every((key) =>
      Object.hasOwn(expected, key) &&
      sameValue((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key])
    );
}

async function evaluate(source: string, filename = "mapper.jsonnet") {
  return await engine.evaluate({
    source: `local s = std.extVar('session'); ${source}`,
    filename,
    extCode: { session: FIDELITY_SESSION, claims: "{}" },
  });
}

describe("the engine answers as go-jsonnet", () => {
  for (const [source, answer] of GO_JSONNET_VECTORS) {
    it(`${JSON.stringify(source)} gives ${"value" in answer ? JSON.stringify(answer.value) : "an error"}`, async () => {
      const result = await evaluate(source);
      if ("value" in answer) {
        assert.ok(result.ok, result.ok ? "" : result.failure.text);
        assert.deepEqual(result.value, answer.value);
      } else {
        assert.equal(result.ok, false, result.ok ? `expected an error, got ${result.output}` : "");
      }
    });
  }

  it("formats as go-jsonnet: every conversion, flag, width and precision of the recorded table", async () => {
    const wrong: string[] = [];
    for (const [source, answer] of GO_JSONNET_FORMAT_VECTORS) {
      const result = await evaluate(source);
      const agrees = "value" in answer ? result.ok && sameValue(result.value, answer.value) : !result.ok;
      if (!agrees) {
        wrong.push(
          `${source}\n  go-jsonnet: ${JSON.stringify(answer)}\n  here: ${
            result.ok ? JSON.stringify(result.value) : result.failure.message
          }`,
        );
      }
    }
    assert.equal(wrong.length, 0, wrong.slice(0, 5).join("\n"));
  });

  it("keeps the author's columns after a compiled format", async () => {
    const cases: [string, { line: number; column: number }][] = [
      ["{\n  a: '%05.1f' % [1.5] + std.format('%x', 255) + error 'boom',\n}", { line: 1, column: 48 }],
      // A value of the wrong type: inside the format literal ('%d' is columns 5 to 8).
      ["{\n  a: '%d' % ['x'],\n}", { line: 1, column: 8 }],
    ];
    for (const [source, start] of cases) {
      const result = await evaluate(source);
      assert.equal(result.ok, false, source);
      if (!result.ok) assert.deepEqual(result.failure.range?.start, start, source);
    }
  });

  it("gives std.thisFile the file name, as Ory gives the claims_mapper_url", async () => {
    const result = await evaluate("{ f: std.thisFile, g: (local t = std; t.thisFile) }", "base64://e30=");
    assert.ok(result.ok);
    assert.deepEqual(result.value, { f: "base64://e30=", g: "base64://e30=" });
  });

  it("reaches go-jsonnet's definitions through std spelled another way", async () => {
    const result = await evaluate(
      "local t = std; { f: t.foldl(function(a, c) a + c, 'ab', ''), r: t['repeat']('x', -1) }",
    );
    assert.ok(result.ok, result.ok ? "" : result.failure.text);
    assert.deepEqual(result.value, { f: "ab", r: "" });
  });

  it("keeps the author's line and column after a |||- block", async () => {
    const result = await evaluate("{\n  t: |||-\n    x\n  |||, u: error 'boom',\n}");
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.failure.range?.start, { line: 3, column: 10 });
  });

  it("keeps the column after a string with \\/ escapes", async () => {
    const result = await evaluate("{\n  a: 'x\\/y\\/z' + error 'boom',\n}");
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.failure.range?.start, { line: 1, column: 17 });
  });

  it("keeps the author's columns around a slice the prelude turned into a call", async () => {
    const cases: [string, { line: number; column: number }][] = [
      ["{\n  a: 'abc'[:-1] + [1][-1:] + error 'boom',\n}", { line: 1, column: 29 }],
      ["{\n  a: 'x'[:-1][0:-1], b: 'y'[error 'in a bound':],\n}", { line: 1, column: 28 }],
      ["local x = 'é';\n{ b: 'abc'[:-1] + error 'boom' }", { line: 1, column: 18 }],
    ];
    for (const [source, start] of cases) {
      const result = await evaluate(source);
      assert.equal(result.ok, false, source);
      if (!result.ok) assert.deepEqual(result.failure.range?.start, start, source);
    }
  });

  it("keeps line 1 columns with a session in the prelude, non-BMP characters included", async () => {
    const result = await engine.evaluate({
      source: "{ claims: { a: std.extVar('nope') } }",
      filename: "m.jsonnet",
      extCode: { session: JSON.stringify({ name: "🙂🙂 é" }), claims: "{}" },
    });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.failure.range?.start, { line: 0, column: 15 });
  });

  it("reads ext code with line breaks, \\/ escapes and lone surrogates as Go's decoder does", async () => {
    const result = await engine.evaluate({
      source: "std.extVar('session')",
      filename: "m.jsonnet",
      extCode: { session: '{\n"a": "x\\/y",\n"b": "\\ud800",\n"n": 1.7e-22}' },
    });
    assert.ok(result.ok, result.ok ? "" : result.failure.text);
    assert.deepEqual(result.value, { a: "x/y", b: "\ufffd", n: 1.7e-22 });
  });

  it("refuses ext code that is not JSON with a runtime failure", async () => {
    const result = await engine.evaluate({
      source: "std.extVar('session')",
      filename: "m.jsonnet",
      extCode: { session: "{" },
    });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.failure.kind, "runtime");
  });
});

describe("Ory's 256 KiB output limit, on go-jsonnet's bytes", () => {
  it("counts what go-jsonnet writes (133 bytes for this value, measured with go-jsonnet)", () => {
    // go-jsonnet -e '{a: [1, {}, [], "é\u0085\u2028\u0001\b"], b: [], "é": -0, c: 0.1}' | wc -c
    const value = JSON.parse('{"a":[1,{},[],"é\\u0085\\u2028\\u0001\\b"],"b":[],"é":-0,"c":0.1}');
    assert.equal(goJsonnetOutputBytes(value), 133);
  });

  it("refuses an output this engine writes in 60 KiB but go-jsonnet in over 256 KiB", async () => {
    const result = await evaluate("{ claims: { a: std.makeArray(12000, function(i) 0.1) } }");
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.failure.kind, "output-limit");
      assert.match(result.failure.message, /output of \d+ KiB is larger than Ory's limit of 256 KiB/);
    }
  });

  it("lets through the same output of whole numbers, under the limit in go-jsonnet too", async () => {
    const result = await evaluate("{ claims: { a: std.makeArray(12000, function(i) 1) } }");
    assert.ok(result.ok);
  });
});

describe("decodeUtf8LikeGo()", () => {
  const vectors: [number[], string][] = [
    [[0x61, 0xc3, 0xa9], "aé"],
    [[0xe2, 0x82, 0x41], "\ufffd\ufffdA"], // a truncated sequence: one U+FFFD per byte, as Go's json.Marshal
    [[0xed, 0xa0, 0x80], "\ufffd\ufffd\ufffd"], // an encoded surrogate
    [[0xf0, 0x9f, 0x99, 0x82], "🙂"],
    [[0xf4, 0x90, 0x80, 0x80], "\ufffd\ufffd\ufffd\ufffd"], // above U+10FFFF
    [[0xc0, 0xaf], "\ufffd\ufffd"], // overlong
    [[0xef, 0xbb, 0xbf, 0x31], "\ufeff1"], // a byte order mark is kept
    [[0xff], "\ufffd"],
  ];
  for (const [bytes, text] of vectors) {
    it(`decodes ${bytes.map((b) => b.toString(16)).join(" ")}`, () => {
      assert.equal(decodeUtf8LikeGo(new Uint8Array(bytes)), text);
    });
  }
});
