/**
 * `--target NAME` and `--target-setting NAME.SETTING=VALUE`, shared by `tokenize`, `lint`, `test` and
 * `serve`: the targets chosen, their settings typed by the profile, the verdicts, and how a finding is
 * printed. A mistake in either flag is a usage error (exit 2) that names the flag and suggests a name.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { checkTarget } from "../targets/check_target.ts";
import { aboutWords } from "../targets/about_words.ts";
import { STAND_IN_UNCHECKED, withoutKeyFindings } from "../targets/key_findings.ts";
import { TARGET_NAMES, targetProfile } from "../targets/registry.ts";
import { resolveSettings } from "../targets/resolve_settings.ts";
import { targetSettingKey, unknownSettingText } from "../targets/setting_key.ts";
import type { TargetFinding, TargetProfile, TargetSetting, TargetVerdict } from "../targets/target_types.ts";
import type { Jwk, TokenizeResult } from "../types.ts";
import { UsageError } from "./usage_error.ts";

/** The flags, for `parseFlags`. */
export const TARGET_FLAGS = {
  target: { type: "string", multiple: true },
  "target-setting": { type: "string", multiple: true },
} as const;

/** Names joined by commas, in lines of at most `width` characters. */
function wrapNames(names: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const name of names) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + name.length + 2 <= width) lines[lines.length - 1] = `${last}, ${name}`;
    else lines.push(name);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line},` : line));
}

/** The lines each command's `--help` shows for the flags. */
export const TARGET_FLAGS_HELP = `  --target <name>        check against a service's documented contract (repeatable):
                         ${wrapNames(TARGET_NAMES, 72).join("\n                         ")}
                         (\`ory-tokenizer targets\` lists what each accepts)
  --target-setting <target>.<setting>=<value>
                         a setting of that service, by the service's name or lib's
                         (hasura.allowed_skew=30, aws-http-api.Issuer=https://auth.example.com/);
                         repeat it for a list (vault.bound_audiences=a, vault.bound_audiences=b)`;

/** A target the command checks, with its settings already checked against the profile. */
export interface ChosenTarget {
  profile: TargetProfile;
  settings: Record<string, unknown>;
}

/** The flag's text as the setting's type; a list setting gathers the values of repeated flags. */
function typedValue(flag: string, setting: TargetSetting, text: string, before: unknown): unknown {
  switch (setting.type) {
    case "number":
      if (!/^\d+(\.\d+)?$/.test(text)) {
        throw new UsageError(`${flag}: ${setting.serviceName} must be a number, not "${text}"`);
      }
      return Number(text);
    case "boolean":
      if (text !== "true" && text !== "false") {
        throw new UsageError(`${flag}: ${setting.serviceName} must be true or false, not "${text}"`);
      }
      return text === "true";
    case "string":
      if (setting.values !== undefined && !setting.values.includes(text)) {
        throw new UsageError(
          `${flag}: ${setting.serviceName} must be one of ${setting.values.join(", ")}, not "${text}"`,
        );
      }
      return text;
    case "string[]":
      return [...(Array.isArray(before) ? before : []), text];
    case "string-or-string[]":
      return before === undefined ? text : [...(Array.isArray(before) ? before : [before]), text];
  }
}

function profileOrUsage(name: string, flag: string): TargetProfile {
  try {
    return targetProfile(name);
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    throw new UsageError(`${flag}: ${error.reason} (known: ${TARGET_NAMES.join(", ")})`);
  }
}

/**
 * The targets of `--target` with the settings of `--target-setting`.
 *
 * @throws {UsageError} for an unknown target or setting (with the closest name), a setting of a target
 *   not chosen, or a value of the wrong type (naming the setting).
 */
export function chosenTargets(
  names: readonly string[] | undefined,
  settings: readonly string[] | undefined,
): ChosenTarget[] {
  const chosen = new Map<string, ChosenTarget>();
  for (const name of names ?? []) {
    if (!chosen.has(name)) chosen.set(name, { profile: profileOrUsage(name, "--target"), settings: {} });
  }
  for (const text of settings ?? []) {
    const flag = `--target-setting ${text.split("=")[0]}`;
    const match = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(text);
    if (match === null) {
      throw new UsageError(`--target-setting takes <target>.<setting>=<value> (hasura.allowed_skew=30), not "${text}"`);
    }
    const [, name, settingName, value] = match as unknown as [string, string, string, string];
    const target = chosen.get(name);
    if (target === undefined) {
      profileOrUsage(name, "--target-setting");
      throw new UsageError(`${flag}: add --target ${name} to check against it`);
    }
    const key = targetSettingKey(target.profile, settingName);
    if (key === undefined) throw new UsageError(`${flag}: ${unknownSettingText(target.profile, settingName)}`);
    const setting = target.profile.settings[key]!;
    target.settings[key] = typedValue(flag, setting, value, target.settings[key]);
  }
  for (const target of chosen.values()) {
    try {
      resolveSettings(target.profile, target.settings);
    } catch (error) {
      if (!(error instanceof TokenizerError)) throw error;
      throw new UsageError(`--target-setting: ${error.reason}`);
    }
  }
  return [...chosen.values()];
}

/** What the checks know about the key: the key itself, or that the token was signed by a stand-in. */
export interface KeyKnowledge {
  /** The signing key (never printed); absent when the token was signed by a throwaway key. */
  key?: Jwk | undefined;
  /** The token was signed by a throwaway key: findings about the header's alg and kid and the key say nothing. */
  standIn?: boolean;
}

/** Each target's verdict on a token, by name. */
export function checkTargets(
  chosen: readonly ChosenTarget[],
  token: TokenizeResult,
  options: KeyKnowledge & { nowMs?: number | undefined },
): Record<string, TargetVerdict> {
  const verdicts: Record<string, TargetVerdict> = {};
  for (const { profile, settings } of chosen) {
    const verdict = checkTarget(token, profile, { now: options.nowMs, key: options.key, settings });
    verdicts[profile.name] = options.standIn ? withoutKeyFindings(verdict) : verdict;
  }
  return verdicts;
}

/** The note printed when a stand-in key signed: what was not checked, and how to check it. */
export const STAND_IN_NOTE = `${STAND_IN_UNCHECKED}; give --jwks <your key set> to check them`;

/**
 * `target NAME: <what>: <message> [code]`, warnings marked `warning:` before the message, and the fix
 * on an indented second line.
 */
export function findingLines(target: string, finding: TargetFinding): string {
  const mark = finding.severity === "warning" ? "warning: " : "";
  return `target ${target}: ${aboutWords(finding)}: ${mark}${finding.message} [${finding.code}]\n` +
    `  fix: ${finding.fix}\n`;
}

/** `target hasura: accepted (1 warning)` or `target zendesk-sso: refused (2 errors, 1 warning)`. */
export function verdictLine(verdict: TargetVerdict): string {
  const errors = verdict.findings.filter((finding) => finding.severity === "error").length;
  const warnings = verdict.findings.length - errors;
  const counts = [
    ...(errors === 0 ? [] : [`${errors} error${errors === 1 ? "" : "s"}`]),
    ...(warnings === 0 ? [] : [`${warnings} warning${warnings === 1 ? "" : "s"}`]),
  ];
  return `target ${verdict.target}: ${verdict.accepted ? "accepted" : "refused"}${
    counts.length === 0 ? "" : ` (${counts.join(", ")})`
  }\n`;
}

/** The verdicts as `--json` and `--format json` print them: `{ NAME: { accepted, findings } }`. */
export function verdictsJson(verdicts: Record<string, TargetVerdict>): Record<string, Omit<TargetVerdict, "target">> {
  return Object.fromEntries(
    Object.entries(verdicts).map(([name, { accepted, findings }]) => [name, { accepted, findings }]),
  );
}
