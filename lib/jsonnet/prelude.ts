/**
 * The one-line prelude and the source preparation that make this engine answer as Ory's go-jsonnet.
 *
 * Ory passes `session` and `claims` as ext *code*: go-jsonnet parses them as Jsonnet, so numbers are read
 * with Go's correctly rounded `ParseFloat`. This engine (jrsonnet in WASM) only takes ext *strings*, and
 * its `std.parseJson` is not correctly rounded (`1.7e-22` becomes `1.7000000000000002e-22`). So the
 * values are written into the prelude as Jsonnet literals (JSON is Jsonnet), which this engine's lexer
 * reads exactly, and `std.extVar` reads them.
 *
 * Where this engine's std differs from go-jsonnet v0.21.0's, the prelude defines the function as
 * go-jsonnet does (`GO_STD`: the Go builtin or the std.jsonnet definition, rewritten in Jsonnet over
 * this engine's own std). Speed matters (every tokenization evaluates), and extending `std` with
 * `std + {...}` makes every evaluation about three times slower in this engine. So the common
 * spelling `std.name` is rewritten in place to `__o_name` (same length: line and column numbers stay
 * the user's), a local holding go-jsonnet's definition, and `std` is extended only when it must be:
 * when std is reachable another way (`local s = std; s.extVar(...)`).
 *
 * Source preparation also bridges three lexer differences: `|||-` text blocks (go-jsonnet drops the final
 * line break; this engine cannot parse them), the `\/` string escape (a syntax error here) and numbers
 * with a leading zero (`042` is a syntax error in go-jsonnet, 42 here). The prelude has no line break, so line numbers are unchanged; columns on line 1
 * are shifted back by `prefixLength` when errors are reported.
 *
 * @module
 */

import { type CodeSpan, codeSpans } from "./code_spans.ts";
import { applyEdits, type ColumnMap, type SourceEdit } from "./source_edits.ts";
import { syntaxRewrites } from "./syntax_rewrites.ts";
import { GO_FORMAT, GO_FORMAT_HELPERS, ON_DEMAND, RUNTIME_FORMAT_NEEDED } from "./go_format.ts";

/**
 * The host function behind the prelude's `parseJson` (lib/jsonnet/parse_json_like_go.ts), which
 * `std.native` hides from mappers (Ory registers none).
 */
export const PARSE_JSON_NATIVE = "__oryParseJson";

// A Jsonnet `local` is recursive, so the original std is kept as `__std` before anything is rebound.
// Each entry is go-jsonnet v0.21.0's behaviour (builtins.go, or the std.jsonnet it embeds), with its
// parameter names, so named arguments work as in Ory. `__o_x` names another entry.
const GO_STD: Record<string, string> = {
  // --- functions this engine lacks ---
  // strings.TrimSpace trims Unicode White_Space: more than C++ jsonnet's list (\v, U+1680, U+2000…).
  trim: "function(str) __std.stripChars(str, ' \\t\\n\\u000b\\f\\r\\u0085\\u00a0\\u1680\\u2000\\u2001\\u2002" +
    "\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000')",
  flattenDeepArray:
    "function(value) if __std.isArray(value) then [y for x in value for y in __o_flattenDeepArray(x)] else [value]",
  log2: "function(x) __std.log(x) / __std.log(2)",
  log10: "function(x) __std.log(x) / __std.log(10)",
  pi: "3.14159265358979311600",
  deg2rad: "function(x) x * __o_pi / 180",
  rad2deg: "function(x) x * 180 / __o_pi",
  // math.Hypot scales by the larger argument, so large arguments do not overflow.
  hypot: "function(x, y) local p = __std.abs(x), q = __std.abs(y), hi = __std.max(p, q), lo = __std.min(p, q); " +
    "if hi <= 0 then 0 else local r = lo / hi; hi * __std.sqrt(1 + r * r)",
  // math.Atan2, with its special cases for zeros (signed zeros included).
  atan2: "function(y, x) local neg(v) = v < 0 || (!(v > 0) && __std.toString(v) == '-0'); " +
    "if !(y < 0 || y > 0) then (if !neg(x) then y else if neg(y) then -__o_pi else __o_pi) " +
    "else if !(x < 0 || x > 0) then (if y > 0 then __o_pi / 2 else -__o_pi / 2) " +
    "else local q = __std.atan(y / x); if x > 0 then q else if q <= 0 then q + __o_pi else q - __o_pi",

  // --- functions that behave differently ---
  // Go's builtins take strings too, one element per code point.
  foldl:
    "function(func, arr, init) __std.foldl(func, if __std.isString(arr) then __std.stringChars(arr) else arr, init)",
  foldr:
    "function(func, arr, init) __std.foldr(func, if __std.isString(arr) then __std.stringChars(arr) else arr, init)",
  // Go's builtin never forces the elements the function does not look at.
  filter: "function(func, arr) if __std.isArray(arr) && __std.isFunction(func) then [x for x in arr if func(x)] " +
    "else __std.filter(func, arr)",
  // std.jsonnet's slice (also what go-jsonnet makes of `x[a:b:c]`): negative and null bounds count from the end
  // or default, ends are clamped, and a fractional position indexes by its integer part.
  slice: "function(indexable, index, end, step) " +
    "local len = __std.length(indexable), " +
    "from = if index == null then 0 else if index < 0 then __std.max(0, len + index) else index, " +
    "to = __std.min(len, if end == null then len else if end < 0 then len + end else end), " +
    "by = if step == null then 1 else step; " +
    "assert by >= 0 : 'got [%s:%s:%s] but negative steps are not supported' % [from, to, by]; " +
    "assert step == null || step < 0 || step > 0 : 'got %s but step must be greater than 0' % step; " +
    "assert __std.isString(indexable) || __std.isArray(indexable) : " +
    "'std.slice accepts a string or an array, but got: %s' % __std.type(indexable); " +
    "if from >= to then (if __std.isString(indexable) then '' else []) " +
    "else if !(from > __std.floor(from) || by > __std.floor(by)) then " +
    "__std.slice(indexable, from, __std.ceil(to), by) else " +
    "local picks = [indexable[__std.floor(from + k * by)] " +
    "for k in __std.range(0, __std.ceil((to - from) / by)) if from + k * by < to]; " +
    "if __std.isString(indexable) then __std.join('', picks) else picks",
  // Go writes any value with its manifester and escapes U+007F–U+009F too.
  escapeStringJson: "function(str_) __o_escape7f(__std.escapeStringJson(" +
    "if __std.isString(str_) then str_ else __o_toString(str_)))",
  toString: "function(a) if __std.isString(a) then a else __o_escape7f(__std.toString(a))",
  escape7f: "function(s) if !__std.any([c >= '\\u007f' && c <= '\\u009f' for c in __std.stringChars(s)]) then s " +
    "else __std.join('', [if c >= '\\u007f' && c <= '\\u009f' then '\\\\u00' + __std.format('%02x', __std.codepoint(c)) " +
    "else c for c in __std.stringChars(s)])",
  // Go's JSON encoder escapes U+2028 and U+2029.
  manifestJsonEx: "function(value, indent, newline='\\n', key_val_sep=': ') " +
    "__o_escape2028(__std.manifestJsonEx(value, indent, newline, key_val_sep))",
  manifestJsonMinified: "function(value) __o_escape2028(__std.manifestJsonMinified(value))",
  manifestJson: "function(value) __o_escape2028(__std.manifestJsonEx(value, '    '))",
  escape2028: "function(s) __std.strReplace(__std.strReplace(s, '\\u2028', '\\\\u2028'), '\\u2029', '\\\\u2029')",
  base64: "function(input) " +
    "local bad(n) = 'base64 encountered invalid codepoint value in the array (must be 0 <= X <= 255), got %d' % n; " +
    "if __std.isString(input) then " +
    "(local high = [c for c in __std.stringChars(input) if __std.codepoint(c) > 255]; " +
    "if high != [] then error bad(__std.codepoint(high[0])) else __std.base64(input)) " +
    "else if __std.isArray(input) then " +
    "(local odd = [b for b in input if !__std.isNumber(b) || b > __std.floor(b) || b < 0 || b > 255]; " +
    "if odd == [] then __std.base64(input) " +
    "else if __std.isNumber(odd[0]) && !(odd[0] > __std.floor(odd[0])) then error bad(odd[0]) " +
    "else error 'base64 encountered a non-integer value in the array, got ' + __std.type(odd[0])) " +
    "else error 'base64 can only base64 encode strings / arrays of single bytes, got ' + __std.type(input)",
  // Go turns bytes into text one U+FFFD per byte that is not part of a valid UTF-8 sequence.
  base64Decode: "function(str) __o_decodeUTF8(__std.base64DecodeBytes(str))",
  decodeUTF8: "function(arr) " +
    "local odd = if __std.isArray(arr) then [b for b in arr if !__std.isNumber(b) || b > __std.floor(b) || " +
    "b < 0 || b > 255] else []; " +
    "if !__std.isArray(arr) || odd != [] then __std.decodeUTF8(arr) else " +
    "local n = __std.length(arr), at(i) = if i < n then arr[i] else -1, " +
    "within(i, lo, hi) = at(i) >= lo && at(i) <= hi, " +
    "width(i) = local c = arr[i]; " +
    "if c < 128 then 1 else if c >= 194 && c <= 223 then (if within(i + 1, 128, 191) then 2 else 0) " +
    "else if c >= 224 && c <= 239 then (if within(i + 1, if c == 224 then 160 else 128, if c == 237 then 159 else 191) " +
    "&& within(i + 2, 128, 191) then 3 else 0) " +
    "else if c >= 240 && c <= 244 then (if within(i + 1, if c == 240 then 144 else 128, if c == 244 then 143 else 191) " +
    "&& within(i + 2, 128, 191) && within(i + 3, 128, 191) then 4 else 0) else 0, " +
    "widths = [width(i) for i in __std.range(0, n - 1)]; " +
    "if __std.all([w > 0 for w in widths]) then __std.decodeUTF8(arr) else " +
    "__std.join('', __std.foldl(function(s, i) if i < s.next then s else " +
    "if widths[i] == 0 then s { next: i + 1, parts+: ['\\ufffd'] } " +
    "else s { next: i + widths[i], parts+: [__std.decodeUTF8(arr[i:i + widths[i]])] }, " +
    "__std.range(0, n - 1), { next: 0, parts: [] }).parts)",
  // rune(n): fractions truncated, surrogates replaced by U+FFFD.
  char: "function(n) if !__std.isNumber(n) || n < 0 || n > 1114111 then __std.char(n) " +
    "else local c = __std.floor(n); if c >= 55296 && c <= 57343 then '\\ufffd' else __std.char(c)",
  // math.Frexp, exactly (the engine's mantissa is off in the last digits).
  mantissa: "function(x) __o_frexp(x)[0]",
  exponent: "function(x) __o_frexp(x)[1]",
  // Numbers are compared with < and >: this engine's == and != let numbers within 2^-52 of each other pass.
  frexp: "function(x) if !(x < 0 || x > 0) then [x, 0] else " +
    "local scaled(e) = if e < -1023 then (x * __std.pow(2, 1000)) * __std.pow(2, -e - 1000) else x * __std.pow(2, -e), " +
    "fix(e) = local m = __std.abs(scaled(e)); if m >= 1 then fix(e + 1) else if m < 0.5 then fix(e - 1) " +
    "else [scaled(e), e]; fix(__std.floor(__std.log(__std.abs(x)) / __std.log(2)) + 1)",
  // Go's math.Pow: special cases, then x^yi by repeated squaring of Frexp parts (exact steps, so the same
  // digits as Go), times exp(yf * log(x)) for a fractional part, then Ldexp with Go's one rounding.
  pow: "function(x, n) if !__std.isNumber(x) || !__std.isNumber(n) then __std.pow(x, n) else " +
    "local eq(a, b) = !(a < b || a > b), y = n, ay = __std.abs(y), yi0 = __std.floor(ay), yf0 = ay - yi0, " +
    "oddInt(v) = eq(v, __std.floor(v)) && __std.abs(v) < 9007199254740992 && __std.abs(v) % 2 == 1; " +
    "if eq(y, 0) || eq(x, 1) then 1 else if eq(y, 1) then x " +
    "else if eq(x, 0) then (if y < 0 then error 'Overflow' else if oddInt(y) then x else 0) " +
    "else if eq(y, 0.5) then __std.sqrt(x) else if eq(y, -0.5) then 1 / __std.sqrt(x) " +
    "else if yf0 > 0 && x < 0 then error 'Not a number' " +
    "else if yi0 >= 9223372036854775808 then (if eq(x, -1) then 1 else if (__std.abs(x) < 1) == (y > 0) then 0 " +
    "else error 'Overflow') else " +
    "local up = yf0 > 0.5, yf = if up then yf0 - 1 else yf0, yi = if up then yi0 + 1 else yi0, " +
    "a0 = if yf > 0 || yf < 0 then __std.exp(yf * __std.log(x)) else 1, f = __o_frexp(x), " +
    "loop(i, a1, ae, x1, xe) = if i < 1 then [a1, ae] " +
    "else if xe < -4096 || 4096 < xe then [a1, ae + xe] else " +
    "local odd = i % 2 == 1, sq = x1 * x1, low = sq < 0.5; " +
    "loop(__std.floor(i / 2), if odd then a1 * x1 else a1, if odd then ae + xe else ae, " +
    "if low then sq + sq else sq, if low then xe * 2 - 1 else xe * 2), " +
    "r = loop(yi, a0, 0, f[0], f[1]), a = if y < 0 then 1 / r[0] else r[0], e = if y < 0 then -r[1] else r[1]; " +
    "__o_ldexp(a, e)",
  // Go's math.Ldexp: overflow is go-jsonnet's "Overflow", a subnormal result is rounded once.
  ldexp: "function(frac, exp) if !(frac < 0 || frac > 0) then frac else " +
    "local f = __o_frexp(frac), e = f[1] + exp; " +
    "if e - 1 > 1023 then error 'Overflow' else if e - 1 < -1075 then 0 * frac " +
    "else if e - 1 < -1022 then (f[0] * __std.pow(2, e + 53)) * __std.pow(2, -53) " +
    "else (f[0] * 2) * __std.pow(2, e - 1)",
  // Go's math.Modf, then math.Mod: the integer part decides, for negative numbers too.
  isEven: "function(x) local i = if x < 0 then __std.ceil(x) else __std.floor(x); i % 2 == 0",
  isOdd: "function(x) local i = if x < 0 then __std.ceil(x) else __std.floor(x); i % 2 != 0",
  split: "function(str, c) " +
    "assert __std.isString(str) : 'std.split first parameter must be a String, got ' + __std.type(str); " +
    "assert __std.isString(c) : 'std.split second parameter must be a String, got ' + __std.type(c); " +
    "assert __std.length(c) >= 1 : 'std.split second parameter must have length 1 or greater, got ' + " +
    "__std.length(c); __std.split(str, c)",
  splitLimit: "function(str, c, maxsplits) " +
    "if __std.isString(c) && c == '' then error 'std.splitLimit second parameter should have length 1 or greater, got 0' " +
    "else __std.splitLimit(str, c, maxsplits)",
  splitLimitR: "function(str, c, maxsplits) " +
    "if __std.isString(c) && c == '' then error 'std.splitLimitR second parameter should have length 1 or greater, " +
    "got 0' else __std.splitLimitR(str, c, maxsplits)",
  strReplace: "function(str, from, to) if __std.isString(from) && from == '' " +
    "then error \"'from' string must not be zero length.\" else __std.strReplace(str, from, to)",
  // Go's strings.Contains: the empty string is in every string.
  member: "function(arr, x) if __std.isString(arr) && __std.isString(x) && x == '' then true else __std.member(arr, x)",
  // go-jsonnet returns the smallest *key*, not the element it belongs to.
  minArray: "function(arr, keyF=function(x) x) if __std.isArray(arr) && __std.isFunction(keyF) && arr != [] " +
    "then __std.minArray(__std.map(keyF, arr)) else __std.minArray(arr)",
  maxArray: "function(arr, keyF=function(x) x) if __std.isArray(arr) && __std.isFunction(keyF) && arr != [] " +
    "then __std.maxArray(__std.map(keyF, arr)) else __std.maxArray(arr)",
  // Go's builtins: a negative count makes nothing; an index out of range is an error.
  makeArray:
    "function(sz, func) if __std.isNumber(sz) && sz < 0 && !(sz > __std.floor(sz)) && __std.isFunction(func) " +
    "then [] else __std.makeArray(sz, func)",
  repeat: "function(what, count) if __std.isNumber(count) && count < 0 && !(count > __std.floor(count)) then " +
    "(if __std.isString(what) then '' else if __std.isArray(what) then [] " +
    "else error 'std.repeat first argument must be an array or a string') else __std.repeat(what, count)",
  range: "function(from, to) if __std.isNumber(from) && __std.isNumber(to) && to < from - 1 " +
    "then error 'std.range: to (%d) is below from (%d) - 1, which go-jsonnet cannot make' % [to, from] " +
    "else __std.range(from, to)",
  removeAt: "function(arr, i) if __std.isArray(arr) && __std.isNumber(i) && (i < 0 || i >= __std.length(arr)) " +
    "then error 'std.removeAt: index %d out of range [0, %d)' % [i, __std.length(arr)] else __std.removeAt(arr, i)",
  objectRemoveKey: "function(obj, key) { [k]: obj[k] for k in __std.objectFields(obj) if k != key }",
  startsWith: "function(a, b) if __std.length(a) < __std.length(b) then false " +
    "else __o_substr(a, 0, __std.length(b)) == b",
  endsWith: "function(a, b) if __std.length(a) < __std.length(b) then false " +
    "else __o_substr(a, __std.length(a) - __std.length(b), __std.length(b)) == b",
  substr: "function(str, from, len) " +
    "if !__std.isString(str) then error 'substr first parameter should be a string, got ' + __std.type(str) " +
    "else if __std.isNumber(from) && from > __std.floor(from) then " +
    "error 'substr second parameter should be an integer, got %f' % from " +
    "else if __std.isNumber(len) && len > __std.floor(len) then " +
    "error 'substr third parameter should be an integer, got %f' % len else __std.substr(str, from, len)",
  // What a computed index `x[e]` calls (lib/jsonnet/index_rewrite.ts): Go's int(), toward zero; a negative
  // one is out of bounds (this engine would read any negative index as 0).
  index: "function(i) if !__std.isNumber(i) then i else if !(i < 0) then __std.floor(i) else if i > -1 then 0 " +
    "else error ('Index ' + __std.ceil(i) + ' out of bounds')",
  // A bitwise operand (lib/jsonnet/bitwise_rewrite.ts): go-jsonnet's int64 range check, and Go's amd64
  // conversion of 2^63 (9223372036854775807 reads as 2^63) to -2^63; this engine saturates.
  bits: "function(x) if !__std.isNumber(x) || (x < 9223372036854775807 && !(x < -9223372036854775808)) then x " +
    "else if !(x > 9223372036854775807 || x < 9223372036854775807) then -9223372036854775808 " +
    "else error ('Bitwise operator argument ' + x + ' outside of range [-9223372036854775808, 9223372036854775807]')",
  // A shift's amount: go-jsonnet refuses a negative one before converting, and 2^63 becomes -2^63, which
  // shifts by -2^63 % 64 = 0; this engine would refuse it.
  bitsShift: "function(x) if __std.isNumber(x) && !(x > 9223372036854775807 || x < 9223372036854775807) then 0 " +
    "else __o_bits(x)",
  // `~` converts without the check: whatever lies outside int64 becomes -2^63 (Go's amd64 conversion).
  bitsNot: "function(x) if __std.isNumber(x) && !(x < 9223372036854775807 && !(x < -9223372036854775808)) " +
    "then -9223372036854775808 else x",
  // std.jsonnet: the JSON escape, U+007F–U+009F escaped.
  escapeStringPython: "function(str) __o_escapeStringJson(str)",
  // Go's encoding/json: numbers correctly rounded, lone surrogates U+FFFD. The host reads the text
  // (lib/jsonnet/parse_json_like_go.ts) and answers '' when this engine's parser agrees, else JSON text
  // [key, value] in which each number it would misread is {key: [m, e]}, m * 2^e exactly.
  parseJson: "function(str) if !__std.isString(str) then __std.parseJson(str) else " +
    "local r = __o_parseJsonNative(str); if r == '' then __std.parseJson(str) else " +
    "local p = __std.parseJson(r), k = p[0], rebuild(v) = if __std.isArray(v) then __std.map(rebuild, v) " +
    "else if !__std.isObject(v) then v else if __std.objectHas(v, k) then " +
    "(if v[k][1] < -1000 then (v[k][0] * __std.pow(2, v[k][1] + 100)) * __std.pow(2, -100) " +
    "else v[k][0] * __std.pow(2, v[k][1])) else __std.mapWithKey(function(_, x) rebuild(x), v); rebuild(p[1])",
  parseJsonNative: `__std.native(${JSON.stringify(PARSE_JSON_NATIVE)})`,
  // Ory registers no native functions: the host's own is not one a mapper can reach.
  native: `function(name) if name == ${JSON.stringify(PARSE_JSON_NATIVE)} then null else __std.native(name)`,
  // go-jsonnet's trace takes exactly a string and a value.
  trace: "function(str, rest) if __std.isString(str) then __std.trace(str, rest) " +
    "else error 'Unexpected type ' + __std.type(str) + ', expected string'",
  // Go's builtins name their parameters otherwise than this engine's: named arguments need go-jsonnet's names.
  equals: "function(x, y) __std.equals(x, y)",
  sha1: "function(s) __std.sha1(s)",
  sha256: "function(s) __std.sha256(s)",
  sha512: "function(s) __std.sha512(s)",
  sha3: "function(s) __std.sha3(s)",
  flattenArrays: "function(arrs) __std.foldl(function(a, b) a + b, arrs, [])",
  chomp: "function(s) __std.substr(s, 0, __std.length(s) - 1)",
  // std.format, std.mod and what `%` on a string calls (lib/jsonnet/format_rewrite.ts).
  ...GO_FORMAT,
};

const RUNTIME_FORMAT_STUB = `function(a, b=null) error ${JSON.stringify(RUNTIME_FORMAT_NEEDED)}`;

/** The std names the prelude adds because this engine lacks them (go-jsonnet v0.21.0 has them). */
export const PRELUDE_STD_ADDITIONS: readonly string[] = [
  "trim",
  "flattenDeepArray",
  "log2",
  "log10",
  "pi",
  "deg2rad",
  "rad2deg",
  "hypot",
  "atan2",
];

/** Prelude entries that are its own helpers, not std names. */
const HELPER_NAMES: ReadonlySet<string> = new Set([
  "escape7f",
  "escape2028",
  "frexp",
  "ldexp",
  "chomp",
  "parseJsonNative",
  "index",
  "bits",
  "bitsNot",
  "bitsShift",
  ...GO_FORMAT_HELPERS,
]);

/** Std functions the prelude redefines as go-jsonnet v0.21.0 defines them. */
export const PRELUDE_STD_OVERRIDES: readonly string[] = Object.keys(GO_STD).filter((name) =>
  !PRELUDE_STD_ADDITIONS.includes(name) && !HELPER_NAMES.has(name)
);

/** This engine's `arakoo` global, which Ory's go-jsonnet does not have, bound to Ory's error. */
const ARAKOO = "local arakoo = error 'Unknown variable: arakoo (an extension of this engine; Ory has none)'; ";

/** The user's source made ready for the engine, before the ext-code values are known. */
export interface PreparedSource {
  /** The rewritten user source. */
  body: string;
  /**
   * The prelude after the ext-code values: more bindings of their `local` (`, __o_trim = …`), its `;`,
   * then the `std` extension and `arakoo` where needed.
   */
  definitions: string;
  /** The ext-code names, in the order `__x0`, `__x1`… */
  extCodeNames: readonly string[];
  /** From a column of `body` back to the user's, when a rewrite changed a line's length (a slice's). */
  toSourceColumn?: ColumnMap;
  /**
   * The prelude stands in for large format definitions (go-jsonnet's run-time format parser, Go's pow) with
   * an error naming `RUNTIME_FORMAT_NEEDED` (lib/jsonnet/go_format.ts): if evaluation fails with it,
   * prepare again with `runtimeFormat`.
   */
  runtimeFormatStub?: boolean;
}

/** What the engine evaluates. */
export interface PreparedText {
  text: string;
  /** Ext-code values passed as ext strings (parsed by the prelude), by name. */
  extStrings: Record<string, string>;
  /** Characters the prelude adds before the user's line 1, all ASCII (the engine counts UTF-8 bytes). */
  prefixLength: number;
}

/** `std.name` spelled exactly, in code: the only spelling rewritten in place. */
const STD_MEMBER = /(?<![\w.$])std\.([A-Za-z_]\w*)/g;
/** `std` used any other way (`local s = std`, `std['x']`, `std .x`): then `std` itself must change. */
const OTHER_STD = /(?<![\w.$])std\b(?!\.[A-Za-z_])/;
/** A number with a leading zero, which go-jsonnet's lexer splits into two numbers (a syntax error). */
const LEADING_ZERO = /(?<![\w.]|[eE][+-])0\d/g;

/**
 * `std.extVar('session')` spelled exactly, with a known name: the call is replaced by the local that holds
 * the value, padded with spaces to the call's length, so columns stay the user's. Going
 * through `__o_extVar(n)` instead costs a function call and string comparisons per use, a measurable
 * share of an evaluation of the guide's mapper in this engine (BENCHMARKS.md).
 *
 * @returns the edit, or undefined when the call is spelled any other way (then `__o_extVar` answers).
 */
function directExtVar(
  source: string,
  spans: readonly CodeSpan[],
  index: number,
  at: number,
  extCodeNames: readonly string[],
): { length: number; text: string } | undefined {
  const open = at + "std.extVar(".length;
  const literal = spans[index + 1];
  const after = spans[index + 2];
  if (spans[index]!.end !== open || source[open - 1] !== "(" || literal?.kind !== "string") return undefined;
  if (after?.kind !== "code" || source[literal.end] !== ")") return undefined;
  const quoted = source.slice(literal.start, literal.end);
  const name = /^(['"])([A-Za-z_]\w*)\1$/.exec(quoted)?.[2];
  const position = name === undefined ? -1 : extCodeNames.indexOf(name);
  if (position === -1) return undefined;
  const length = literal.end + 1 - at;
  // Spaces, not parentheses: the name is a primary expression like the call, and parentheses cost this
  // engine time on every use.
  const local = `__x${position}`;
  return { length, text: local + " ".repeat(length - local.length) };
}

/**
 * Prepares a source for evaluation with ext-code variables.
 *
 * @param source the user's Jsonnet.
 * @param extCodeNames names whose values are ext code (JSON).
 * @param options `filename`: what `std.thisFile` is (Ory: the `claims_mapper_url`).
 */
export function prepareSource(
  source: string,
  extCodeNames: readonly string[],
  options: { filename?: string; runtimeFormat?: boolean } = {},
): PreparedSource {
  // Edits in any order (a span's rewrites are found rule by rule), applied in source order below; the
  // syntax tree's insertions (slices, `%`) come first, before a `std.` rewrite at the same offset.
  const rewrites = syntaxRewrites(source);
  const used = rewrites.uses;
  const edits: SourceEdit[] = rewrites.edits;
  const replacing = rewrites.edits.filter((edit) => edit.length > 0);
  const replaced = (at: number) => replacing.some((edit) => at >= edit.at && at < edit.at + edit.length);
  const replace = (at: number, length: number, text: string) => edits.push({ at, length, text });
  let otherStd = false;
  let mentionsArakoo = false;
  const spans = codeSpans(source);
  spans.forEach((span, index) => {
    const text = source.slice(span.start, span.end);
    if (span.kind === "string" && text.startsWith("|||-")) {
      used.add("chomp");
      replace(span.start, 4, "__o_chomp(|||");
      // Keep the columns after the closing delimiter: take one character of its indentation if any.
      const close = span.start + text.lastIndexOf("|||");
      const indented = close > 0 && (source[close - 1] === " " || source[close - 1] === "\t");
      if (indented) replace(close - 1, 4, "|||)");
      else replace(close, 3, "|||)");
      return;
    }
    if (span.kind === "string" && (text[0] === "'" || text[0] === '"') && text.includes("\\/")) {
      // `\/` is an escape in go-jsonnet and a syntax error here: drop the backslash and pad after the
      // closing quote, so what follows the literal keeps its column.
      let unescaped = "";
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "\\" && text[i + 1] === "/") continue;
        unescaped += text[i]!;
        if (text[i] === "\\" && i + 1 < text.length) unescaped += text[++i]!;
      }
      replace(span.start, text.length, unescaped + " ".repeat(text.length - unescaped.length));
      return;
    }
    if (span.kind !== "code") return;
    for (const match of text.matchAll(STD_MEMBER)) {
      const name = match[1]!;
      // Inside text the syntax tree's rewrites replace (a compiled `std.format('…', x)`).
      if (replaced(span.start + match.index)) continue;
      if (name !== "extVar" && name !== "thisFile" && !(name in GO_STD)) continue;
      const at = span.start + match.index;
      const direct = name === "extVar" ? directExtVar(source, spans, index, at, extCodeNames) : undefined;
      if (direct !== undefined) {
        replace(at, direct.length, direct.text);
        continue;
      }
      used.add(name);
      replace(at, 4, "__o_");
    }
    for (const match of text.matchAll(LEADING_ZERO)) {
      // `042`: keep the 0 and blank the next digit, so this engine fails at the same place.
      replace(span.start + match.index + 1, 1, " ");
    }
    if (OTHER_STD.test(text)) otherStd = true;
    if (/\barakoo\b/.test(text)) mentionsArakoo = true;
  });
  const { text: body, toSourceColumn } = applyEdits(source, edits);

  // std reachable without the `std.` spelling: every go-jsonnet definition the source may name.
  const members = ["extVar:: __o_extVar", "thisFile:: __o_thisFile"];
  if (otherStd) {
    for (const name of Object.keys(GO_STD)) {
      if (HELPER_NAMES.has(name) || !new RegExp(`\\b${name}\\b`).test(source)) continue;
      members.push(`${name}:: __o_${name}`);
      used.add(name);
    }
  }
  // Definitions name each other: pull in what the used ones need. The run-time format parser is large: a
  // stand-in unless the source has needed it.
  const stub = !options.runtimeFormat;
  const definition = (name: string) => stub && ON_DEMAND.includes(name) ? RUNTIME_FORMAT_STUB : GO_STD[name]!;
  const pending = [...used].filter((name) => name in GO_STD);
  while (pending.length > 0) {
    for (const match of definition(pending.pop()!).matchAll(/__o_(\w+)/g)) {
      if (!used.has(match[1]!)) {
        used.add(match[1]!);
        pending.push(match[1]!);
      }
    }
  }
  const locals: string[] = [];
  // Only a use spelled some other way (`std.extVar(name)`, a reachable std) needs the lookup: each local
  // the prelude defines costs this engine time per evaluation, used or not (an unused `__o_extVar`
  // slowed the guide's mapper measurably; BENCHMARKS.md).
  if (used.has("extVar") || otherStd) {
    const lookup = extCodeNames.reduceRight(
      (otherwise, name, i) => `if x == ${JSON.stringify(name)} then __x${i} else ${otherwise}`,
      "__std.extVar(x)",
    );
    // go-jsonnet's parameter name, for `std.extVar(x='session')`.
    locals.push(`__o_extVar(x) = ${lookup}`);
  }
  if (used.has("thisFile") || otherStd) {
    locals.push(`__o_thisFile = ${asciiOnly(JSON.stringify(options.filename ?? ""))}`);
  }
  for (const name of Object.keys(GO_STD)) if (used.has(name)) locals.push(`__o_${name} = ${definition(name)}`);
  // One `local` with the ext-code values (see withExtCode): each further `local` costs time too.
  let definitions = `${locals.map((local) => `, ${local}`).join("")}; `;
  if (otherStd) definitions += `local std = __std + { ${members.join(", ")} }; `;
  if (mentionsArakoo) definitions += ARAKOO;
  return {
    body,
    definitions,
    extCodeNames,
    ...(toSourceColumn === undefined ? {} : { toSourceColumn }),
    ...(stub && ON_DEMAND.some((name) => used.has(name)) ? { runtimeFormatStub: true } : {}),
  };
}

/**
 * The text to evaluate: the ext-code values on line 1, then the definitions and the user's source.
 * A value this engine's `std.parseJson` reads exactly (see {@linkcode parsesExactly}) is passed as an
 * ext string and parsed there, which is fastest; any other is written into the prelude as a literal.
 *
 * @param prepared from {@linkcode prepareSource}.
 * @param extCode each name's value as JSON text.
 * @throws {SyntaxError} when a value written as a literal is not JSON.
 */
export function withExtCode(prepared: PreparedSource, extCode: Readonly<Record<string, string>>): PreparedText {
  let head = "local __std = std";
  const extStrings: Record<string, string> = {};
  prepared.extCodeNames.forEach((name, i) => {
    const json = extCode[name]!;
    if (parsesExactly(json)) {
      extStrings[name] = json;
      head += `, __x${i} = __std.parseJson(__std.extVar(${JSON.stringify(name)}))`;
    } else {
      head += `, __x${i} = ${extCodeLiteral(json)}`;
    }
  });
  const prefix = head + prepared.definitions;
  return { text: prefix + prepared.body, prefixLength: prefix.length, extStrings };
}

/**
 * Whether this engine's `std.parseJson` reads JSON text as Go's decoder does. It is not correctly
 * rounded in general, but it is exact for a number of at most 15 significant digits and a decimal
 * exponent within ±22 (both parts are exact doubles, and one multiplication or division rounds
 * correctly). It also fails on escaped lone surrogates, which Go reads as U+FFFD. Ory's sessions
 * nearly always qualify (integers, short decimals), so the common case keeps the fast path.
 */
export function parsesExactly(json: string): boolean {
  const n = json.length;
  for (let i = 0; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = json.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c) {
          i++;
          // \uD800–\uDFFF: a surrogate escape, paired or not; the literal path handles both.
          if (
            json.charCodeAt(i) === 0x75 && (json.charCodeAt(i + 1) | 0x20) === 0x64 && /[89a-fA-F]/.test(json[i + 2]!)
          ) {
            return false;
          }
        }
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i;
      let digits = 0;
      let fraction = 0;
      let leading = true;
      let dot = false;
      for (; j < n; j++) {
        const d = json.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) {
          if (d !== 0x30) leading = false;
          if (!leading) digits++;
          if (dot) fraction++;
        } else if (d === 0x2e) dot = true;
        else if (d !== 0x2d) break;
      }
      let exponent = 0;
      if (j < n && (json.charCodeAt(j) | 0x20) === 0x65) {
        const match = /^[eE]([+-]?\d+)/.exec(json.slice(j, j + 12));
        if (match === null) return false;
        exponent = Number(match[1]);
        j += match[0].length;
      }
      if (digits > 15 || Math.abs(exponent - fraction) > 22) return false;
      i = j - 1;
    }
  }
  return true;
}

/**
 * JSON text as a one-line, ASCII-only Jsonnet literal of the same value. Re-serialised, so whatever the
 * caller passed (line breaks, `\/`, duplicate keys) cannot reach the engine's lexer; lone surrogates
 * become U+FFFD as Go's decoder makes them; other non-ASCII characters are escaped, because the engine
 * counts line 1 columns in UTF-8 bytes and the prefix must be as long in every unit.
 */
function extCodeLiteral(json: string): string {
  const value: unknown = JSON.parse(json);
  let text = JSON.stringify(value);
  // Only a lone surrogate is written as an escape of this range.
  if (/\\ud[89a-f]/.test(text)) {
    text = JSON.stringify(value, (_key, v: unknown) => typeof v === "string" ? v.replace(LONE_SURROGATE, "\ufffd") : v);
  }
  return asciiOnly(text);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes every non-ASCII UTF-16 unit of JSON text (pairs as two escapes, which Jsonnet joins). */
function asciiOnly(json: string): string {
  return /[^ -~\t\n\r]/.test(json)
    ? json.replace(/[^ -~\t\n\r]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : json;
}
