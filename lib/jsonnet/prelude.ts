/**
 * The one-line prelude that makes this engine behave like Ory's go-jsonnet VM.
 *
 * Ory passes `session` and `claims` as ext *code*, so `std.extVar('session')` is an object there. This
 * engine (jrsonnet in WASM) only takes ext *strings*, so the prelude shadows `std` with a copy whose
 * `extVar` parses those names as JSON, once each (Jsonnet locals are lazy and memoised). It also
 * defines the std functions go-jsonnet v0.21.0 has and this engine lacks, with go-jsonnet's
 * definitions. The prelude has no line break, so the user's line numbers are unchanged; columns on
 * line 1 are shifted back by {@linkcode preludeFor}'s `length` when errors are reported.
 *
 * @module
 */

// A Jsonnet `local` is recursive, so the original std needs another name before `std` is rebound.
const STD_ADDITIONS = [
  "trim(str):: __std.stripChars(str, ' \\t\\n\\f\\r\\u0085\\u00A0')",
  "flattenDeepArray(value):: if __std.isArray(value) then [y for x in value for y in std.flattenDeepArray(x)] else [value]",
  "log2(x):: __std.log(x) / __std.log(2)",
  "log10(x):: __std.log(x) / __std.log(10)",
  "pi:: 3.14159265358979311599796346854",
  "deg2rad(x):: x * std.pi / 180",
  "rad2deg(x):: x * 180 / std.pi",
  "hypot(a, b):: __std.sqrt(a * a + b * b)",
  "atan2(y, x):: if x > 0 then __std.atan(y / x) else if x < 0 && y >= 0 then __std.atan(y / x) + std.pi " +
  "else if x < 0 then __std.atan(y / x) - std.pi else if y > 0 then std.pi / 2 else if y < 0 then -std.pi / 2 else 0",
];

/** The std names the prelude adds (go-jsonnet v0.21.0 has them, this engine does not). */
export const PRELUDE_STD_ADDITIONS: readonly string[] = STD_ADDITIONS.map((d) => d.slice(0, d.search(/[(:]/)));

const cache = new Map<string, string>();

/**
 * The prelude for a set of ext-code names; constant per set, so it is built once.
 *
 * @param extCodeNames names whose ext strings hold JSON to expose as values.
 * @returns Jsonnet text without a line break, ending in a space, to put before the user's source.
 */
export function preludeFor(extCodeNames: readonly string[]): string {
  const key = extCodeNames.join("\0");
  let prelude = cache.get(key);
  if (prelude === undefined) {
    const names = JSON.stringify(extCodeNames);
    prelude = `local __std = std, __ext = { [n]: __std.parseJson(__std.extVar(n)) for n in ${names} }; ` +
      `local std = __std + { extVar(name):: if __std.objectHas(__ext, name) then __ext[name] else __std.extVar(name), ` +
      `${STD_ADDITIONS.join(", ")} }; `;
    cache.set(key, prelude);
  }
  return prelude;
}
