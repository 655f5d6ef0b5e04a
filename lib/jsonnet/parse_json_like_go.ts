/**
 * `std.parseJson` as go-jsonnet reads JSON text (Go's `encoding/json`: correctly rounded numbers, lone
 * surrogate escapes as U+FFFD). This engine's own parser is neither: `1.7e-22` becomes
 * `1.7000000000000002e-22` and `"\ud800"` fails. The engine calls {@linkcode goJsonText} as a native
 * function (the prelude's `parseJson`); what it returns is JSON text the engine's parser does read
 * exactly, and the prelude rebuilds the numbers that parser cannot read.
 *
 * @module
 */

import { parsesExactly } from "./prelude.ts";

/**
 * Reads the text with `JSON.parse` (correctly rounded, as Go's `ParseFloat`), then writes it again for
 * the engine:
 * - `""` when the engine's own parser gives Go's answer: the text reads exactly, or it is not JSON (both
 *   engines fail), or a number overflows (Go's "cannot unmarshal number"; the engine's "out of range");
 * - otherwise `[key, value]`: the value with lone surrogates as U+FFFD, and each number the engine would
 *   misread as `{key: [m, e]}`, the number `m * 2^e` (`m` a whole number below 2^53, read exactly), under
 *   a key no object of the value has.
 *
 * @param args the engine's arguments as JSON text: an array of the one argument, a string.
 */
export function goJsonText(args: string): string {
  const [text] = JSON.parse(args) as unknown[];
  if (typeof text !== "string" || parsesExactly(text)) return "";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "";
  }
  const keys = new Set<string>();
  let finite = true;
  (function scan(v: unknown): void {
    if (typeof v === "number") finite &&= Number.isFinite(v);
    else if (Array.isArray(v)) v.forEach(scan);
    else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        scan(x);
      }
    }
  })(value);
  if (!finite) return "";
  let key = "__oryNumber";
  while (keys.has(key)) key += "_";
  return `[${JSON.stringify(key)},${write(value, key)}]`;
}

function write(v: unknown, key: string): string {
  if (typeof v === "string") return JSON.stringify(v.replace(LONE_SURROGATE, "\ufffd"));
  if (typeof v === "number") {
    if (Object.is(v, -0)) return "-0";
    const shortest = String(v);
    return parsesExactly(shortest) ? shortest : `{${JSON.stringify(key)}:${binaryParts(v)}}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => write(x, key)).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const fields = Object.entries(v).map(([k, x]) =>
      `${JSON.stringify(k.replace(LONE_SURROGATE, "\ufffd"))}:${write(x, key)}`
    );
    return `{${fields.join(",")}}`;
  }
  return JSON.stringify(v);
}

/** `[m, e]` with `v = m * 2^e` exactly, `m` a whole number of at most 53 bits. */
function binaryParts(v: number): string {
  let m = v;
  let e = 0;
  // Scale by powers of two (exact) until the significand is whole, then take out factors of two.
  while (!Number.isInteger(m)) {
    m *= 2 ** 64;
    e -= 64;
  }
  while (Math.abs(m) > Number.MAX_SAFE_INTEGER || (m % 2 === 0 && m !== 0 && e < 0)) {
    m /= 2;
    e += 1;
  }
  return `[${m},${e}]`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
