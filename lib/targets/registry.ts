/**
 * Every target lib knows, by name: the profiles, their names, and a lookup that suggests a name.
 *
 * @module
 */

import { closestName } from "../encoding/closest_name.ts";
import { TokenizerError } from "../errors.ts";
import type { TargetName, TargetProfile } from "./target_types.ts";
import { ZENDESK_SSO } from "./zendesk_sso.ts";

/** The profiles, in the order listings show them. */
export const TARGET_PROFILES: readonly TargetProfile[] = [
  ZENDESK_SSO,
];

/** The names `checkTarget` and the CLI's `--target` take. */
export const TARGET_NAMES: readonly TargetName[] = TARGET_PROFILES.map((profile) => profile.name as TargetName);

/**
 * A target's profile by name.
 *
 * @param name one of {@linkcode TARGET_NAMES}.
 * @returns the profile.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` for an unknown name, with the closest known one.
 * @example
 * ```ts
 * import { targetProfile } from "./registry.ts";
 * if (!targetProfile("zendesk-sso").algorithms.accepted.includes("HS256")) throw new Error("unexpected");
 * ```
 */
export function targetProfile(name: string): TargetProfile {
  const profile = TARGET_PROFILES.find((candidate) => candidate.name === name);
  if (profile !== undefined) return profile;
  const guess = closestName(String(name), TARGET_NAMES);
  throw new TokenizerError("ERR_INVALID_INPUT", {
    text: `Unknown target ${JSON.stringify(name)}${guess === undefined ? "" : `; did you mean "${guess}"?`}`,
    detail: `Known targets: ${TARGET_NAMES.join(", ")}`,
  });
}
