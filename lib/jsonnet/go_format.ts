/**
 * `std.format` (and `%` on a string) as go-jsonnet evaluates it. go-jsonnet runs std.jsonnet's format: it
 * parses the Python-like mini-language, then renders each number with plain float arithmetic (floor,
 * `%`, `std.pow(10, prec)`, `std.log(x) / std.log(10)` for the exponent). This engine's builtin follows a
 * similar plan but garbles negative fractions under `%f` (`-2.-50` for `-1.50`), loops until the deadline on
 * `%e`/`%g` of zero or a negative number, rounds `%d` of fractions and `%g` precision otherwise, refuses
 * `%c` of a surrogate and pads `%5s` by UTF-8 bytes. So these prelude entries render every conversion but a
 * plain `%s` or `%%`, which the builtin renders as go-jsonnet does and which stays the fast path.
 *
 * This engine parses the whole program on every evaluation, prelude included, at a cost that grows with its
 * syntax; so a format string written as a literal is parsed once, when the source is prepared
 * (lib/jsonnet/format_compile.ts), into calls of the small renderers below (`%d` into the builtin over the
 * value truncated as go-jsonnet truncates it), and only a format string known at run time (or one with `*`
 * or mapping keys) goes through `fmtGo`, the whole parser in Jsonnet. That one, and Go's `math.Pow(10, k)`
 * beyond 10^22, are large, so the prelude holds them only for a source that has needed them: otherwise
 * each is an error that says so ({@linkcode RUNTIME_FORMAT_NEEDED}), and the engine evaluates again.
 *
 * Renderers reproduce go-jsonnet's float operations in the same order, so the same bits come out; the
 * digits of a whole, non-negative magnitude come from the builtin (`%d`, `%o`, `%x` of such a value agree
 * with go-jsonnet, huge values included). Numbers are compared with `<` and `>`: this engine's `==` lets
 * numbers within 2^-52 of each other pass.
 *
 * @module
 */

/** The error of the prelude's stand-ins: the engine evaluates the source again with the real definitions. */
export const RUNTIME_FORMAT_NEEDED = "ory-tokenizer: a format the prelude holds only on demand";

/** The large entries the prelude holds only for a source that has needed them (see the module comment). */
export const ON_DEMAND: readonly string[] = ["fmtGo", "fmtPow10Go"];

/** Entries of the prelude's go-jsonnet std (`__o_name`), for std.format, std.mod and `%`. */
export const GO_FORMAT: Readonly<Record<string, string>> = {
  format: "function(str, vals) if __std.isString(str) && __o_fmtPlain(str) then __std.format(str, vals) " +
    "else __o_fmtGo(str, vals)",
  // go-jsonnet's std.mod, which its `%` operator calls.
  mod: "function(a, b) if __std.isString(a) then __o_format(a, b) else __std.mod(a, b)",
  // Only `%s` and `%%`: nothing the builtin renders otherwise than go-jsonnet.
  fmtPlain: "function(str) local n = __std.length(str); " +
    "__std.all([p + 1 < n && (str[p + 1] == 's' || str[p + 1] == '%') for p in __std.findSubstr('%', str)])",
  // The values of a format with `n` positional codes (a single value is an array of one).
  fmtArgs: "function(v, n) local a = if __std.isArray(v) then v " +
    "else if __std.isObject(v) && n > 0 then error 'Mapping keys required.' else [v]; " +
    "if __std.length(a) == n || (n == 0 && __std.isObject(v)) then a " +
    "else error 'Format needs %d values, got %d' % [n, __std.length(a)]",
  // The one value of a format with one positional code, checked as fmtArgs checks it.
  fmt1: "function(v) if __std.isArray(v) then (if __std.length(v) == 1 then v[0] " +
    "else error 'Format needs 1 value, got %d' % __std.length(v)) " +
    "else if __std.isObject(v) then error 'Mapping keys required.' else v",
  fmtNum: "function(x, i) if __std.isNumber(x) then x else error 'Format required number at ' + i + ', got ' + " +
    "__std.type(x)",
  // go-jsonnet pads one call deep per character: near 240 characters (fewer when the format is itself deep in
  // the mapper) it runs out of its 500 stack frames. Beyond 200, refused rather than written.
  fmtFill: "function(c, k) if !(k > 0) then '' else if k > 200 then error 'ory-tokenizer refuses a format that " +
    "pads more than 200 characters: go-jsonnet pads one call deep per character and runs out of stack near 240' " +
    "else __std.repeat(c, __std.ceil(k))",
  fmtPad: "function(s, w, left) local f = __o_fmtFill(' ', w - __std.length(s)); if left then s + f else f + s",
  // A sign and a whole magnitude >= 0: at least `minChars` characters with the sign (zero padding), at least
  // `minDigits` digits; `pos` is the sign of a positive number ('', ' ' or '+'); `prefix` goes before the
  // digits of a magnitude above zero (`%#o`).
  fmtInt: "function(neg, mag, minChars, minDigits, pos, conv, prefix) " +
    "local digits = if !(mag > 0) then '0' else if mag > __std.floor(mag) then __o_fmtFraction(mag) " +
    "else prefix + __std.format(conv, mag), sign = if neg then '-' else pos; " +
    "sign + __o_fmtFill('0', __std.max(minChars - __std.length(sign), minDigits) - __std.length(digits)) + digits",
  // go-jsonnet's %d of a negative fraction: toward zero, without a sign above -1. The builtin renders the rest
  // as go-jsonnet does (any flag, width and precision).
  fmtTrunc: "function(x) if __std.isNumber(x) && x < 0 && x > __std.floor(x) then " +
    "(if x > -1 then 0 else -__std.floor(-x)) else x",
  // %d (truncated toward zero; a sign only from -1 down) and %o.
  fmtD: "function(x, i, zp, ip, pos, conv, prefix) local v = __o_fmtNum(x, i); " +
    "__o_fmtInt(v <= -1, __std.floor(__std.abs(v)), zp, ip, pos, conv, prefix)",
  // %x of the floor, sign apart.
  fmtX: "function(x, i, zp, ip, pos, zerox, caps) local n = __std.floor(__o_fmtNum(x, i)), a = __std.abs(n), " +
    "digits = if a < 1 then '0' else __std.format(if caps then '%X' else '%x', a), sign = if n < 0 then '-' else pos; " +
    "sign + (if zerox then (if caps then '0X' else '0x') else '') + " +
    "__o_fmtFill('0', __std.max(zp - __std.length(sign) - (if zerox then 2 else 0), ip) - __std.length(digits)) + digits",
  // Fixed point: |n| * 10^prec + 0.5, floored, split into whole and fraction (`den` is go-jsonnet's 10^prec).
  fmtDec: "function(n, zeroPad, pos, ensurePoint, trailing, prec, den) " +
    "local a = __std.abs(n), num = a * den + 0.5, whole = if a > 0 then __std.floor(num / den) else 0, " +
    "frac = __std.floor(num) % den, " +
    "head = __o_fmtInt(n < 0, whole, zeroPad - prec - (if prec == 0 && !ensurePoint then 0 else 1), 0, pos, '%d', ''); " +
    "if prec == 0 then head + (if ensurePoint then '.' else '') else if trailing || frac > 0 then " +
    "(local digits = __o_fmtInt(false, frac, prec, 0, '', '%d', ''); " +
    "head + '.' + (if trailing then digits else __std.rstripChars(digits, '0'))) else head",
  // %f without zero padding, in fewer steps (the same operations): the builtin writes the whole part and the
  // fraction's digits, zero-padded to the precision (both whole numbers >= 0, which it renders as go-jsonnet).
  fmtF: "function(x, i, pos, prec, den, point) local n = __o_fmtNum(x, i), a = __std.abs(n), num = a * den + 0.5; " +
    "(if n < 0 then '-' else pos) + __std.format('%d', if a > 0 then __std.floor(num / den) else 0) + " +
    "(if prec == 0 then (if point then '.' else '') else '.' + __std.format('%0' + prec + 'd', __std.floor(num) % den))",
  // %e without zero padding: the mantissa n / 10^e with fmtF, then a signed exponent of two digits or more.
  fmtE: "function(x, i, pos, point, caps, prec, den) local n = __o_fmtNum(x, i), e = __o_fmtExponent(n); " +
    "__o_fmtF(n / __o_fmtPow10(e), i, pos, prec, den, point) + (if caps then 'E' else 'e') + " +
    "(if e < 0 then '-' else '+') + __std.format('%02d', __std.abs(e))",
  // Scientific: the mantissa n / 10^e, then a signed exponent of two digits or more.
  fmtSci: "function(n, zeroPad, pos, ensurePoint, trailing, caps, prec, den) local e = __o_fmtExponent(n), " +
    "suffix = (if caps then 'E' else 'e') + __o_fmtInt(e < 0, __std.abs(e), 3, 0, '+', '%d', ''); " +
    "__o_fmtDec(n / __o_fmtPow10(e), zeroPad - __std.length(suffix), pos, ensurePoint, trailing, prec, den) + suffix",
  fmtG: "function(x, i, zp, pos, alt, caps, prec) local n = __o_fmtNum(x, i), e = __o_fmtExponent(n); " +
    "if e < -4 || e >= prec then __o_fmtSci(n, zp, pos, alt, alt, caps, prec - 1, __o_fmtPow10(prec - 1)) " +
    "else local p = prec - __std.max(1, e + 1); __o_fmtDec(n, zp, pos, alt, alt, p, __o_fmtPow10(p))",
  fmtC: "function(x) if __std.isNumber(x) then __o_char(x) else if __std.isString(x) then " +
    "(if __std.length(x) == 1 then x else error '%c expected 1-sized string got: ' + __std.length(x)) " +
    "else error '%c expected number / string, got: ' + __std.type(x)",
  // floor(log10 |n|) as go-jsonnet computes it: std.log(|n|) / std.log(10). Go's math.Log on amd64 (Ory's
  // usual build) reads a subnormal's exponent field as if it were normal, so every subnormal gets -308.
  fmtExponent: "function(n) local a = __std.abs(n); if !(a > 0) then 0 " +
    "else if a < 2.2250738585072014e-308 then -308 else __std.floor(__std.log(a) / __std.log(10))",
  // Go's math.Pow(10, k): 10^|k| is exact up to 22, so k in [-22, 22] is one correctly rounded operation;
  // beyond, Go's repeated squaring of Frexp(10) = 0.625 * 2^4, then one rounding in Ldexp.
  fmtPow10: "function(k) if k > __std.floor(k) then error 'ory-tokenizer refuses a fractional precision' " +
    "else if k >= 0 && k <= 22 then __std.pow(10, k) else if k < 0 && k >= -22 then 1 / __std.pow(10, -k) " +
    "else __o_fmtPow10Go(k)",
  fmtPow10Go: "function(k) " +
    "local sq(i, a1, ae, x1, xe) = if i < 1 then [a1, ae] else local odd = i % 2 == 1, x2 = x1 * x1, low = x2 < 0.5; " +
    "sq(__std.floor(i / 2), if odd then a1 * x1 else a1, if odd then ae + xe else ae, " +
    "if low then x2 + x2 else x2, if low then xe * 2 - 1 else xe * 2), r = sq(__std.abs(k), 1, 0, 0.625, 4), " +
    "a = if k < 0 then 1 / r[0] else r[0], e = if k < 0 then -r[1] else r[1], h = __std.floor(e / 2), " +
    "v = (a * __std.pow(2, e - h)) * __std.pow(2, h); if v > 1.7976931348623157e308 then error 'Overflow' else v",
  // Only a negative precision (`%.0g`, `%.*f` with -1) makes a fractional magnitude, whose digits go-jsonnet
  // writes with its 17-digit number form; refused rather than written otherwise.
  fmtFraction: "function(mag) error 'ory-tokenizer does not reproduce how go-jsonnet formats with a negative " +
    "precision (%.0g is one); use a precision of 1 or more'",
  // The whole mini-language at run time: a format string not written as a literal, or one with `*` or
  // mapping keys. What lib/jsonnet/format_compile.ts does at preparation, in Jsonnet.
  fmtGo: "function(str, vals) " +
    "local n = __std.length(str), truncated = error 'Truncated format code.', " +
    "at(i) = if i < n then str[i] else truncated, " +
    "flags(i, f) = local c = at(i); " +
    "if c == '#' then flags(i + 1, f { alt: true }) else if c == '0' then flags(i + 1, f { zero: true }) " +
    "else if c == '-' then flags(i + 1, f { left: true }) else if c == ' ' then flags(i + 1, f { blank: true }) " +
    "else if c == '+' then flags(i + 1, f { plus: true }) else { i: i, v: f }, " +
    "number(i, v) = local c = at(i); " +
    "if c >= '0' && c <= '9' then number(i + 1, v * 10 + __std.codepoint(c) - 48) else { i: i, v: v }, " +
    "width(i) = if i < n && str[i] == '*' then { i: i + 1, v: '*' } else number(i, 0), " +
    "convs = { d: 'd', i: 'd', u: 'd', o: 'o', x: 'x', X: 'x', e: 'e', E: 'e', f: 'f', F: 'f', g: 'g', G: 'g', " +
    "c: 'c', s: 's', '%': '%' }, " +
    "code(i) = " +
    "local key = if at(i) != '(' then { i: i, v: null } else " +
    "(local close = [k for k in __std.findSubstr(')', str) if k > i]; " +
    "if close == [] then truncated else { i: close[0] + 1, v: __std.substr(str, i + 1, close[0] - i - 1) }), " +
    "fl = flags(key.i, { alt: false, zero: false, left: false, blank: false, plus: false }), " +
    "fw = width(fl.i), prec = if at(fw.i) == '.' then width(fw.i + 1) else { i: fw.i, v: null }, " +
    "conv = if at(prec.i) == 'h' || at(prec.i) == 'l' || at(prec.i) == 'L' then prec.i + 1 else prec.i, " +
    "c = at(conv); " +
    "if !__std.objectHas(convs, c) then error 'Unrecognised conversion type: ' + c else " +
    "{ end: conv + 1, key: key.v, flags: fl.v, fw: fw.v, prec: prec.v, type: convs[c], " +
    "caps: c == 'X' || c == 'E' || c == 'F' || c == 'G' }, " +
    "parsed = __std.foldl(function(s, p) if p < s.pos then s else local c = code(p + 1); " +
    "{ pos: c.end, out: s.out + [__std.substr(str, s.pos, p - s.pos), c] }, " +
    "__std.findSubstr('%', str), { pos: 0, out: [] }), " +
    "codes = parsed.out + [__std.substr(str, parsed.pos, n - parsed.pos)], " +
    "render(val, c, fw, prec, i) = local f = c.flags, t = c.type, fp = if prec != null then prec else 6, " +
    "ip = if prec != null then prec else 0, zp = if f.zero && !f.left then fw else 0, " +
    "pos = if f.plus then '+' else if f.blank then ' ' else ''; " +
    "if t == '%' then '%' else if t == 's' then __std.toString(val) else if t == 'c' then __o_fmtC(val) " +
    "else if t == 'd' then __o_fmtD(val, i, zp, ip, pos, '%d', '') " +
    "else if t == 'o' then __o_fmtD(val, i, zp, ip, pos, '%o', if f.alt then '0' else '') " +
    "else if t == 'x' then __o_fmtX(val, i, zp, ip, pos, f.alt, c.caps) " +
    "else if t == 'f' then __o_fmtDec(__o_fmtNum(val, i), zp, pos, f.alt, true, fp, __o_fmtPow10(fp)) " +
    "else if t == 'e' then __o_fmtSci(__o_fmtNum(val, i), zp, pos, f.alt, true, c.caps, fp, __o_fmtPow10(fp)) " +
    "else __o_fmtG(val, i, zp, pos, f.alt, c.caps, fp), " +
    "byPosition(arr) = local m = __std.length(arr), " +
    "take(j) = if j < m then arr[j] else error 'Not enough values to format: ' + m + ', expected more than ' + j, " +
    "done = __std.foldl(function(s, c) if __std.isString(c) then s { text: s.text + c } else " +
    "local w = if c.fw == '*' then take(s.j) else c.fw, j1 = if c.fw == '*' then s.j + 1 else s.j, " +
    "p = if c.prec == '*' then take(j1) else c.prec, j2 = if c.prec == '*' then j1 + 1 else j1; " +
    "{ j: if c.type == '%' then j2 else j2 + 1, " +
    "text: s.text + __o_fmtPad(render(take(j2), c, w, p, j2), w, c.flags.left) }, codes, { j: 0, text: '' }); " +
    "if done.j < m then error 'Too many values to format: ' + m + ', expected ' + done.j else done.text, " +
    "byKey(obj) = __std.join('', [if __std.isString(c) then c else " +
    "local w = if c.fw == '*' then error 'Cannot use * field width with object.' else c.fw, " +
    "p = if c.prec == '*' then error 'Cannot use * precision with object.' else c.prec, " +
    "k = if c.key == null then error 'Mapping keys required.' else c.key, " +
    "val = if __std.objectHasAll(obj, k) then obj[k] else error 'No such field: ' + k; " +
    "__o_fmtPad(render(val, c, w, p, k), w, c.flags.left) for c in codes]); " +
    "if __std.isArray(vals) then byPosition(vals) else if __std.isObject(vals) then byKey(vals) else byPosition([vals])",
};

/** The entries above that are helpers, not std names. */
export const GO_FORMAT_HELPERS: readonly string[] = Object.keys(GO_FORMAT).filter((name) =>
  name !== "format" && name !== "mod"
);
