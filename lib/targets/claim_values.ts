/**
 * Reading claim values the way services do: audiences as a list, a claim at a JSON path, and a value
 * quoted short enough for a message.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";

/** `aud` as a list (RFC 7519 allows a string or an array of strings); undefined when it is neither. */
export function audienceList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return undefined;
}

/** A setting that holds one name or several, as a list; empty when unset. */
export function settingList(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** A value in a message: JSON, cut to a readable length (claims are the user's data, never key material). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "absent";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The JSON type of a value in words. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** One step of a path: an object member or an array index. */
export type PathStep = string | number;

/**
 * Parses a JSPath as PostgREST's `jwt-role-claim-key` writes it: `.role`, `."https://x.io/role"`,
 * `.realm_access.roles[0]`. Undefined when the text is not one.
 */
export function parseClaimPath(text: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let rest = text.trim();
  if (rest === "") return undefined;
  while (rest !== "") {
    const match = /^\.(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$-]*))/.exec(rest) ?? /^\[(\d+)\]/.exec(rest);
    if (match === null) return undefined;
    if (match[0].startsWith("[")) steps.push(Number(match[1]));
    else steps.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2]!);
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** The value at a path of claims, or undefined. */
export function valueAtPath(claims: unknown, path: readonly PathStep[]): unknown {
  let value = claims;
  for (const step of path) {
    if (typeof step === "number" ? !Array.isArray(value) : !isObject(value)) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
