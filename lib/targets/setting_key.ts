/**
 * A target setting named the way its user knows it: lib's name (`allowedSkew`) or the service's own
 * (`allowed_skew`), in any case; the CLI's `--target-setting` and the language server's `targets` read it.
 *
 * @module
 */

import { closestName } from "../encoding/closest_name.ts";
import type { TargetProfile } from "./target_types.ts";

/** The setting's key in the profile, by lib's name or the service's own (exact first, then any case). */
export function targetSettingKey(profile: TargetProfile, name: string): string | undefined {
  const entries = Object.entries(profile.settings);
  for (
    const same of [(a: string, b: string) => a === b, (a: string, b: string) => a.toLowerCase() === b.toLowerCase()]
  ) {
    const found = entries.find(([key, setting]) => same(key, name) || same(setting.serviceName, name));
    if (found !== undefined) return found[0];
  }
  return undefined;
}

/**
 * Why a name is no setting of the profile, with the closest one by the service's name:
 * `unknown setting "alowed_skew"; did you mean "allowed_skew"? (its settings: claims_namespace, …)`.
 */
export function unknownSettingText(profile: TargetProfile, name: string): string {
  const entries = Object.entries(profile.settings);
  const guess = closestName(name, entries.flatMap(([key, setting]) => [setting.serviceName, key]));
  const service = guess === undefined ? undefined : profile.settings[targetSettingKey(profile, guess)!];
  const known = entries.length === 0
    ? `target "${profile.name}" has no settings`
    : `its settings: ${entries.map(([, setting]) => setting.serviceName).join(", ")}`;
  return `unknown setting "${name}"${
    service === undefined ? "" : `; did you mean "${service.serviceName}"?`
  } (${known})`;
}
