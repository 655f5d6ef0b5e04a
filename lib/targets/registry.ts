/**
 * Every target lib knows, by name: the profiles, their names, and a lookup that suggests a name.
 *
 * @module
 */

import { closestName } from "../encoding/closest_name.ts";
import { TokenizerError } from "../errors.ts";
import type { TargetName, TargetProfile } from "./target_types.ts";
import { APOLLO_ROUTER } from "./apollo_router.ts";
import { AWS_HTTP_API } from "./aws_http_api.ts";
import { CONVEX } from "./convex.ts";
import { HASURA } from "./hasura.ts";
import { KUBERNETES } from "./kubernetes.ts";
import { NEON } from "./neon.ts";
import { POSTGREST } from "./postgrest.ts";
import { POWERSYNC } from "./powersync.ts";
import { SUPABASE } from "./supabase.ts";
import { VAULT } from "./vault.ts";
import { ZENDESK_MESSAGING } from "./zendesk_messaging.ts";
import { ZENDESK_SSO } from "./zendesk_sso.ts";

/** The profiles, in the order listings show them. */
export const TARGET_PROFILES: readonly TargetProfile[] = [
  ZENDESK_SSO,
  ZENDESK_MESSAGING,
  HASURA,
  SUPABASE,
  POSTGREST,
  CONVEX,
  NEON,
  AWS_HTTP_API,
  KUBERNETES,
  POWERSYNC,
  APOLLO_ROUTER,
  VAULT,
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
