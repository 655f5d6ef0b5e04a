/**
 * The one test for "a JSON object" that lib's parsers share: what `JSON.parse` or a YAML parser
 * returns for `{…}`, never `null` or an array (both `typeof "object"`).
 *
 * @module
 */

/**
 * Whether a parsed value is an object with named members: not `null`, not an array.
 *
 * @param value any value, typically parsed JSON or YAML.
 * @returns true for an object that is neither `null` nor an array, narrowing it to a record.
 * @example
 * ```ts
 * import { isObject } from "./is_object.ts";
 * if (!isObject({ a: 1 }) || isObject([]) || isObject(null)) throw new Error("unexpected");
 * ```
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
