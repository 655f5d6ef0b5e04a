/**
 * `ory-tokenizer tokenize`: the token Ory would issue for a session and a template.
 *
 * @module
 */

import { sampleSession } from "../../session/session.ts";
import { Tokenizer } from "../../wired/tokenizer.ts";
import type { TokenizerTemplate } from "../../types.ts";
import { type Command, oneOf, parseFlags, timeFlag } from "../command.ts";
import { readSourceFile } from "../io.ts";
import { loadConfig, loadTemplates } from "../load_config.ts";
import { configWhoamiOptions } from "../../config/config_whoami_options.ts";
import { oneShotJsonnet } from "../one_shot_jsonnet.ts";
import { readSession } from "../read_session.ts";
import { TEMPLATE_FLAGS, type TemplateSource, templateSource } from "../template_flags.ts";
import { UsageError } from "../usage_error.ts";
import { templateKeySet } from "../../config/template_key_set.ts";
import {
  checkTargets,
  chosenTargets,
  findingLines,
  TARGET_FLAGS,
  TARGET_FLAGS_HELP,
  verdictLine,
  verdictsJson,
} from "../target_flags.ts";

export const tokenize: Command = {
  help: `Usage:
  ory-tokenizer tokenize [--session <file>] --config <kratos.yml|json> --template <name> [options]
  ory-tokenizer tokenize [--session <file>] --jwks <file> [--claims <file>] [--ttl 10m] [--subject-source id|external_id] [options]

Runs Ory's tokenizer locally, with Ory's order of operations, claims, bytes and errors: the result is
the \`tokenized\` value \`GET /sessions/whoami?tokenize_as=<name>\` would return.

Inputs:
  --session <file>     the whoami session JSON (- for stdin); default: a built-in sample session
  --config <file>      a Kratos config; templates come from session.whoami.tokenizer.templates,
                       file:// paths resolve against the working directory, as in Kratos
  --template <name>    the template to use from --config
  --jwks <file>        a key set (its first key signs); instead of --config
  --claims <file>      a Jsonnet claims mapper
  --ttl <duration>     a Go duration (default 10m)
  --subject-source     id (default) or external_id

Options:
  --issuer <url>       the iss claim: Kratos's serve.public.base_url (default: the config's, else
                       http://localhost:4433/)
  --project-slug <s>   an Ory Network project: iss becomes https://<s>.projects.oryapis.com
  --now <RFC 3339>     the clock (reproducible output)
  --jti <id>           the token id (reproducible output)
  --format <f>         token (default: the compact JWT) or json ({token, header, claims}, and
                       "targets": {"<name>": {"accepted", "findings"}} with --target)
  --json               errors as Ory's JSON error body (with our detail in "debug"); with
                       --target, the output is --format json

Will the service accept it?
${TARGET_FLAGS_HELP}
  Each finding goes to stderr as \`target <name>: <claim | header alg | key>: <message> [<code>]\`
  (warnings marked "warning:") with its fix below; the exit status is 1 when a target refuses the
  token (the token is still printed). The signing key goes to the checks; no key is ever printed.

Examples:
  ory-tokenizer tokenize --jwks jwks.json --claims claims.jsonnet --ttl 10m
  ory-tokenizer tokenize --session whoami.json --config kratos.yml --template jwt_example_template1 \\
    --now 2023-02-01T00:00:00Z --jti 00000000-0000-4000-8000-000000000000 --format json
  ory-tokenizer tokenize --jwks jwks.json --claims claims.jsonnet --target hasura \\
    --target-setting hasura.allowed_skew=30
  ory-tokenizer tokenize --config kratos.yml --template zendesk --target zendesk-sso --json`,
  async run(args, output) {
    const { values } = parseFlags(args, {
      session: { type: "string" },
      ...TEMPLATE_FLAGS,
      issuer: { type: "string" },
      "project-slug": { type: "string" },
      now: { type: "string" },
      jti: { type: "string" },
      format: { type: "string" },
      ...TARGET_FLAGS,
    });
    const targets = chosenTargets(
      values.target as unknown as string[] | undefined,
      values["target-setting"] as unknown as string[] | undefined,
    );
    const format = oneOf("format", values.format, ["token", "json"] as const) ??
      (values.json && targets.length > 0 ? "json" : "token");
    const now = timeFlag("now", values.now);
    if (values.issuer !== undefined && values["project-slug"] !== undefined) {
      throw new UsageError("Use --issuer or --project-slug, not both");
    }
    const [name, templates, baseUrl] = await templatesFrom(
      values.template,
      templateSource(values, "--config <file> --template <name>"),
    );
    const jsonnet = oneShotJsonnet({ warm: Boolean(templates[name]?.claims_mapper_url) });
    const session = values.session === undefined ? sampleSession() : await readSession(values.session);
    const jti = values.jti;
    const tokenizer = new Tokenizer({
      templates,
      // As Kratos, and as serve: the config's public URL is the issuer unless a flag names another.
      issuer: values.issuer ?? (values["project-slug"] === undefined ? baseUrl : undefined),
      projectSlug: values["project-slug"],
      ...(now === undefined ? {} : { now: () => now }),
      ...(jti === undefined ? {} : { randomUUID: () => jti }),
      readFile: readSourceFile,
      jsonnet,
    });
    const result = await tokenizer.tokenize(session, name);
    if (targets.length === 0) {
      output.out(format === "token" ? `${result.token}\n` : `${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    // The key the token was signed with: for the key-form and kid checks, never printed.
    const key = (await templateKeySet(templates[name]!, { readFile: readSourceFile })).keys[0];
    const verdicts = checkTargets(targets, result, { key, nowMs: now ?? Number(result.claims["iat"]) * 1000 });
    output.out(
      format === "token"
        ? `${result.token}\n`
        : `${JSON.stringify({ ...result, targets: verdictsJson(verdicts) }, null, 2)}\n`,
    );
    if (format === "token") {
      for (const verdict of Object.values(verdicts)) {
        for (const finding of verdict.findings) output.err(findingLines(verdict.target, finding));
        output.err(verdictLine(verdict));
      }
    }
    return Object.values(verdicts).every((verdict) => verdict.accepted) ? 0 : 1;
  },
};

/**
 * The template's name, the templates to find it in and the config's `serve.public.base_url`; `--template`
 * names one from a config only.
 */
async function templatesFrom(
  template: string | undefined,
  source: TemplateSource,
): Promise<[string, Record<string, TokenizerTemplate>, string | undefined]> {
  if ("config" in source) {
    if (template === undefined) throw new UsageError("--config needs --template <name>");
    const config = await loadConfig(source.config);
    return [template, await loadTemplates(source.config, config), configWhoamiOptions(config).baseUrl];
  }
  if (template !== undefined) throw new UsageError("--template belongs with --config");
  return ["cli", { cli: source.template }, undefined];
}
