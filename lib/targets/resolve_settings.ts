/**
 * A profile's settings: the caller's values checked against their types, over the service's defaults.
 *
 * @module
 */

import { closestName } from "../encoding/closest_name.ts";
import { isObject } from "../encoding/is_object.ts";
import { TokenizerError } from "../errors.ts";
import type { TargetProfile, TargetSetting } from "./target_types.ts";

function invalid(profile: TargetProfile, text: string, detail: string): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", { text, detail: `${detail} (target "${profile.name}")` });
}

function typeName(setting: TargetSetting): string {
  if (setting.values !== undefined) return `one of ${setting.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return {
    "string": "a string",
    "number": "a number",
    "boolean": "true or false",
    "string[]": "a list of strings",
    "string-or-string[]": "a string or a list of strings",
  }[setting.type];
}

/** The value as the setting's type; undefined when it has another type. */
function coerce(setting: TargetSetting, value: unknown): unknown {
  const isStrings = Array.isArray(value) && value.every((item) => typeof item === "string");
  switch (setting.type) {
    case "string":
      return typeof value === "string" && (setting.values === undefined || setting.values.includes(value))
        ? value
        : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "string[]":
      // One name where a list is expected is what `--setting audience=x` gives: a list of one.
      return typeof value === "string" ? [value] : isStrings ? value : undefined;
    case "string-or-string[]":
      return typeof value === "string" || isStrings ? value : undefined;
  }
}

/**
 * Resolves a profile's settings.
 *
 * @param profile the profile whose settings these are.
 * @param given the caller's settings by name; undefined values fall back to the default.
 * @returns every setting of the profile with its value (or undefined when unset and without a default).
 * @throws {TokenizerError} `ERR_INVALID_INPUT` naming the setting, for an unknown name or a value of the wrong type.
 */
export function resolveSettings(
  profile: TargetProfile,
  given: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (given !== undefined && !isObject(given)) {
    throw new TypeError(`Cannot check a target with settings of type ${Array.isArray(given) ? "array" : typeof given}`);
  }
  const resolved: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(profile.settings)) resolved[name] = setting.default;
  for (const [name, value] of Object.entries(given ?? {})) {
    const setting = Object.hasOwn(profile.settings, name) ? profile.settings[name] : undefined;
    if (setting === undefined) {
      const names = Object.keys(profile.settings);
      const guess = closestName(name, names);
      throw invalid(
        profile,
        `Unknown setting "${name}" for target "${profile.name}"${
          guess === undefined ? "" : `; did you mean "${guess}"?`
        }`,
        names.length === 0 ? "This target has no settings" : `Its settings: ${names.join(", ")}`,
      );
    }
    if (value === undefined) continue;
    const coerced = coerce(setting, value);
    if (coerced === undefined) {
      throw invalid(
        profile,
        `The setting "${name}" (${setting.serviceName}) must be ${typeName(setting)}`,
        `It was ${Array.isArray(value) ? "an array with other items" : typeof value}`,
      );
    }
    resolved[name] = coerced;
  }
  return resolved;
}
