/**
 * `ory-tokenizer lint`: a claims mapper checked the way Ory will run it.
 *
 * @module
 */

import type { Diagnostic } from "../../lint/diagnostic.ts";
import { lintClaimsMapper } from "../../wired/lint_claims_mapper.ts";
import { type Command, oneOf, parseFlags } from "../command.ts";
import { readMapperText } from "../io.ts";
import { oneShotJsonnet } from "../one_shot_jsonnet.ts";
import { readSession } from "../read_session.ts";
import { UsageError } from "../usage_error.ts";
import { generateJwks } from "../../keys/generate_jwks.ts";
import { sampleSession } from "../../session/session.ts";
import type { TargetFinding, TargetVerdict } from "../../targets/target_types.ts";
import { previewTemplate } from "../../wired/preview_template.ts";
import { readText } from "../io.ts";
import {
  type ChosenTarget,
  chosenTargets,
  STAND_IN_NOTE,
  TARGET_FLAGS,
  TARGET_FLAGS_HELP,
  verdictLine,
  verdictsJson,
} from "../target_flags.ts";
import { aboutWords } from "../../targets/about_words.ts";
import { withoutKeyFindings } from "../../targets/key_findings.ts";

/** `<file>:<line>:<column>: <severity>: <message> [<code>]`, 1-based like compilers print it. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, column } = diagnostic.range.start;
  return `${file}:${line + 1}:${column + 1}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`;
}

/**
 * A target's finding as a lint line: at the mapper's range when the finding is about a claim the mapper
 * writes, else at the file: `<file>[:<line>:<column>]: <severity>: target <name>: <what>: <message> [<code>]`.
 */
export function formatTargetFinding(file: string, target: string, finding: TargetFinding): string {
  const at = finding.range === undefined ? "" : `:${finding.range.start.line + 1}:${finding.range.start.column + 1}`;
  return `${file}${at}: ${finding.severity}: target ${target}: ${aboutWords(finding)}: ${finding.message} ` +
    `[${finding.code}]`;
}

interface TargetCheck {
  verdicts?: Record<string, TargetVerdict>;
  /** Why the targets were not checked, or what was left out. */
  note?: string;
}

/** The token the mapper makes, checked against the targets: signed with --jwks, or a throwaway key. */
async function checkMapperTargets(
  targets: ChosenTarget[],
  input: {
    source: string;
    file: string;
    jwks: string | undefined;
    ttl: string | undefined;
    issuer: string | undefined;
  },
  rest: Pick<Parameters<typeof previewTemplate>[0], "subjectSource" | "session">,
  jsonnet: ReturnType<typeof oneShotJsonnet>,
): Promise<TargetCheck> {
  const standIn = input.jwks === undefined;
  const preview = await previewTemplate({
    jwks: standIn ? await generateJwks({ alg: "ES256" }) : await readText(input.jwks!),
    claimsMapper: input.source,
    filename: input.file,
    ttl: input.ttl,
    issuer: input.issuer,
    ...rest,
    targets: targets.map(({ profile, settings }) => ({ name: profile.name, settings })),
  }, { jsonnet });
  if (preview.targets === undefined) {
    return { note: `targets not checked: no token (${preview.error?.reason ?? "Ory would refuse the template"})` };
  }
  if (!standIn) return { verdicts: preview.targets };
  const verdicts = Object.fromEntries(
    Object.entries(preview.targets).map(([name, verdict]) => [name, withoutKeyFindings(verdict)]),
  );
  return { verdicts, note: STAND_IN_NOTE };
}

function count(diagnostics: Diagnostic[], severity: Diagnostic["severity"]): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === "information" ? "" : "s"}`;
}

export const lint: Command = {
  help:
    `Usage: ory-tokenizer lint <claims.jsonnet | -> [more.jsonnet …] [--session <file>] [--format text|json] [options]

Evaluates each mapper against a session and the default claims, as Ory's tokenizer does, and checks
it statically. Findings:
  errors       Jsonnet syntax and runtime errors at your line and column; no claims object (Ory's
               400); imports, unknown std.extVar names, engine-only variables (arakoo) and std
               functions go-jsonnet v0.21.0 (Ory's engine) lacks; session paths Kratos never has;
               what Ory refuses and this engine accepts (a string times a number, negative
               indexes, bitwise operands beyond 64 bits)
  warnings     sub (Ory overwrites it); session members Kratos may omit, read without a guard;
               numbers turned into strings that Ory writes with 17 digits (0.10000000000000001);
               C1 control characters Ory escapes (\\u0085) in YAML, TOML or a string of an array;
               == and != on fractions (exact in Ory); in super; tailstrict; std.parseYaml
               (YAML 1.1 in Ory); std.native, std.thisFile; % formats this engine refuses
               (%.0g, padding over 200); a token over 4 KB
  information  default claims replaced (which ones), null claims (kept as null in the token);
               math whose last digit may differ (std.sin, std.pow, …)

Options:
  --session <file>       the whoami session JSON to evaluate with; default: a built-in sample session
  --format <f>           text (default): <file>:<line>:<column>: <severity>: <message> [<code>]
                         json: {"file", "diagnostics": [...]} with zero-based, LSP-style ranges
                         (an array of them for several files)
  --ttl <duration>       the template's TTL, for claims.exp (default 10m)
  --subject-source <s>   id (default) or external_id
  --issuer <url>         the iss default claim (default http://localhost:4433/)

Will the service accept the token? (findings at the mapper's line where the claim is written)
${TARGET_FLAGS_HELP}
  --jwks <file>          the key set that signs, for the algorithm, kid and key checks (without it a
                         throwaway key signs and those checks are left out, with a note)

Exit status: 1 when any file has errors or a target refuses a file's token, 0 otherwise (2 for usage
mistakes). A summary per file goes to stderr (and each target's verdict). The pre-commit framework
runs it on a repository's mappers (the hook ory-tokenizer-lint).

Examples:
  ory-tokenizer lint claims.jsonnet
  ory-tokenizer lint claims.jsonnet --session whoami.json --format json
  ory-tokenizer lint claims.jsonnet --target hasura --target-setting hasura.allowed_skew=30 --jwks jwks.json`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      session: { type: "string" },
      format: { type: "string" },
      ttl: { type: "string" },
      "subject-source": { type: "string" },
      issuer: { type: "string" },
      jwks: { type: "string" },
      ...TARGET_FLAGS,
    }, Number.MAX_SAFE_INTEGER);
    const targets = chosenTargets(
      values.target as unknown as string[] | undefined,
      values["target-setting"] as unknown as string[] | undefined,
    );
    if (values.jwks !== undefined && targets.length === 0) throw new UsageError("--jwks is for the --target checks");
    if (positionals.length === 0) {
      throw new UsageError("Give the mapper to check: ory-tokenizer lint <claims.jsonnet>");
    }
    if (positionals.length > 1 && positionals.includes("-")) {
      throw new UsageError('Read stdin ("-") alone, not beside files');
    }
    const format = oneOf("format", values.format, ["text", "json"] as const) ?? "text";
    const subjectSource = oneOf("subject-source", values["subject-source"], ["id", "external_id"] as const);
    const jsonnet = oneShotJsonnet({ warm: true });
    const session = values.session === undefined ? undefined : await readSession(values.session);
    const reports: Record<string, unknown>[] = [];
    let failed = false;
    for (const path of positionals) {
      const source = await readMapperText(path);
      const file = path === "-" ? "<stdin>" : path;
      let diagnostics: Diagnostic[];
      let checked: TargetCheck = {};
      try {
        diagnostics = await lintClaimsMapper(source, {
          filename: file,
          ...(session === undefined ? {} : { session }),
          ttl: values.ttl,
          subjectSource,
          issuer: values.issuer,
          jsonnet,
        });
        if (targets.length > 0) {
          checked = await checkMapperTargets(
            targets,
            { source, file, jwks: values.jwks, ttl: values.ttl, issuer: values.issuer },
            { session: session ?? sampleSession(), ...(subjectSource === undefined ? {} : { subjectSource }) },
            jsonnet,
          );
        }
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(error.message);
        throw error;
      }
      const verdicts = Object.values(checked.verdicts ?? {});
      if (format === "json") {
        reports.push({
          file,
          diagnostics,
          ...(checked.verdicts === undefined ? {} : { targets: verdictsJson(checked.verdicts) }),
          ...(checked.note === undefined ? {} : { targetsNote: checked.note }),
        });
      } else {
        for (const diagnostic of diagnostics) output.out(`${formatDiagnostic(file, diagnostic)}\n`);
        for (const verdict of verdicts) {
          for (const finding of verdict.findings) output.out(`${formatTargetFinding(file, verdict.target, finding)}\n`);
        }
      }
      const errors = count(diagnostics, "error");
      output.err(
        `${file}: ${plural(errors, "error")}, ${plural(count(diagnostics, "warning"), "warning")}, ` +
          `${plural(count(diagnostics, "information"), "information")}\n`,
      );
      for (const verdict of verdicts) output.err(verdictLine(verdict));
      if (checked.note !== undefined) output.err(`note: ${checked.note}\n`);
      if (errors > 0 || verdicts.some((verdict) => !verdict.accepted)) failed = true;
    }
    if (format === "json") {
      output.out(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
    }
    return failed ? 1 : 0;
  },
};
