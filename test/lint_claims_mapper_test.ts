// lintClaimsMapper(): every rule, with exact ranges (zero-based, end exclusive, UTF-16 columns).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Diagnostic, lintClaimsMapper, type LintOptions } from "../lib/entries/lint.ts";
import { JSONNET_KEYWORDS } from "../lib/entries/editor.ts";
import { type Range, sampleSession } from "../lib/mod.ts";
import { lexJsonnet } from "../lib/jsonnet/jsonnet_lexer.ts";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { stdDifferences } from "../lib/lint/rule_engine_differences.ts";
import { ENGINE_STD, GO_JSONNET_SOURCE, GO_JSONNET_STD } from "../lib/lint/std_functions.ts";
import { KRATOS_NOW, LINE_7_MAPPER } from "./_helpers.ts";
import { GO_JSONNET_LINTED_DIFFERENCES } from "./_go_jsonnet_vectors.ts";

const base: LintOptions = { now: KRATOS_NOW };

/** The range of the `nth` occurrence of `needle` in `source`. */
function find(source: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = source.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} is not in the source ${nth + 1} times`);
  }
  const position = (at: number) => {
    const before = source.slice(0, at);
    return { line: before.split("\n").length - 1, column: at - (before.lastIndexOf("\n") + 1) };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

const ORIGIN: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

interface Vector {
  name: string;
  source: string;
  options?: LintOptions;
  /** Every diagnostic, in order: code, severity, and the range or the text it covers. */
  expected: [Diagnostic["code"], Diagnostic["severity"], Range | string | [string, number]][];
  /** Parts each message must contain, in the same order. */
  messages?: (RegExp | undefined)[];
}

const vectors: Vector[] = [
  // evaluation
  {
    name: "a syntax error on line 7, column 12",
    source: LINE_7_MAPPER.replace("%s", "]"),
    expected: [["jsonnet-syntax", "error", { start: { line: 6, column: 11 }, end: { line: 6, column: 12 } }]],
    messages: [/^syntax error: .*got "\]" \(Ory answers 400 Unable to execute tokenizer JsonNet\.\)$/],
  },
  {
    name: "a runtime error on line 7, column 12",
    source: LINE_7_MAPPER.replace("%s", "error 'no roles'"),
    expected: [["jsonnet-runtime", "error", { start: { line: 6, column: 11 }, end: { line: 6, column: 27 } }]],
    messages: [/^runtime error: no roles /],
  },
  {
    name: "a runtime error spanning lines, located at the whole expression",
    source: "{ claims: {\n  a: error\n    'boom' } }",
    expected: [["jsonnet-runtime", "error", { start: { line: 1, column: 5 }, end: { line: 2, column: 10 } }]],
  },
  {
    name: "a missing field the engine does not locate, placed at the field access",
    source: "local o = { a: 1 };\n{ claims: { x: o.b } }",
    expected: [["jsonnet-runtime", "error", { start: { line: 1, column: 17 }, end: { line: 1, column: 18 } }]],
    messages: [/no such field: b/],
  },
  {
    name: "an unlocated runtime error, placed at the output field being written",
    source: "local n = 0;\n{\n  claims: {\n    ratio: [1 / n],\n  },\n}",
    expected: [["jsonnet-runtime", "error", "ratio"]],
    messages: [/attempted to divide by zero/],
  },
  {
    name: "an undefined variable",
    source: "{ claims: { x: nope } }",
    expected: [["jsonnet-runtime", "error", "nope"]],
  },
  {
    name: "output over Ory's 256 KiB",
    source: "{ claims: { a: std.join('', std.makeArray(300000, function(i) 'x')) } }",
    expected: [["jsonnet-limit", "error", ORIGIN]],
    messages: [/256 KiB/],
  },
  // Ory's contract
  {
    name: "no claims object",
    source: "local c = std.extVar('claims');\n{ a: c.iss }",
    expected: [["claims-not-object", "error", "{ a: c.iss }"]],
    messages: [
      /Expected tokenizer JsonNet to return a claims object but it did not\.": the output has no "claims" \(it has "a"\)/,
    ],
  },
  {
    name: "claims that are null",
    source: "{\n  claims: null,\n}",
    expected: [["claims-not-object", "error", "claims"]],
    messages: [/"claims" is null/],
  },
  {
    name: "a top-level array",
    source: "[1]",
    expected: [["claims-not-object", "error", "[1]"]],
    messages: [/the mapper returns an array/],
  },
  {
    name: "sub written, default claims overridden, a null claim",
    source:
      "local c = std.extVar('claims');\n{\n  claims: {\n    sub: 'me',\n    iss: c.iss + 'x',\n    foo: null,\n  },\n}",
    expected: [
      ["sub-overwritten", "warning", "sub"],
      ["default-claim-overridden", "information", "iss"],
      ["null-claim", "information", "foo"],
    ],
    messages: [
      /Ory overwrites sub/,
      /default iss claim: "http:\/\/localhost:4433\/" for this session, "http:\/\/localhost:4433\/x"/,
      /"foo":null/,
    ],
  },
  {
    name: "sub, a default claim and a number turned into a string (also checked in Chromium)",
    source: "{\n  claims: {\n    sub: 'x',\n    iss: 'i',\n    r: '' + 0.1,\n  },\n}",
    expected: [
      ["sub-overwritten", "warning", { start: { line: 2, column: 4 }, end: { line: 2, column: 7 } }],
      ["default-claim-overridden", "information", { start: { line: 3, column: 4 }, end: { line: 3, column: 7 } }],
      ["number-to-string", "warning", { start: { line: 4, column: 12 }, end: { line: 4, column: 15 } }],
    ],
  },
  {
    name: "nothing for defaults passed through unchanged",
    source: "{ claims: std.extVar('claims') + { a: 1 } }",
    expected: [],
  },
  {
    name: "claims found through `+` and a local",
    source: "local base = { claims: { a: 1 } };\nbase + { claims+: { exp: 1 } }",
    expected: [["default-claim-overridden", "information", "exp"]],
    messages: [/default exp claim: 1675210200 for this session, 1 instead/],
  },
  {
    name: "an external_id subject for an identity without one",
    source: "{ claims: {} }",
    options: { subjectSource: "external_id", session: sampleSession({ identity: { external_id: undefined } }) },
    expected: [["subject-unavailable", "error", ORIGIN]],
  },
  // Ory's sandbox
  {
    name: "imports",
    source: "local lib = import 'lib.libsonnet';\nlocal s = importstr 's.txt';\n{ claims: lib + { s: s } }",
    expected: [
      ["import-unavailable", "error", "import 'lib.libsonnet'"],
      ["import-unavailable", "error", "importstr 's.txt'"],
    ],
    messages: [/import not available lib\.libsonnet/, /import not available s\.txt/],
  },
  {
    name: "std.extVar of a name Ory does not define",
    source: "{ claims: { a: std.extVar('sesion').id } }",
    expected: [["ext-var-unknown", "error", "'sesion'"]],
    messages: [/Undefined external variable: sesion"; did you mean "session"\?/],
  },
  {
    name: "std.native",
    source: "{ claims: { a: std.native('f') } }",
    expected: [["null-claim", "information", ["a", 1]], ["std-native", "warning", "native"]],
  },
  // engine differences
  {
    name: "a std function go-jsonnet v0.21.0 lacks",
    source: "{ claims: { a: std.isNull(null), b: std.objectHass({}, 'x') } }",
    expected: [
      ["std-missing-in-ory", "error", "isNull"],
      ["std-missing-in-ory", "error", "objectHass"],
    ],
    messages: [/has no std\.isNull: the mapper fails in Ory$/, /did you mean std\.objectHas\?/],
  },
  {
    name: "std functions the prelude supplies are fine",
    source: "{ claims: { t: std.trim(' x '), h: std.hypot(3, 4), d: std.flattenDeepArray([1, [2]]) } }",
    expected: [],
  },
  {
    name: "std.thisFile",
    source: "{ claims: { f: std.thisFile } }",
    expected: [["std-this-file", "warning", "thisFile"]],
  },
  {
    name: "the engine's arakoo global and the prelude's names",
    source: "{ claims: { a: arakoo.urlEncode('x'), b: __std.type(1) } }",
    expected: [["engine-global", "error", "arakoo"], ["engine-global", "error", "__std"]],
    messages: [/Unknown variable: arakoo/, /Unknown variable: __std/],
  },
  {
    name: "a local named arakoo is fine",
    source: "local arakoo = 1;\n{ claims: { a: arakoo } }",
    expected: [],
  },
  {
    name: "a |||- text block",
    source: "{ claims: { t: |||-\n  text\n||| } }",
    expected: [],
  },
  // operators and syntax the engines evaluate differently
  {
    name: "number equality with fractions",
    source: "{ claims: { a: 0.1 + 0.2 == 0.3, b: std.sqrt(2) != 1, c: 1 + 2 == 3 } }",
    expected: [
      ["number-equality", "warning", "=="],
      ["math-last-digit", "information", "sqrt"],
      ["number-equality", "warning", "!="],
    ],
  },
  {
    name: "a string times a number, a negative index, a bitwise operand out of range",
    source: "{ claims: { a: 'x' * 3, b: 'abc'[-1], c: 1e30 & 1, d: 'abc'[1], e: 2 * 3 } }",
    expected: [
      ["string-times-number", "error", "*"],
      ["negative-index", "error", "-1"],
      ["bitwise-out-of-range", "error", "1e30"],
    ],
  },
  {
    name: "negative and null slice bounds, which the prelude evaluates as go-jsonnet does",
    source: "{ claims: { a: 'abc'[-2:], b: [1, 2][null:1], c: 'abc'[1:] } }",
    expected: [],
  },
  {
    name: "in super and tailstrict",
    source: "local f(x) = x;\n{ claims: { a: 'x' in super, b: f(1) tailstrict } }",
    expected: [
      ["jsonnet-runtime", "error", ["a", 2]],
      ["in-super", "warning", "'x' in super"],
      ["tailstrict", "warning", "f(1) tailstrict"],
    ],
  },
  {
    name: "formats that differ, and the ones the prelude bridges",
    source: "{ claims: { a: '%5s' % 'é', b: std.format('%d', [1.5]), c: '%s-%x' % ['a', 1], d: '%d' % 2, " +
      "e: '%.2f' % -1.5, f: '%.4g' % -1.25, g: '%c' % 55296, h:: '%.0g' % 9.995, i:: std.format('%250d', 1), " +
      "j:: '%-.G|%.201f' % [1, 2], k: '%.10g|%200d' % [1, 2] } }",
    expected: [
      ["format-difference", "warning", "'%.0g'"],
      ["format-difference", "warning", "'%250d'"],
      ["format-difference", "warning", "'%-.G|%.201f'"],
    ],
  },
  {
    name: "std.parseYaml reads YAML 1.1 in Ory",
    source: "{ claims: { a: std.parseYaml('a: 1') } }",
    expected: [["yaml-1-1", "warning", "parseYaml"]],
  },
  {
    name: "non-integer numbers turned into strings",
    source: [
      "local c = std.extVar('claims');",
      "{ claims: {",
      "  a: std.toString(0.1),",
      "  b: 'v' + ((c.exp - c.iat) / 7),",
      "  c: '%s' % [1.1],",
      "  d: std.manifestJsonMinified({ x: 0.3 }),",
      "  e: std.toString(0.5) + ('%d' % [1.1]) + std.toString(c.iat),",
      "} }",
    ].join("\n"),
    expected: [
      ["number-to-string", "warning", "0.1"],
      ["number-to-string", "warning", "((c.exp - c.iat) / 7)"],
      ["number-to-string", "warning", "[1.1]"],
      ["number-to-string", "warning", "{ x: 0.3 }"],
    ],
    messages: [
      /writes this number as "0\.10000000000000001" where this engine writes "0\.1" \(std\.toString\)/,
      /"85\.714285714285708" where this engine writes "85\.71428571428571" \(string \+\)/,
      /"1\.1000000000000001" where this engine writes "1\.1" \(%\)/,
      /"0\.29999999999999999" where this engine writes "0\.3" \(std\.manifestJsonMinified\)/,
    ],
  },
  {
    name: "C1 control characters that go-jsonnet escapes and this engine writes raw",
    source: [
      "local x = '\\u0085';",
      "{ claims: {",
      "  a: 'v' + [x],",
      "  b: std.manifestYamlDoc({ k: x }),",
      "  c: '%s' % [[x]],",
      "  d: 'v' + x + ('%s' % [x]) + std.manifestJson([x]) + std.toString({ k: x }) + std.escapeStringPython(x),",
      "} }",
    ].join("\n"),
    expected: [
      ["control-character", "warning", "[x]"],
      ["control-character", "warning", "{ k: x }"],
      ["control-character", "warning", "[[x]]"],
    ],
    messages: [
      /writes the control character U\+0085 in this value as "\\u0085" where this engine writes it raw \(string \+\)/,
    ],
  },
  {
    name: "numbers from the session",
    source: "local s = std.extVar('session');\n{ claims: { score: 'score ' + s.identity.traits.score } }",
    options: { session: sampleSession({ identity: { traits: { score: 2.2 } } }) },
    expected: [["number-to-string", "warning", "s.identity.traits.score"]],
    messages: [/"2\.2000000000000002" where this engine writes "2\.2"/],
  },
  // session paths
  {
    name: "a session path Kratos never has, with a fix",
    source: "local session = std.extVar('session');\n{ claims: { email: session.identity.trait.email } }",
    expected: [["session-path-unknown", "error", "trait"]],
    messages: [/Kratos's session has no identity\.trait: .*did you mean traits\?$/],
  },
  {
    name: "paths through brackets, comprehensions and direct std.extVar",
    source: [
      "local s = std.extVar('session');",
      "{ claims: {",
      "  m: [m.metod for m in s.authentication_methods],",
      "  i: std.extVar('session')['identity']['credentials'],",
      "  d: s.devices.ip_address,",
      "  ok: [d.ip_address for d in s.devices] + [s.identity.traits.anything.deep],",
      "} }",
    ].join("\n"),
    expected: [
      ["session-path-unknown", "error", "metod"],
      ["session-path-unknown", "error", "'credentials'"],
      ["session-path-unknown", "error", "ip_address"],
    ],
    messages: [
      /session has no authentication_methods\[i\]\.metod: .*did you mean method\?/,
      /session\.identity\.credentials is never there: Kratos removes the identity's credentials/,
      /session\.devices is an array/,
    ],
  },
  {
    name: "optional members without a guard",
    source: [
      "local s = std.extVar('session');",
      "{ claims: {",
      "  ext: s.identity.external_id,",
      "  plan: s.identity.metadata_public.plan,",
      "} }",
    ].join("\n"),
    options: { session: sampleSession({ identity: { metadata_public: { plan: "pro" } } }) },
    expected: [
      ["session-path-optional", "warning", "external_id"],
      ["session-path-optional", "warning", ["plan", 1]],
    ],
    messages: [/omits it when the identity has no external ID/, /may be null/],
  },
  {
    name: "optional members with a guard",
    source: [
      "local s = std.extVar('session');",
      "{ claims: {",
      "  [if std.objectHas(s.identity, 'external_id') then 'ext']: s.identity.external_id,",
      "  [if s.identity.metadata_public != null then 'plan']: s.identity.metadata_public.plan,",
      "} }",
    ].join("\n"),
    expected: [],
  },
  {
    name: "std.objectHas of a member Kratos never has",
    source: "local s = std.extVar('session');\n{ claims: { x: std.objectHas(s.identity, 'externalId') } }",
    expected: [["session-path-unknown", "warning", "'externalId'"]],
    messages: [/always false/],
  },
  {
    name: "a claim Ory does not pass in",
    source: "local c = std.extVar('claims');\n{ claims: { e: c.email } }",
    expected: [["claims-path-unknown", "error", "email"]],
    messages: [/hold only jti, iss, exp, nbf, iat, sid, sub, not email/],
  },
  // size
  {
    name: "a token over the budget names its largest claims",
    source:
      "local s = std.extVar('session');\n{ claims: {\n  whole: s,\n  groups: std.makeArray(200, function(i) 'group-%d' % i),\n} }",
    expected: [["token-too-large", "warning", "groups"]],
    messages: [
      /token for the sample session is [\d,]+ bytes, over the 4,096 bytes budget .*largest claims: groups \([\d,]+ bytes\), whole/,
    ],
  },
  {
    name: "the same mapper within a larger budget",
    source: "local s = std.extVar('session');\n{ claims: { whole: s } }",
    options: { tokenBudget: 8192 },
    expected: [],
  },
  // the docs' mapper
  {
    name: "the Ory docs' mapper",
    source: [
      "local claims = std.extVar('claims');",
      "local session = std.extVar('session');",
      "",
      "{",
      "  claims: {",
      "    iss: claims.iss + '/additional-component',",
      "    schema_id: session.identity.schema_id,",
      "    session: session,",
      "  },",
      "}",
    ].join("\n"),
    expected: [["default-claim-overridden", "information", "iss"]],
  },
];

describe("lintClaimsMapper()", () => {
  for (const vector of vectors) {
    it(`reports ${vector.name}`, async () => {
      const diagnostics = await lintClaimsMapper(vector.source, { ...base, ...vector.options });
      const expected = vector.expected.map(([code, severity, at]) => [
        code,
        severity,
        typeof at === "string" ? find(vector.source, at) : Array.isArray(at) ? find(vector.source, ...at) : at,
      ]);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.range]),
        expected,
        JSON.stringify(diagnostics, null, 2),
      );
      (vector.messages ?? []).forEach((pattern, i) => {
        if (pattern !== undefined) assert.match(diagnostics[i]!.message, pattern);
      });
    });
  }

  it("flags, at the expression, each difference from go-jsonnet the engine does not bridge", async () => {
    const engine = createJsonnetEngine();
    for (const [expression, answer, code] of GO_JSONNET_LINTED_DIFFERENCES) {
      const source = `{ claims: { a: ${expression} } }`;
      const diagnostics = await lintClaimsMapper(source, base);
      const found = diagnostics.find((d) => d.code === code);
      assert.ok(found, `${expression}: no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      assert.ok(found.range.start.column >= source.indexOf(expression), expression);
      // The engine still differs (were it to agree, this belongs in GO_JSONNET_VECTORS instead).
      const evaluated = await engine.evaluate({ source: expression, filename: "m", extCode: {} });
      assert.ok(
        !evaluated.ok || JSON.stringify(evaluated.value) !== JSON.stringify((answer as { value: unknown }).value),
        `${expression} now agrees with go-jsonnet`,
      );
    }
  });

  it("offers fixes that resolve the finding", async () => {
    const cases: [string, string][] = [
      ["local s = std.extVar('session');\n{ claims: { e: s.identity.trait.email } }", "traits"],
      ['{ claims: { a: std.extVar("sesion") } }', '"session"'],
      ["{ claims: { a: std.objectHass({}, 'x') } }", "objectHas"],
      ["local s = std.extVar('session');\n{ claims: { e: s['identiti'] } }", "'identity'"],
    ];
    for (const [source, newText] of cases) {
      const [diagnostic] = await lintClaimsMapper(source, base);
      assert.equal(diagnostic?.fix?.newText, newText, source);
    }
  });

  it("removes a sub field with its line", async () => {
    const source = "{\n  claims: {\n    a: 1,\n    sub: 'x',\n  },\n}";
    const [diagnostic] = await lintClaimsMapper(source, base);
    assert.equal(diagnostic?.code, "sub-overwritten");
    assert.deepEqual(diagnostic?.fix?.range, { start: { line: 3, column: 0 }, end: { line: 4, column: 0 } });
    assert.equal(diagnostic?.fix?.newText, "");
  });

  it("counts columns in UTF-16 code units after emoji", async () => {
    const source = "{ claims: {\n  a: '😀😀', b: error 'x' } }";
    const [diagnostic] = await lintClaimsMapper(source, base);
    assert.deepEqual(diagnostic?.range, find(source, "error 'x'"));
  });

  it("never throws for a broken mapper", async () => {
    for (const source of ["", "{", "'unterminated", "/* open", "|||\nx", "local x = ; x", "{ claims: {} } }"]) {
      const diagnostics = await lintClaimsMapper(source, base);
      assert.ok(diagnostics.some((d) => d.severity === "error"), source);
    }
  });

  it("rejects a ttl that is not a Go duration", async () => {
    await assert.rejects(lintClaimsMapper("{ claims: {} }", { ttl: "10 minutes" }), RangeError);
  });
});

describe("the go-jsonnet v0.21.0 std table", () => {
  it("was generated from go-jsonnet and the std.jsonnet of jsonnet v0.21.0", () => {
    assert.equal(GO_JSONNET_SOURCE.target, "v0.21.0");
    assert.equal(GO_JSONNET_SOURCE.stdlibTag, "v0.21.0");
    assert.equal(GO_JSONNET_SOURCE.stdlibIdenticalToTag, true);
    assert.equal(GO_JSONNET_STD.size, 155);
    assert.equal(GO_JSONNET_STD.get("trim"), "builtin");
    assert.equal(GO_JSONNET_STD.get("flattenDeepArray"), "stdlib");
    assert.equal(GO_JSONNET_STD.get("thisFile"), "per-file");
    assert.equal(GO_JSONNET_STD.has("isNull"), false);
  });

  it("leaves nothing missing once the prelude bridges the engine's gaps", () => {
    const missing = [...GO_JSONNET_STD.keys()].filter((name) => !ENGINE_STD.includes(name)).sort();
    assert.deepEqual(missing, [
      "atan2",
      "deg2rad",
      "flattenDeepArray",
      "hypot",
      "log10",
      "log2",
      "pi",
      "rad2deg",
      "trim",
    ]);
    const { missingInOry, missingInEngine } = stdDifferences();
    assert.deepEqual([...missingInOry], []);
    assert.deepEqual([...missingInEngine], []);
  });
});

describe("JSONNET_KEYWORDS", () => {
  it("is the list the linter's lexer reads: each word lexes as a keyword, a longer word as an identifier", () => {
    assert.equal(JSONNET_KEYWORDS.length, 18);
    assert.ok(Object.isFrozen(JSONNET_KEYWORDS));
    assert.deepEqual([...JSONNET_KEYWORDS].sort(), JSONNET_KEYWORDS);
    for (const word of JSONNET_KEYWORDS) {
      assert.deepEqual(lexJsonnet(word).map((token) => [token.kind, token.text]), [["keyword", word], ["end", ""]]);
      assert.equal(lexJsonnet(`${word}_`)[0]!.kind, "identifier", word);
    }
  });
});
