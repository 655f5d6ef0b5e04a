/**
 * The claims in the order a token holds them.
 *
 * @module
 */

import { compareUtf8 } from "../encoding/go_json.ts";

/**
 * The claims sorted as Go's JSON writes a map (by UTF-8 bytes). Only the top level needs sorting:
 * defaults are flat, and Jsonnet writes the mapper's nested objects with their fields already sorted.
 */
export function sortedClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(claims).sort(compareUtf8)) {
    // defineProperty, not assignment: a "__proto__" claim must stay a claim.
    Object.defineProperty(sorted, key, { value: claims[key], enumerable: true, writable: true, configurable: true });
  }
  return sorted;
}
