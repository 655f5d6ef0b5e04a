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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HTML_SPECIAL = /[<>&\u2028\u2029]/;
/** What either rewrite below looks for: most claim strings have none. */
const ANY_SPECIAL = /[<>&\u2028\u2029\ud800-\udfff]/;

function writeString(text: string): string {
  // Claims are written on every tokenization: one search for the common string that needs no rewrite.
  if (!ANY_SPECIAL.test(text)) return JSON.stringify(text);
  const wellFormed = LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\ufffd") : text;
  LONE_SURROGATE.lastIndex = 0;
  const json = JSON.stringify(wellFormed);
  return HTML_SPECIAL.test(json) ? json.replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!) : json;
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
  // Claims are written on every tokenization: one string built by appending, no arrays per level.
  let out = "";
  const write = (node: JsonValue): void => {
    if (node === null) {
      out += "null";
      return;
    }
    switch (typeof node) {
      case "boolean":
        out += node ? "true" : "false";
        return;
      case "number":
        out += writeNumber(node);
        return;
      case "string":
        out += writeString(node);
        return;
    }
    if (Array.isArray(node)) {
      out += "[";
      for (let i = 0; i < node.length; i++) {
        if (i > 0) out += ",";
        write(node[i]!);
      }
      out += "]";
      return;
    }
    const keys = Object.keys(node);
    // Jsonnet writes objects with sorted fields, so most are in order already: check before sorting.
    if (!isSorted(keys)) keys.sort(compareUtf8);
    out += "{";
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out += ",";
      out += writeString(keys[i]!) + ":";
      write(node[keys[i]!]!);
    }
    out += "}";
  };
  write(value);
  return out;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareUtf8(keys[i - 1]!, keys[i]!) > 0) return false;
  return true;
}
