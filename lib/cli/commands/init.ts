/**
 * `ory-tokenizer init --target NAME [DIR]`: a folder a service accepts tokens from, to start with: the
 * profile's starter mapper, a key set of its algorithm, the Kratos template, a passing golden test, and
 * the steps that are left (the service's side, a shared secret that must come from the service).
 *
 * @module
 */

import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { goldenCases } from "../../golden/golden_case.ts";
import { generateJwks } from "../../keys/generate_jwks.ts";
import { publicJwks } from "../../keys/public_jwks.ts";
import { sampleSession } from "../../session/session.ts";
import type { TargetProfile } from "../../targets/target_types.ts";
import { runGoldenCases } from "../../wired/golden_cases.ts";
import { type Command, parseFlags } from "../command.ts";
import { readSourceFile } from "../io.ts";
import { oneShotJsonnet } from "../one_shot_jsonnet.ts";
import { chosenTargets } from "../target_flags.ts";
import { UsageError } from "../usage_error.ts";
import { writePrivateFile } from "../write_private_file.ts";

/** `--target-setting` flags for the service settings the starter assumes, by the service's name where it is one word. */
export function starterSettingFlags(profile: TargetProfile): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(profile.starter.settings ?? {})) {
    const serviceName = profile.settings[key]?.serviceName ?? key;
    const name = /^[\w.-]+$/.test(serviceName) ? serviceName : key;
    for (const item of Array.isArray(value) ? value : [value]) {
      flags.push(`--target-setting ${profile.name}.${name}=${String(item)}`);
    }
  }
  return flags;
}

function isSecret(profile: TargetProfile): boolean {
  return profile.starter.template.alg.startsWith("HS");
}

/** The Kratos config: the template reading the folder's files (file:// paths resolve against the working directory). */
function kratosConfig(profile: TargetProfile, template: string): string {
  const starter = profile.starter;
  const lines = [
    `# The ${profile.title} template for Kratos's config (kratos.yml). file:// paths resolve against the`,
    "# working directory, as in Kratos: run Kratos (or ory-tokenizer) from this folder, or make them absolute.",
    "# Ory Network: `ory-tokenizer encode --jwks jwks.json --claims claims.jsonnet` prints the `ory patch` instead.",
  ];
  if (starter.issuer !== undefined) {
    lines.push(
      "serve:",
      "  public:",
      `    # The token's iss: ${profile.name} finds its keys through it, so it must be a URL you host.`,
      `    base_url: ${starter.issuer}`,
    );
  }
  lines.push(
    "session:",
    "  whoami:",
    "    tokenizer:",
    "      templates:",
    `        ${template}:`,
    "          jwks_url: file://jwks.json",
    "          claims_mapper_url: file://claims.jsonnet",
    `          ttl: ${starter.template.ttl}`,
    `          subject_source: ${starter.template.subject_source}`,
  );
  return `${lines.join("\n")}\n`;
}

/** What is left to do, printed at the end and kept in the folder's README.md. */
function nextSteps(profile: TargetProfile, template: string): string {
  const starter = profile.starter;
  const settings = starterSettingFlags(profile);
  const issuer = starter.issuer === undefined ? "" : ` --issuer ${starter.issuer}`;
  const check = [
    `ory-tokenizer tokenize --config kratos.yml --template ${template}${issuer} --target ${profile.name}`,
    ...settings,
  ].join(" \\\n       ");
  const steps: string[] = [];
  if (isSecret(profile)) {
    const kid = profile.kid.setting === undefined ? "" : " --kid <the key id the service shows>";
    steps.push(
      `The service gives the secret: jwks.json holds a random ${starter.template.alg} placeholder, which ` +
        `${profile.name} will not verify. Put the secret from the service in a file (never in a shell command) and run:\n` +
        `       ory-tokenizer jwk create ${template} --alg ${starter.template.alg} --secret-file <secret file>${kid} ` +
        "--out jwks.json --force",
    );
  } else {
    steps.push(
      "jwks.json is the private key set Ory signs with (keep it out of version control; .gitignore does); " +
        "give the service jwks.public.json, hosted where it fetches keys.",
    );
  }
  steps.push(
    "The golden test passes: ory-tokenizer test .",
    `${profile.title} accepts the token:\n       ${check}`,
    `On ${profile.name}'s side: ${starter.serviceSide}`,
    "Edit claims.jsonnet for your identity schema, then `ory-tokenizer test --update` records the new claims.",
    `For Ory Network: ory-tokenizer encode --jwks jwks.json --claims claims.jsonnet --ttl ${starter.template.ttl} ` +
      `--name ${template} prints the \`ory patch\` command.`,
  );
  if (starter.expectedWarnings !== undefined && starter.expectedWarnings.length > 0) {
    steps.push(
      `The check still warns (${starter.expectedWarnings.join(", ")}): each is something to do on your side, ` +
        `explained with its fix (\`ory-tokenizer targets ${profile.name}\` lists the rules).`,
    );
  }
  return steps.map((step, i) => `  ${i + 1}. ${step}`).join("\n");
}

async function exists(path: string): Promise<boolean> {
  return await stat(path).then(() => true, () => false);
}

export const init: Command = {
  help: `Usage: ory-tokenizer init --target <name> [<dir>] [--force]

Writes a starting point for tokens a service accepts into <dir> (default ./<name>):
  claims.jsonnet                 the profile's claims mapper, each line explained
  jwks.json                      a new private key set of the starter's algorithm (mode 0600);
                                 for a shared secret (HS256: Zendesk), a placeholder to replace
                                 with the service's secret (jwk create --secret-file)
  jwks.public.json               its public half, for the service (not for HS*: no public half)
  kratos.yml                     the template for Kratos (and serve.public.base_url when the
                                 service finds keys through iss)
  tests/sample.session.json      a golden test: the sample session, the template settings and the
  tests/sample.template.json     claims the mapper gives, so \`ory-tokenizer test <dir>\` passes
  tests/sample.claims.json
  README.md, .gitignore          the next steps (also printed), and jwks.json kept out of git
Existing files are left alone unless --force. \`ory-tokenizer targets\` lists the names.

Options:
  --target <name>    the service (one)
  --force            replace files that exist

Examples:
  ory-tokenizer init --target hasura
  ory-tokenizer init --target zendesk-sso auth/zendesk
  cd hasura && ory-tokenizer test . && ory-tokenizer tokenize --config kratos.yml --template hasura --target hasura`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      target: { type: "string", multiple: true },
      force: { type: "boolean" },
    }, 1);
    const names = values.target as unknown as string[] | undefined;
    if (names === undefined || names.length !== 1) {
      throw new UsageError(
        "Give one service: ory-tokenizer init --target <name> [<dir>] (ory-tokenizer targets lists them)",
      );
    }
    const profile = chosenTargets(names, [])[0]!.profile;
    const dir = positionals[0] ?? profile.name;
    const template = profile.name.replace(/-/g, "_");
    const starter = profile.starter;
    const jwks = await generateJwks({ alg: starter.template.alg });
    const caseTemplate = {
      ttl: starter.template.ttl,
      subject_source: starter.template.subject_source,
      ...(starter.issuer === undefined ? {} : { issuer: starter.issuer }),
    };
    const files: [string, string][] = [
      ["claims.jsonnet", starter.claimsMapper],
      ["kratos.yml", kratosConfig(profile, template)],
      ...(isSecret(profile)
        ? []
        : [["jwks.public.json", `${JSON.stringify(publicJwks(jwks), null, 2)}\n`] as [string, string]]),
      ["tests/sample.session.json", `${JSON.stringify(sampleSession(), null, 2)}\n`],
      ["tests/sample.template.json", `${JSON.stringify(caseTemplate, null, 2)}\n`],
      [".gitignore", "# The private key set: Ory signs with it; never commit it.\njwks.json\n"],
    ];
    const paths = ["jwks.json", ...files.map(([name]) => name), "tests/sample.claims.json", "README.md"];
    if (!values.force) {
      const present = [];
      for (const name of paths) if (await exists(join(dir, name))) present.push(join(dir, name));
      if (present.length > 0) {
        throw new UsageError(
          `${present.join(", ")} already exist${present.length === 1 ? "s" : ""}; pass --force to replace`,
        );
      }
    }
    await mkdir(join(dir, "tests"), { recursive: true });
    await writePrivateFile(join(dir, "jwks.json"), `${JSON.stringify(jwks, null, 2)}\n`, { force: true });
    for (const [name, text] of files) await writeFile(join(dir, name), text);
    // The expected claims are what the mapper gives the sample session: recorded as `test --update` would.
    const tests = join(dir, "tests");
    const [result] = await runGoldenCases(
      goldenCases(["sample.session.json", "sample.template.json"], (f) => join(tests, f)),
      {
        mapper: join(dir, "claims.jsonnet"),
        testsDir: tests,
        readFile: readSourceFile,
        ttl: starter.template.ttl,
        jsonnet: oneShotJsonnet({ warm: true }),
      },
    );
    if (result?.recording === undefined) {
      throw new Error(`The starter's golden case could not be recorded: ${result?.details.join("; ") ?? "no case"}`);
    }
    await writeFile(result.recording.file, result.recording.content);
    const steps = nextSteps(profile, template);
    await writeFile(
      join(dir, "README.md"),
      `# ${profile.title}: tokens from Ory\n\nWritten by \`ory-tokenizer init --target ${profile.name}\`. ` +
        `Sources: ${profile.sources.join(", ")}\n\nNext steps, in this folder:\n\n\`\`\`\n${steps}\n\`\`\`\n`,
    );
    output.out(
      `Wrote the ${profile.name} starter (${starter.template.alg}, ttl ${starter.template.ttl}) in ${dir}:\n` +
        `  ${
          [
            "jwks.json",
            ...files.map(([name]) => name).filter((n) => !n.startsWith("tests/")),
            "tests/sample.*",
            "README.md",
          ].join(", ")
        }\n\nNext steps, in ${dir} (cd ${dir}):\n${steps}\n`,
    );
    return 0;
  },
};
