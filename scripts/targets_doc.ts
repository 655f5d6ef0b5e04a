// docs/targets.md from the profiles themselves, so the page says exactly what checkTarget checks:
// `node --import tsx scripts/targets_doc.ts` rewrites it; test/targets_doc_test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TARGET_PROFILES, type TargetProfile } from "../lib/mod.ts";

const INTRO = `# Will the service accept the token?

\`checkTarget(token, target, { key?, settings?, now? })\` checks an Ory token against what the service it is for
documents: the algorithm, the key's form, the \`kid\`, the claims with their types and formats, \`aud\` and \`iss\`,
the times with the service's clock skew, and the service's own rules under its settings. Errors are what the
service refuses; warnings are what it accepts but will bite. \`previewTemplate\` takes \`targets\` and returns each
verdict, with the mapper's range on findings about a claim the mapper wrote. Every rule below comes from the
service's documentation (the link beside it); what the docs leave unsaid is listed, and no rule is invented there.

Ory's token, always: header \`alg\` (the key's), \`kid\` (the key's, even empty), \`typ: JWT\`; claims \`jti\`, \`iss\`,
\`exp\`, \`nbf\` = \`iat\` = now, \`sid\`, \`sub\`. The mapper adds the rest (\`aud\` among them). Ory publishes no public
key set for tokenizer keys: services that find keys through \`iss\` need you to host the discovery document and
the set there.

Each target's starter (a claims mapper and template settings) is accepted by its profile; the tests tokenize
it with a fresh key and check it, and verify it with the service's own library where one runs offline
(\`aws-jwt-verify\` for AWS; PowerSync's rules over \`jose\`), otherwise with \`jose\` or \`jsonwebtoken\` configured as the
docs describe the service.

This page is generated from \`lib/targets/\` by \`scripts/targets_doc.ts\`.
`;

function code(text: string): string {
  return `\`${text}\``;
}

function section(profile: TargetProfile): string {
  const lines: string[] = [];
  lines.push(`## ${profile.title}: ${code(profile.name)}`, "");
  lines.push(`Sources: ${profile.sources.map((url) => `<${url}>`).join(", ")}`, "");
  lines.push("| what | rule | source |", "| --- | --- | --- |");
  const row = (what: string, rule: string, source: string) =>
    lines.push(`| ${what} | ${rule.replaceAll("|", "\\|")} | [docs](${source}) |`);
  row("algorithms", profile.algorithms.accepted.join(", "), profile.algorithms.source);
  row(
    "key",
    profile.keyForms.accepted.join(", ") + (profile.keyForms.note ? `: ${profile.keyForms.note}` : ""),
    profile.keyForms.source,
  );
  row(
    "kid",
    profile.kid.rule + (profile.kid.setting ? ` (equal to ${code(profile.kid.setting)})` : "") +
      (profile.kid.message ? `: ${profile.kid.message}` : ""),
    profile.kid.source,
  );
  for (const claim of profile.claims) {
    const name = code(claim.name) + (claim.nameSetting ? ` (or the setting ${code(claim.nameSetting)})` : "");
    const shape = [claim.type, claim.format, claim.maxLength ? `at most ${claim.maxLength} characters` : undefined]
      .filter(Boolean).join(", ");
    const value = claim.equals === undefined ? "" : `, equal to ${JSON.stringify(claim.equals)}`;
    row(
      `claim ${name}`,
      `${claim.required ? "required" : "optional"}${shape ? `, ${shape}` : ""}${value}: ${claim.purpose}` +
        (claim.severity === "warning" ? " (a warning)" : ""),
      claim.source,
    );
  }
  const times = profile.times;
  const timeRule = [
    `checks ${times.checks.join(", ")}`,
    times.skewSeconds === undefined ? "skew not documented (checked without)" : `${times.skewSeconds} s of skew`,
    times.skewSetting ? `(setting ${code(times.skewSetting)})` : "",
    times.expLeewaySeconds ? `plus ${times.expLeewaySeconds} s on exp and nbf` : "",
    times.maxLifetimeSeconds ? `exp - iat at most ${times.maxLifetimeSeconds} s` : "",
    times.maxAgeSeconds ? `iat at most ${times.maxAgeSeconds} s old` : "",
  ].filter(Boolean).join("; ");
  row("times", timeRule, times.source);
  for (const rule of profile.rules) row(`${rule.severity} ${code(rule.code)}`, rule.rule, rule.source);
  lines.push("");
  const settings = Object.entries(profile.settings);
  if (settings.length > 0) {
    lines.push("Settings (`settings` in `checkTarget`'s options):", "");
    lines.push("| setting | the service's name | type | default | what it does |", "| --- | --- | --- | --- | --- |");
    for (const [name, setting] of settings) {
      const type = setting.values ? setting.values.map((v) => code(v)).join(" or ") : setting.type;
      const fallback = setting.default === undefined ? "unset" : code(JSON.stringify(setting.default));
      lines.push(`| ${code(name)} | ${code(setting.serviceName)} | ${type} | ${fallback} | ${setting.description} |`);
    }
    lines.push("");
  }
  lines.push("Not documented (no rule here):", "", ...profile.notDocumented.map((item) => `- ${item}`), "");
  const starter = profile.starter;
  lines.push(
    `Starter: ${code(`alg: ${starter.template.alg}`)}, ${code(`ttl: ${starter.template.ttl}`)}, ` +
      `${code(`subject_source: ${starter.template.subject_source}`)}` +
      (starter.issuer ? `, issuer ${code(starter.issuer)} (Kratos's ${code("serve.public.base_url")})` : "") +
      (starter.settings ? `, with the settings ${code(JSON.stringify(starter.settings))}` : "") +
      (starter.expectedWarnings ? `; expected warnings: ${starter.expectedWarnings.map(code).join(", ")}` : "") +
      ".",
    "",
    "```jsonnet",
    starter.claimsMapper.trimEnd(),
    "```",
    "",
    `On the service's side: ${starter.serviceSide}.`,
    "",
  );
  return lines.join("\n");
}

/** The page's text. */
export function targetsDoc(): string {
  return [INTRO, ...TARGET_PROFILES.map(section)].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL("../docs/targets.md", import.meta.url), targetsDoc());
}
