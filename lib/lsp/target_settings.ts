/**
 * The `targets` setting read with lib's registry: each known target with its settings typed by the
 * profile, and everything that could not be used gathered into one message for the user. A mistake in
 * one entry leaves that entry out; the others are still checked.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";
import { TokenizerError } from "../errors.ts";
import type { PreviewTarget } from "../preview/target_verdicts.ts";
import { TARGET_NAMES, targetProfile } from "../targets/registry.ts";
import { resolveSettings } from "../targets/resolve_settings.ts";
import { targetSettingKey, unknownSettingText } from "../targets/setting_key.ts";
import type { TargetProfile } from "../targets/target_types.ts";
import { SETTINGS_SECTION } from "./protocol.ts";

/** The targets to check, and what was wrong with the setting (one message, or undefined). */
export interface ChosenTargets {
  targets: PreviewTarget[];
  problem: string | undefined;
}

const SHAPE = 'a list of target names or { "name": …, "settings": { … } } objects';

/** An entry's settings keyed by lib's names, checked against the profile's types; or why not. */
function entrySettings(profile: TargetProfile, given: unknown): Record<string, unknown> | string {
  if (given === undefined || given === null) return {};
  if (!isObject(given)) return `the settings of "${profile.name}" must be an object, not ${describe(given)}`;
  const settings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const key = targetSettingKey(profile, name);
    if (key === undefined) return `"${profile.name}": ${unknownSettingText(profile, name)}`;
    settings[key] = value;
  }
  try {
    resolveSettings(profile, settings);
  } catch (error) {
    if (error instanceof TokenizerError) return error.reason;
    throw error;
  }
  return settings;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}

/**
 * Reads the `targets` setting as a client sent it.
 *
 * @param raw the setting's value: a list of names or `{ name, settings }` objects (one name alone is taken too).
 * @returns the targets that can be checked, each name once (the last entry wins), and one message
 *   naming every entry left out and why, with the closest known name for a misspelt one.
 */
export function chooseTargets(raw: unknown): ChosenTargets {
  if (raw === undefined || raw === null) return { targets: [], problem: undefined };
  const entries = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(entries)) {
    return { targets: [], problem: `${SETTINGS_SECTION}.targets must be ${SHAPE}, not ${describe(raw)}` };
  }
  const chosen = new Map<string, PreviewTarget>();
  const problems: string[] = [];
  let unknownName = false;
  for (const entry of entries) {
    const name = typeof entry === "string" ? entry : isObject(entry) ? entry["name"] : undefined;
    if (typeof name !== "string") {
      problems.push(`an entry is ${describe(entry)}, not a target name or an object with a "name"`);
      continue;
    }
    let profile: TargetProfile;
    try {
      profile = targetProfile(name.trim());
    } catch (error) {
      if (!(error instanceof TokenizerError)) throw error;
      problems.push(error.reason);
      unknownName = true;
      continue;
    }
    const settings = entrySettings(profile, isObject(entry) ? entry["settings"] : undefined);
    if (typeof settings === "string") problems.push(settings);
    else {
      chosen.delete(profile.name);
      chosen.set(profile.name, { name: profile.name, settings });
    }
  }
  const problem = problems.length === 0 ? undefined : `${SETTINGS_SECTION}.targets: ${problems.join("; ")}. ` +
    (unknownName ? `Known targets: ${TARGET_NAMES.join(", ")}. ` : "") +
    (chosen.size === 0 ? "No target is checked" : `Checked: ${[...chosen.keys()].join(", ")}`);
  return { targets: [...chosen.values()], problem };
}
