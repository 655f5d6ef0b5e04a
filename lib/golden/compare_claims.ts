/**
 * Compares the claims a mapper produced with the claims a golden test expects. The claims that change
 * with every token match by kind, so expected files stay stable and may be copied from a real token
 * Ory issued: `jti` any UUID v4, `iat` and `nbf` any integer, `exp` any integer `ttl` seconds after
 * `iat` (in the expected claims too, when they have an integer `iat`). Every other claim, and a time
 * claim given as anything else, must be equal.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";
import type { Claims } from "../types.ts";

/** One way the actual claims differ from the expected ones. */
export interface ClaimDifference {
  /** Where: `email`, `groups[2]`, `address.city`. */
  path: string;
  /** `changed` (both present), `missing` (expected only), `unexpected` (actual only), `kind` (a time or id claim of the wrong kind). */
  kind: "changed" | "missing" | "unexpected" | "kind";
  expected?: unknown;
  actual?: unknown;
  /** For `kind`: what was required. */
  requirement?: string;
}

/** Options of {@linkcode compareClaims}. */
export interface CompareClaimsOptions {
  /** Seconds between `iat` and `exp` for the template's TTL; `exp` is then checked against `iat`. */
  expSeconds?: number | undefined;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** How a claim that changes with every token is matched, when its expected value allows it. */
function kindRequirement(
  name: string,
  expectedClaims: Claims,
  actual: Claims,
  options: CompareClaimsOptions,
): [boolean, string] | undefined {
  const expected = expectedClaims[name];
  const value = actual[name];
  switch (name) {
    case "jti":
      return typeof expected === "string" && UUID_V4.test(expected)
        ? [typeof value === "string" && UUID_V4.test(value), "a UUID v4"]
        : undefined;
    case "iat":
    case "nbf":
      return Number.isInteger(expected) ? [Number.isInteger(value), "an integer"] : undefined;
    case "exp": {
      if (!Number.isInteger(expected)) return undefined;
      const seconds = options.expSeconds;
      if (seconds === undefined) return [Number.isInteger(value), "an integer"];
      const after = (claims: Claims, exp: unknown) =>
        Number.isInteger(exp) && Number.isInteger(claims["iat"]) &&
        (exp as number) - (claims["iat"] as number) === seconds;
      // The expected token must have had the same lifetime, when it says when it was issued.
      const expectedOk = !Number.isInteger(expectedClaims["iat"]) || after(expectedClaims, expected);
      return [after(actual, value) && expectedOk, `an integer ${seconds} seconds after iat`];
    }
    default:
      return undefined;
  }
}

/**
 * Lists the differences between expected and actual claims; empty means the test passes.
 *
 * @example
 * ```ts
 * import { compareClaims } from "./compare_claims.ts";
 * const expected = { jti: "00000000-0000-4000-8000-000000000000", iat: 1, exp: 601, aal: "aal1" };
 * const actual = { jti: crypto.randomUUID(), iat: 1700000000, exp: 1700000600, aal: "aal1" };
 * if (compareClaims(expected, actual, { expSeconds: 600 }).length !== 0) throw new Error();
 * ```
 */
export function compareClaims(expected: Claims, actual: Claims, options: CompareClaimsOptions = {}): ClaimDifference[] {
  const differences: ClaimDifference[] = [];
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const name of names) {
    const inExpected = Object.hasOwn(expected, name);
    const inActual = Object.hasOwn(actual, name);
    if (!inActual) {
      differences.push({ path: name, kind: "missing", expected: expected[name] });
      continue;
    }
    if (!inExpected) {
      differences.push({ path: name, kind: "unexpected", actual: actual[name] });
      continue;
    }
    if (jsonEqual(expected[name], actual[name])) continue;
    const kind = kindRequirement(name, expected, actual, options);
    if (kind === undefined) {
      compareValues(name, expected[name], actual[name], differences);
    } else if (!kind[0]) {
      differences.push({
        path: name,
        kind: "kind",
        expected: expected[name],
        actual: actual[name],
        requirement: kind[1],
      });
    }
  }
  return differences;
}

function compareValues(path: string, expected: unknown, actual: unknown, into: ClaimDifference[]): void {
  if (jsonEqual(expected, actual)) return;
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!Object.hasOwn(actual, key)) into.push({ path: child, kind: "missing", expected: expected[key] });
      else if (!Object.hasOwn(expected, key)) into.push({ path: child, kind: "unexpected", actual: actual[key] });
      else compareValues(child, expected[key], actual[key], into);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((item, i) => compareValues(`${path}[${i}]`, item, actual[i], into));
    return;
  }
  into.push({ path, kind: "changed", expected, actual });
}

/** Equality of JSON values: object member order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Renders differences as diff lines: `- path: expected` and `+ path: actual`.
 *
 * @returns lines without indentation or line breaks.
 */
export function formatClaimDifferences(differences: readonly ClaimDifference[]): string[] {
  const lines: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  for (const d of differences) {
    switch (d.kind) {
      case "missing":
        lines.push(`- ${d.path}: ${show(d.expected)}    (missing)`);
        break;
      case "unexpected":
        lines.push(`+ ${d.path}: ${show(d.actual)}    (unexpected)`);
        break;
      case "changed":
        lines.push(`- ${d.path}: ${show(d.expected)}`, `+ ${d.path}: ${show(d.actual)}`);
        break;
      case "kind":
        lines.push(`- ${d.path}: ${d.requirement} (like ${show(d.expected)})`, `+ ${d.path}: ${show(d.actual)}`);
        break;
    }
  }
  return lines;
}
