/**
 * The size in bytes of what go-jsonnet writes for a value: the text Ory's 256 KiB output limit is
 * measured on. go-jsonnet manifests with three-space indentation, `{ }` and `[ ]` for empty containers,
 * `"key": value`, numbers as `unparseNumber` writes them (whole numbers with every digit, others with
 * 17 significant digits) and strings as `unparseString` escapes them (U+007F–U+009F as `\u00xx`), and
 * ends with a line break. This engine's output is shorter (shortest numbers, no such escapes), so
 * measuring it would let through outputs Ory refuses.
 *
 * @module
 */

import type { JsonValue } from "../encoding/go_json.ts";
import { goJsonnetNumberString } from "../encoding/go_jsonnet_number.ts";

const INDENT = 3;

/**
 * Counts the bytes of go-jsonnet's manifested output for `value`, stopping early once past `limit`.
 *
 * @param value the evaluated output.
 * @param limit a count beyond which the exact figure does not matter.
 * @returns the byte count, or a number above `limit` as soon as it is exceeded.
 */
export function goJsonnetOutputBytes(value: JsonValue, limit = Infinity): number {
  let total = 1; // the final line break
  const visit = (v: JsonValue, depth: number): void => {
    if (total > limit) return;
    if (v === null) total += 4;
    else if (typeof v === "boolean") total += v ? 4 : 5;
    else if (typeof v === "number") total += goJsonnetNumberString(v).length;
    else if (typeof v === "string") total += stringBytes(v);
    else if (Array.isArray(v)) {
      if (v.length === 0) {
        total += 3;
        return;
      }
      // "[\n", each element indented and followed by ",\n" (the last by "\n"), then the indent and "]".
      total += 2 + (depth * INDENT) + 1 + v.length * ((depth + 1) * INDENT + 2) - 1;
      for (const item of v) visit(item, depth + 1);
    } else {
      const keys = Object.keys(v);
      if (keys.length === 0) {
        total += 3;
        return;
      }
      total += 2 + (depth * INDENT) + 1 + keys.length * ((depth + 1) * INDENT + 2 + 2) - 1;
      for (const key of keys) {
        total += stringBytes(key);
        visit(v[key]!, depth + 1);
      }
    }
  };
  visit(value, 0);
  return total;
}

/** `unparseString`: quotes, short escapes, `\u00xx` for other controls and U+007F–U+009F, else UTF-8. */
function stringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) bytes += 2;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
