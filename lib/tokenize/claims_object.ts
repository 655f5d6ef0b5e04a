/**
 * Kratos's check of the mapper's output, in words: it must be an object whose `claims` is an object.
 * The tokenizer's `ERR_CLAIMS_NOT_OBJECT` detail and the linter's finding say the same thing.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";

/** `null`, `an array`, `an object`, `a string`…: a value's kind, for messages. */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * What is wrong with the mapper's output, or undefined when its `claims` is an object.
 *
 * @param output the evaluated mapper.
 */
export function claimsObjectProblem(output: unknown): string | undefined {
  if (!isObject(output)) return `the mapper returns ${describeKind(output)}`;
  if (isObject(output["claims"])) return undefined;
  if ("claims" in output) return `"claims" is ${describeKind(output["claims"])}`;
  const keys = Object.keys(output).map((k) => JSON.stringify(k)).join(", ") || "nothing";
  return `the output has no "claims" (it has ${keys})`;
}
