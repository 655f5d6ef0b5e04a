/**
 * JSON written the way Go's `encoding/json` writes a `map[string]any`: object keys sorted bytewise at
 * every level, compact, `<` `>` `&` U+2028 U+2029 escaped, invalid UTF-16 replaced by U+FFFD, and
 * numbers in Go's shortest form. Kratos signs exactly these bytes, so the tokenizer must too.
 *
 * @module
 */

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const HTML_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** Orders strings by their UTF-8 bytes, which is code point order (JS's default sort is UTF-16 order). */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function writeString(text: string): string {
  const wellFormed = (text as { toWellFormed?: () => string }).toWellFormed?.() ??
    text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  return JSON.stringify(wellFormed).replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!);
}

function writeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot encode ${value} as JSON: Go refuses non-finite numbers`);
  // Go prints float64 negative zero as "-0"; JavaScript as "0". The thresholds for exponent form
  // (below 1e-6, from 1e21) and the shortest round-trip digits are otherwise the same.
  return Object.is(value, -0) ? "-0" : String(value);
}

/**
 * Serialises a JSON value exactly as Go's `json.Marshal` does for `map[string]any`.
 *
 * @example
 * ```ts
 * import { goJsonStringify } from "./go_json.ts";
 * if (goJsonStringify({ b: "<a>", a: 1 }) !== '{"a":1,"b":"\\u003ca\\u003e"}') throw new Error();
 * ```
 */
export function goJsonStringify(value: JsonValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return writeNumber(value);
    case "string":
      return writeString(value);
  }
  if (Array.isArray(value)) return `[${value.map(goJsonStringify).join(",")}]`;
  const keys = Object.keys(value).sort(compareUtf8);
  return `{${keys.map((key) => `${writeString(key)}:${goJsonStringify(value[key]!)}`).join(",")}}`;
}
