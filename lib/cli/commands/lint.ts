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

/** `<file>:<line>:<column>: <severity>: <message> [<code>]`, 1-based like compilers print it. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, column } = diagnostic.range.start;
  return `${file}:${line + 1}:${column + 1}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`;
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
               == and != on fractions (exact in Ory); negative or null slice bounds; in super;
               tailstrict; std.parseYaml (YAML 1.1 in Ory); std.native, std.thisFile; a token
               over 4 KB
  information  default claims replaced (which ones), null claims (kept as null in the token);
               math whose last digit may differ (std.sin, std.pow, …); % formats that differ

Options:
  --session <file>       the whoami session JSON to evaluate with; default: a built-in sample session
  --format <f>           text (default): <file>:<line>:<column>: <severity>: <message> [<code>]
                         json: {"file", "diagnostics": [...]} with zero-based, LSP-style ranges
                         (an array of them for several files)
  --ttl <duration>       the template's TTL, for claims.exp (default 10m)
  --subject-source <s>   id (default) or external_id
  --issuer <url>         the iss default claim (default http://localhost:4433/)

Exit status: 1 when any file has errors, 0 otherwise (2 for usage mistakes). A summary per file goes to
stderr. The pre-commit framework runs it on a repository's mappers (the hook ory-tokenizer-lint).

Examples:
  ory-tokenizer lint claims.jsonnet
  ory-tokenizer lint claims.jsonnet --session whoami.json --format json`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      session: { type: "string" },
      format: { type: "string" },
      ttl: { type: "string" },
      "subject-source": { type: "string" },
      issuer: { type: "string" },
    }, Number.MAX_SAFE_INTEGER);
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
    const reports: { file: string; diagnostics: Diagnostic[] }[] = [];
    let errors = 0;
    for (const path of positionals) {
      const source = await readMapperText(path);
      const file = path === "-" ? "<stdin>" : path;
      let diagnostics: Diagnostic[];
      try {
        diagnostics = await lintClaimsMapper(source, {
          filename: file,
          ...(session === undefined ? {} : { session }),
          ttl: values.ttl,
          subjectSource,
          issuer: values.issuer,
          jsonnet,
        });
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(error.message);
        throw error;
      }
      reports.push({ file, diagnostics });
      if (format === "text") {
        for (const diagnostic of diagnostics) output.out(`${formatDiagnostic(file, diagnostic)}\n`);
      }
      errors += count(diagnostics, "error");
      output.err(
        `${file}: ${plural(count(diagnostics, "error"), "error")}, ` +
          `${plural(count(diagnostics, "warning"), "warning")}, ` +
          `${plural(count(diagnostics, "information"), "information")}\n`,
      );
    }
    if (format === "json") {
      output.out(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
