// The ext-code prelude: Ory's semantics, the user's positions, and only the std changes a source needs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { codeSpans } from "../lib/jsonnet/code_spans.ts";
import { prepareSource, withExtCode } from "../lib/jsonnet/prelude.ts";

const engine = createJsonnetEngine();
const extCode = { session: '{"id":"s","n":1}', claims: '{"sub":"u"}' };

async function evaluate(source: string) {
  return await engine.evaluate({ source, filename: "m.jsonnet", extCode });
}

describe("prepareSource()", () => {
  it("rewrites std.extVar in code to a same-length name and leaves strings and comments alone", () => {
    const source = "// std.extVar\n{ a: std.extVar(name), b: 'std.extVar', c: |||\n  std.extVar\n||| }";
    const { text, prefixLength } = withExtCode(prepareSource(source, ["session"]), { session: "{}" });
    const user = text.slice(prefixLength);
    assert.equal(user.length, source.length);
    assert.equal(user, "// std.extVar\n{ a: __o_extVar(name), b: 'std.extVar', c: |||\n  std.extVar\n||| }");
    assert.doesNotMatch(text.slice(0, prefixLength), /\n/);
  });

  it("replaces std.extVar('known name') by its value's local, padded to the call's length", () => {
    const source =
      "{ a: std.extVar('session').id, b: std.extVar(\"claims\"), c: std.extVar('x'), d: std.extVar( 'claims') }";
    const { body } = prepareSource(source, ["session", "claims"]);
    assert.equal(body.length, source.length);
    assert.equal(
      body,
      "{ a: __x0                 .id, b: __x1                , c: __o_extVar('x'), d: __o_extVar( 'claims') }",
    );
  });

  it("compiles a format literal, leaves %s-only formats and arithmetic % to the engine", () => {
    const source = "{ a: '%05d' % 1, b: '%s-%s' % ['x', 'y'], c: std.format('%s', 1), d: (3 - 1) % 2, e: 7 % 2 }";
    const { body, definitions, runtimeFormatStub } = prepareSource(source, []);
    assert.equal(
      body,
      '{ a: ("" + __std.format("%05d", __o_fmtTrunc(  1))), ' +
        "b: '%s-%s' % ['x', 'y'], c: std.format('%s', 1), d: (3 - 1) % 2, e: 7 % 2 }",
    );
    assert.doesNotMatch(definitions, /fmtGo/);
    assert.equal(runtimeFormatStub, undefined);
  });

  it("holds go-jsonnet's run-time format parser only once a source has needed it", async () => {
    const source = "local f = '%+.1f'; { a: f % -0.25, b: std.format(f, [2]) }";
    const lean = prepareSource(source, []);
    assert.equal(lean.runtimeFormatStub, true);
    assert.ok(lean.definitions.length < prepareSource(source, [], { runtimeFormat: true }).definitions.length / 3);
    const result = await evaluate(source);
    assert.ok(result.ok, result.ok ? "" : result.failure.text);
    assert.deepEqual(result.value, { a: "-0.3", b: "+2.0" });
    // Evaluated again with the parser: the same answer.
    const again = await evaluate(source);
    assert.deepEqual(again.ok && again.value, { a: "-0.3", b: "+2.0" });
  });

  it("applies a span's rewrites in source order (a leading zero before a std name)", () => {
    assert.equal(prepareSource("local a = 01; std.trim(' x ')", []).body, "local a = 0 ; __o_trim(' x ')");
  });

  it("extends std only when a source needs it, and defines only what it names", () => {
    assert.doesNotMatch(prepareSource("std.extVar('claims')", ["claims"]).definitions, /local std =/);
    assert.match(
      prepareSource("local s = std; s.extVar('claims')", ["claims"]).definitions,
      /local std = __std \+ \{ extVar/,
    );
    assert.match(prepareSource("std.trim(' x ')", []).definitions, /__o_trim = function\(str\)/);
    assert.match(prepareSource("std.deg2rad(1)", []).definitions, /__o_pi = /);
    assert.doesNotMatch(prepareSource("std.deg2rad(1)", []).definitions, /__o_trim/);
  });

  it("writes ext code on line 1 as a literal, whatever line breaks or escapes the JSON had", () => {
    const prepared = prepareSource("std.extVar('session')", ["session"]);
    const { text, prefixLength } = withExtCode(prepared, { session: '{\n "a": "x\\/y",\n "n": 1.7e-22 }' });
    assert.doesNotMatch(text.slice(0, prefixLength), /\n|\\\//);
    assert.match(text, /__x0 = \{"a":"x\/y","n":1\.7e-22\}/);
  });

  it("passes JSON that the engine's parseJson reads exactly as an ext string, anything else as a literal", () => {
    const prepared = prepareSource("std.extVar('session')", ["session"]);
    for (const json of ['{"n":[1,-2.5,0.1,1e22,123456789012345,"1.7e-22"]}', '{"a":"\\u00e9"}']) {
      assert.deepEqual(withExtCode(prepared, { session: json }).extStrings, { session: json }, json);
    }
    for (const json of ['{"n":1.7e-22}', '{"n":0.10000000000000001}', '{"n":9007199254740993}', '"\\ud83d\\ude42"']) {
      assert.deepEqual(withExtCode(prepared, { session: json }).extStrings, {}, json);
    }
  });

  it("turns slices with bounds this engine refuses into calls of go-jsonnet's std.slice", () => {
    const { body, definitions } = prepareSource("[s[:-1], t[a::2], u[1:][x:y:], std.trim(v)[-1:], w[1:2]]", []);
    assert.equal(
      body,
      "[__o_slice(s,null,-1,null), __o_slice(t,a,null,2), __o_slice(u[1:],x,y,null), " +
        "__o_slice(__o_trim(v),-1,null,null), w[1:2]]",
    );
    assert.match(definitions, /__o_slice = function\(indexable, index, end, step\)/);
    assert.equal(prepareSource("s[1:] + 'a[:-1]'", []).body, "s[1:] + 'a[:-1]'");
  });

  it("keeps the columns of a |||- block's closing line", () => {
    const source = "{ t: |||-\n    a\n  |||, u: 1 }";
    const { body } = prepareSource(source, []);
    assert.equal(body.split("\n")[2]!.indexOf(", u"), source.split("\n")[2]!.indexOf(", u"));
  });
});

describe("the engine with the prelude", () => {
  const cases: [string, unknown][] = [
    ["{ claims: std.extVar('session') }", { claims: { id: "s", n: 1 } }],
    ["local e = std.extVar; { claims: e('claims') }", { claims: { sub: "u" } }],
    ["local s = std; { claims: s.extVar('session').id }", { claims: "s" }],
    ["{ a: 'std.extVar(\\'session\\')' }", { a: "std.extVar('session')" }],
    ["{ t: std.trim('  x \\n'), l: std.log2(8), d: std.flattenDeepArray([1, [2, [3]]]), p: std.pi > 3.14 }", {
      t: "x",
      l: 3,
      d: [1, 2, 3],
      p: true,
    }],
    ["{ h: std.hypot(3, 4), a: std.atan2(1, 1) * 4 == std.pi, r: std.rad2deg(std.pi) }", { h: 5, a: true, r: 180 }],
  ];
  for (const [source, expected] of cases) {
    it(`evaluates ${JSON.stringify(source)}`, async () => {
      const result = await evaluate(source);
      assert.ok(result.ok, result.ok ? "" : result.failure.text);
      assert.deepEqual(result.value, expected);
    });
  }

  it("locates the first import in code, not in comments or text blocks, with Ory's message", async () => {
    const result = await evaluate("// import 'a'\n{ t: |||\n  import 'b'\n|||, k: importstr @'c''d' }");
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.failure.message, "import not available c'd");
      assert.deepEqual(result.failure.range?.start, { line: 3, column: 8 });
    }
  });

  it("reports errors at the user's own line 1 columns", async () => {
    const result = await evaluate("{ claims: { a: std.extVar('nope') } }");
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.failure.range?.start, { line: 0, column: 15 });
  });

  it("locates errors after accents and emoji in UTF-16 columns, as editors count, or not at all", async () => {
    // The engine takes UTF-8 byte offsets for character indices: these land where it can be undone.
    const located: [string, { line: number; column: number }][] = [
      ['{ claims: {\n a: "😀", b: error "boom" } }', { line: 1, column: 13 }],
      ['local x = "é";\n{ claims: { b: error "boom" } }', { line: 1, column: 15 }],
      ['local s = "ü";\n{ claims: { a: s, b: "ü" + error "x" } }', { line: 1, column: 27 }],
    ];
    for (const [source, start] of located) {
      const result = await evaluate(source);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.deepEqual(result.failure.range?.start, start, source);
        assert.match(result.failure.text, new RegExp(`^m\\.jsonnet:${start.line + 1}:${start.column + 1}: `));
      }
    }
    // Here the engine prints the end on another line, or no place: no range rather than a wrong one.
    for (
      const source of [
        '{ claims: { a: "éééé", b: error "boom" } }',
        'local x = "éééééééééé";\n{ claims: { b: error "boom" },\n  c: 1 }',
      ]
    ) {
      const result = await evaluate(source);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.failure.range, undefined, source);
    }
    // A syntax error names the character really found there, not the one at the byte offset's index.
    const result = await evaluate('{ claims: { a: "😀" b: 1 } }');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.deepEqual(result.failure.range?.start, { line: 0, column: 20 });
      assert.match(result.failure.message, /got "b"$/);
    }
  });
});

describe("codeSpans()", () => {
  it("splits code, comments, strings, verbatim strings and text blocks", () => {
    const source = 'a /* b */ \'c\\\'\' @"d""e" # f\n|||\n  g\n|||\nh';
    const kinds = codeSpans(source).map((span) => [span.kind, source.slice(span.start, span.end)]);
    assert.deepEqual(kinds, [
      ["code", "a "],
      ["comment", "/* b */"],
      ["code", " "],
      ["string", "'c\\''"],
      ["code", " "],
      ["string", '@"d""e"'],
      ["code", " "],
      ["comment", "# f"],
      ["code", "\n"],
      ["string", "|||\n  g\n|||"],
      ["code", "\nh"],
    ]);
  });
});
