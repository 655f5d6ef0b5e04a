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
const STD_ADDITIONS: Record<string, string> = {
  trim: "trim(str):: __std.stripChars(str, ' \\t\\n\\f\\r\\u0085\\u00A0')",
  flattenDeepArray:
    "flattenDeepArray(value):: if __std.isArray(value) then [y for x in value for y in std.flattenDeepArray(x)] else [value]",
  log2: "log2(x):: __std.log(x) / __std.log(2)",
  log10: "log10(x):: __std.log(x) / __std.log(10)",
  pi: "pi:: 3.14159265358979311599796346854",
  deg2rad: "deg2rad(x):: x * std.pi / 180",
  rad2deg: "rad2deg(x):: x * 180 / std.pi",
  hypot: "hypot(a, b):: __std.sqrt(a * a + b * b)",
  atan2: "atan2(y, x):: if x > 0 then __std.atan(y / x) else if x < 0 && y >= 0 then __std.atan(y / x) + std.pi " +
    "else if x < 0 then __std.atan(y / x) - std.pi else if y > 0 then std.pi / 2 else if y < 0 then -std.pi / 2 else 0",
};

/** The std names the prelude can add (go-jsonnet v0.21.0 has them, this engine does not). */
export const PRELUDE_STD_ADDITIONS: readonly string[] = Object.keys(STD_ADDITIONS);

/** `std.extVar` and its same-length replacement: columns after it do not move. */
const EXT_VAR = "std.extVar";
const EXT_VAR_REPLACEMENT = "__oryExt  ";
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
  return { text: prelude + rewritten, prefixLength: prelude.length };
}
