// Go's formats: encoding/json for maps, time.ParseDuration, base64.StdEncoding.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goJsonStringify, parseDuration, type TokenizerError } from "../lib/mod.ts";
import { type Base64InputError, decodeBase64Go } from "../lib/encoding/base64.ts";

describe("goJsonStringify()", () => {
  const cases: [unknown, string][] = [
    [{ b: 1, a: 2, B: 3 }, '{"B":3,"a":2,"b":1}'],
    [{ "\u{1F600}": 1, "\uFFFF": 2 }, '{"\uFFFF":2,"\u{1F600}":1}'], // UTF-8 byte order, not UTF-16
    ["<a&b>\u2028\u2029", '"\\u003ca\\u0026b\\u003e\\u2028\\u2029"'],
    ["\b\f\n\r\t\u0001\u007f", '"\\b\\f\\n\\r\\t\\u0001\u007f"'],
    ["\ud800x", '"\ufffdx"'],
    [
      [1.5, 0.1, 1e21, 1e-7, 123, -0, 1e-6, 123456789012345680000],
      "[1.5,0.1,1e+21,1e-7,123,-0,0.000001,123456789012345680000]",
    ],
    [{ z: { b: [3, { d: 1, c: 2 }], a: null } }, '{"z":{"a":null,"b":[3,{"c":2,"d":1}]}}'],
  ];
  for (const [value, expected] of cases) {
    it(`writes ${JSON.stringify(value)} as Go does`, () => {
      assert.equal(goJsonStringify(value as never), expected);
    });
  }
  it("refuses non-finite numbers", () => {
    assert.throws(() => goJsonStringify(Infinity), RangeError);
  });
});

describe("parseDuration()", () => {
  const valid: [string, number][] = [
    ["10m", 600_000],
    ["1h30m", 5_400_000],
    ["1500ms", 1500],
    ["0", 0],
    ["0s", 0],
    ["-1.5h", -5_400_000],
    ["+2s", 2000],
    ["1us", 0.001],
    ["1µs", 0.001],
    ["1μs", 0.001],
    ["3ns", 0.000003],
    [".5s", 500],
    ["1.s", 1000],
  ];
  for (const [text, ms] of valid) {
    it(`parses ${JSON.stringify(text)} as ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  }
  const invalid: [string, string][] = [
    ["", 'time: invalid duration ""'],
    ["10", 'time: missing unit in duration "10"'],
    ["1d", 'time: unknown unit "d" in duration "1d"'],
    ["10 m", 'time: unknown unit " m" in duration "10 m"'],
    [".s", 'time: invalid duration ".s"'],
    ["-", 'time: invalid duration "-"'],
    ["9223372036854775808ns", 'time: invalid duration "9223372036854775808ns"'],
  ];
  for (const [text, reason] of invalid) {
    it(`refuses ${JSON.stringify(text)} with Go's message and an example`, () => {
      assert.throws(() => parseDuration(text), (error: TokenizerError) => {
        assert.equal(error.code, "ERR_DURATION");
        assert.equal(error.reason, reason);
        assert.match(error.detail!, /"1h30m"/);
        return true;
      });
    });
  }
});

describe("decodeBase64Go()", () => {
  const invalid: [string, number][] = [
    ["YWJj-A==", 4],
    ["YWI", 0],
    ["YW=", 3],
    ["YQ=", 3],
    ["Y===", 1],
    ["YWJjZA=x", 6],
    ["YWJj ZA==", 4],
    ["YQ==YQ==", 4],
  ];
  for (const [text, offset] of invalid) {
    it(`reports ${JSON.stringify(text)} at input byte ${offset}, as Go does`, () => {
      assert.throws(() => decodeBase64Go(text), (error: Base64InputError) => error.offset === offset);
    });
  }
  it("skips CR and LF anywhere", () => {
    assert.equal(new TextDecoder().decode(decodeBase64Go("YW\r\nJj\nZA=\n=\n")), "abcd");
  });
});
