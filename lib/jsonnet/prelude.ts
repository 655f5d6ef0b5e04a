/**
 * The one-line prelude that makes this engine behave like Ory's go-jsonnet VM.
 *
 * Ory passes `session` and `claims` as ext *code*, so `std.extVar('session')` is an object there. This
 * engine (jrsonnet in WASM) only takes ext *strings*. The prelude parses each ext-code variable once
 * (Jsonnet locals are lazy and memoised) and the user's `std.extVar` calls are pointed at it.
 *
 * Speed matters here (every tokenization evaluates), and extending `std` with `std + {...}` makes every
 * evaluation about three times slower in this engine. So the common spelling `std.extVar` is rewritten
 * in place to `__oryExt  ` (same length: line and column numbers stay the user's), and `std` is extended
 * only when it must be: when `extVar` is still reachable another way (`local s = std; s.extVar(...)`),
 * or when the source names a std function go-jsonnet v0.21.0 has and this engine lacks (added with
 * go-jsonnet's definitions). The prelude has no line break, so line numbers are unchanged; columns on
 * line 1 are shifted back by `prefixLength` when errors are reported.
 *
 * @module
 */

import { codeSpans } from "./code_spans.ts";

// A Jsonnet `local` is recursive, so the original std needs another name before `std` is rebound.
// Each definition is go-jsonnet v0.21.0's: trim, hypot and atan2 are Go builtins there
// (strings.TrimSpace, math.Hypot, math.Atan2), the others come from the std.jsonnet it embeds.
const STD_ADDITIONS: Record<string, string> = {
  // strings.TrimSpace trims Unicode White_Space: more than C++ jsonnet's list (\v, U+1680, U+2000…).
  trim: "trim(str):: __std.stripChars(str, ' \\t\\n\\u000b\\f\\r\\u0085\\u00a0\\u1680\\u2000\\u2001\\u2002" +
    "\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000')",
  flattenDeepArray:
    "flattenDeepArray(value):: if __std.isArray(value) then [y for x in value for y in std.flattenDeepArray(x)] else [value]",
  log2: "log2(x):: __std.log(x) / __std.log(2)",
  log10: "log10(x):: __std.log(x) / __std.log(10)",
  pi: "pi:: 3.14159265358979311600",
  deg2rad: "deg2rad(x):: x * std.pi / 180",
  rad2deg: "rad2deg(x):: x * 180 / std.pi",
  // math.Hypot scales by the larger argument, so large arguments do not overflow.
  hypot: "hypot(x, y):: local p = __std.abs(x), q = __std.abs(y), hi = __std.max(p, q), lo = __std.min(p, q); " +
    "if hi == 0 then 0 else local r = lo / hi; hi * __std.sqrt(1 + r * r)",
  // math.Atan2, with its special cases for zeros (signed zeros included).
  atan2: "atan2(y, x):: local neg(v) = v < 0 || (v == 0 && __std.toString(v) == '-0'); " +
    "if y == 0 then (if !neg(x) then y else if neg(y) then -std.pi else std.pi) " +
    "else if x == 0 then (if y > 0 then std.pi / 2 else -std.pi / 2) " +
    "else local q = __std.atan(y / x); if x > 0 then q else if q <= 0 then q + std.pi else q - std.pi",
};

/** The std names the prelude can add (go-jsonnet v0.21.0 has them, this engine does not). */
export const PRELUDE_STD_ADDITIONS: readonly string[] = Object.keys(STD_ADDITIONS);

/** `std.extVar` and its same-length replacement: columns after it do not move. */
const EXT_VAR = "std.extVar";
const EXT_VAR_REPLACEMENT = "__oryExt  ";
/**
 * This engine's `arakoo` global, which Ory's go-jsonnet does not have, bound to an error so a mapper
 * that uses it fails here as it does in Ory (where it fails before evaluation; the linter reports
 * every use).
 */
const ARAKOO = "local arakoo = error 'Unknown variable: arakoo (an extension of this engine; Ory has none)'; ";
/** Additions also pull in `pi` when they use it. */
const USES_PI = new Set(["deg2rad", "rad2deg", "atan2"]);

/** The user's source made ready for the engine. */
export interface PreparedSource {
  /** Prelude and (rewritten) source, to evaluate. */
  text: string;
  /** Characters the prelude adds before the user's line 1. */
  prefixLength: number;
}

/**
 * Prepares a source for evaluation with ext-code variables.
 *
 * @param source the user's Jsonnet.
 * @param extCodeNames names whose ext strings hold JSON to expose as values.
 */
export function prepareSource(source: string, extCodeNames: readonly string[]): PreparedSource {
  let rewritten = "";
  let last = 0;
  for (const span of codeSpans(source)) {
    if (span.kind !== "code") continue;
    const code = source.slice(span.start, span.end);
    for (const match of code.matchAll(/(?<![\w.$])std\s*\.\s*extVar\b/g)) {
      if (match[0] !== EXT_VAR) continue; // unusual spacing: left to the std override below
      const at = span.start + match.index;
      rewritten += source.slice(last, at) + EXT_VAR_REPLACEMENT;
      last = at + EXT_VAR.length;
    }
  }
  rewritten += source.slice(last);

  const locals = extCodeNames.map((name, i) => `__x${i} = __std.parseJson(__std.extVar(${JSON.stringify(name)}))`);
  const lookup = extCodeNames.reduceRight(
    (otherwise, name, i) => `if n == ${JSON.stringify(name)} then __x${i} else ${otherwise}`,
    "__std.extVar(n)",
  );
  let prelude = `local __std = std${locals.map((l) => `, ${l}`).join("")}; local __oryExt(n) = ${lookup}; `;

  const members: string[] = [];
  if (/extVar/.test(rewritten)) members.push("extVar(n):: __oryExt(n)");
  const wanted = PRELUDE_STD_ADDITIONS.filter((name) => new RegExp(`\\b${name}\\b`).test(rewritten));
  if (wanted.some((name) => USES_PI.has(name)) && !wanted.includes("pi")) wanted.push("pi");
  members.push(...wanted.map((name) => STD_ADDITIONS[name]!));
  if (members.length > 0) prelude += `local std = __std + { ${members.join(", ")} }; `;
  if (/\barakoo\b/.test(rewritten)) prelude += ARAKOO;
  return { text: prelude + rewritten, prefixLength: prelude.length };
}
