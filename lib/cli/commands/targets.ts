/**
 * `ory-tokenizer targets`: the services lib checks tokens against, one line each, or one in full.
 *
 * @module
 */

import { TARGET_PROFILES, targetProfile } from "../../targets/registry.ts";
import type { KeyForm, TargetProfile } from "../../targets/target_types.ts";
import { TokenizerError } from "../../errors.ts";
import { type Command, parseFlags } from "../command.ts";
import { UsageError } from "../usage_error.ts";

const KEY_FORM_WORDS: Record<KeyForm, string> = {
  "shared-secret": "shared secret",
  pem: "PEM public key",
  "key-set-url": "key set URL",
  discovery: "discovery at iss",
  "inline-set": "inline key set",
};

/** `HS*, RS256, ES256`: a family given whole is written with a star. */
export function algorithmWords(algs: readonly string[]): string {
  const words: string[] = [];
  for (const alg of algs) {
    const family = /^(HS|RS|PS|ES)\d+$/.exec(alg)?.[1];
    const whole = family !== undefined && ["256", "384", "512"].every((bits) => algs.includes(`${family}${bits}`));
    const word = whole ? `${family}*` : alg;
    if (!words.includes(word)) words.push(word);
  }
  return words.join(", ");
}

/** What the service requires beyond the algorithm: required claims, a kid, and the rules that refuse. */
function requirements(profile: TargetProfile): string {
  const claims = profile.claims.filter((claim) => claim.required && (claim.severity ?? "error") === "error")
    .map((claim) => claim.name);
  const kid = profile.kid.rule === "required" ? ["kid"] : [];
  const all = [...kid, ...claims];
  if (all.length > 0) return `; requires ${all.join(", ")}`;
  // No claim is required by name (Hasura's live under a namespace): the service's own first rule says what.
  const rule = profile.rules.find((candidate) =>
    candidate.severity === "error" && candidate.about.kind === "claim" && !/^(aud|iss)-/.test(candidate.code)
  );
  return rule === undefined ? "" : `; ${rule.rule}`;
}

function summaryLine(profile: TargetProfile, width: number): string {
  const keys = profile.keyForms.accepted.map((form) => KEY_FORM_WORDS[form]).join(" or ");
  return `${profile.name.padEnd(width)}  ${algorithmWords(profile.algorithms.accepted)}; key: ${keys}` +
    `${requirements(profile)}`;
}

function settingValue(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** One profile in full: what it accepts, its settings, its rules, what its docs leave unsaid. */
function details(profile: TargetProfile): string {
  const lines = [
    `${profile.name}: ${profile.title}`,
    `  docs:        ${profile.sources.join("\n               ")}`,
    `  algorithms:  ${profile.algorithms.accepted.join(", ")}`,
    `  key:         ${profile.keyForms.accepted.map((form) => KEY_FORM_WORDS[form]).join(" or ")}${
      profile.keyForms.note === undefined ? "" : `\n               ${profile.keyForms.note}`
    }`,
    `  kid:         ${profile.kid.rule}${profile.kid.setting === undefined ? "" : ` (setting ${profile.kid.setting})`}`,
    `  times:       checks ${profile.times.checks.join(", ") || "none"}; skew ${
      profile.times.skewSeconds === undefined ? "not documented" : `${profile.times.skewSeconds} s`
    }${profile.times.maxLifetimeSeconds === undefined ? "" : `; lifetime ≤ ${profile.times.maxLifetimeSeconds} s`}${
      profile.times.maxAgeSeconds === undefined ? "" : `; used within about ${profile.times.maxAgeSeconds} s of iat`
    }`,
  ];
  if (profile.claims.length > 0) {
    lines.push("  claims:");
    for (const claim of profile.claims) {
      const kind = [claim.type, claim.format].filter((word) => word !== undefined).join(", ");
      lines.push(
        `    ${claim.name.padEnd(18)} ${claim.required ? "required" : "optional"}${kind === "" ? "" : ` (${kind})`}: ` +
          claim.purpose,
      );
    }
  }
  const settings = Object.values(profile.settings);
  if (settings.length > 0) {
    lines.push("  settings (--target-setting <target>.<setting>=<value>):");
    for (const setting of settings) {
      lines.push(
        `    ${setting.serviceName.padEnd(18)} ${setting.type}${
          setting.default === undefined ? "" : `, default ${settingValue(setting.default)}`
        }: ${setting.description}`,
      );
    }
  }
  if (profile.rules.length > 0) {
    lines.push("  rules:");
    for (const rule of profile.rules) lines.push(`    ${rule.code.padEnd(18)} ${rule.severity}: ${rule.rule}`);
  }
  if (profile.notDocumented.length > 0) {
    lines.push("  not documented (no rule invented):");
    for (const gap of profile.notDocumented) lines.push(`    - ${gap}`);
  }
  lines.push(
    `  starter:     ${profile.starter.template.alg}, ttl ${profile.starter.template.ttl} ` +
      `(ory-tokenizer init --target ${profile.name} <dir>)`,
    `  service side: ${profile.starter.serviceSide}`,
  );
  return `${lines.join("\n")}\n`;
}

/** A profile as data: the rules' checks are code, so only their code, severity, subject, rule and source. */
function profileJson(profile: TargetProfile): unknown {
  return {
    ...profile,
    rules: profile.rules.map(({ code, severity, about, rule, source }) => ({ code, severity, about, rule, source })),
  };
}

export const targets: Command = {
  help: `Usage: ory-tokenizer targets [<name>] [--json]

Lists the services lib checks tokens against (their documented contracts, each rule with its source):
the name first, then the algorithms, the key's form and what the service requires. With a name,
that service in full: claims, times, settings, rules, and what its docs leave unsaid.

tokenize, lint, test and serve take --target <name> (repeatable) and
--target-setting <target>.<setting>=<value>; init --target <name> <dir> writes a starter.

Options:
  --json    the profiles as data (the same fields as lib's TargetProfile; rules without their code)

Examples:
  ory-tokenizer targets
  ory-tokenizer targets hasura
  ory-tokenizer targets --json | jq '.[].name'
  ory-tokenizer tokenize --jwks jwks.json --claims claims.jsonnet --target zendesk-sso`,
  run(args, output) {
    const { values, positionals } = parseFlags(args, {}, 1);
    const name = positionals[0];
    let profiles = TARGET_PROFILES;
    if (name !== undefined) {
      try {
        profiles = [targetProfile(name)];
      } catch (error) {
        if (error instanceof TokenizerError) throw new UsageError(error.reason);
        throw error;
      }
    }
    if (values.json) {
      const data = profiles.map(profileJson);
      output.out(`${JSON.stringify(name === undefined ? data : data[0], null, 2)}\n`);
    } else if (name !== undefined) {
      output.out(details(profiles[0]!));
    } else {
      const width = Math.max(...profiles.map((profile) => profile.name.length));
      for (const profile of profiles) output.out(`${summaryLine(profile, width)}\n`);
    }
    return Promise.resolve(0);
  },
};
