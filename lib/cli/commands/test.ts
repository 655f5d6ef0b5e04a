/**
 * `ory-tokenizer test`: golden tests for a claims mapper, for any CI.
 *
 * @module
 */

import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_TTL } from "../../tokenize/tokenizer.ts";
import { GOLDEN_JTI, GOLDEN_NOW, type GoldenCase, goldenCases, type GoldenCheck } from "../../golden/golden_case.ts";
import { runGoldenCases } from "../../wired/golden_cases.ts";
import { type Command, parseFlags } from "../command.ts";
import { readSourceFile, readText } from "../io.ts";
import { oneShotJsonnet } from "../one_shot_jsonnet.ts";
import { UsageError } from "../usage_error.ts";
import { parseJwks } from "../../keys/parse_jwks.ts";
import { signingAlgorithm } from "../../keys/signing_key.ts";
import type { Claims, Jwk, TokenHeader } from "../../types.ts";
import {
  checkTargets,
  type ChosenTarget,
  chosenTargets,
  STAND_IN_NOTE,
  TARGET_FLAGS,
  TARGET_FLAGS_HELP,
} from "../target_flags.ts";
import { aboutWords } from "../../targets/about_words.ts";

/** The cases of a golden test directory, read from the disk. */
async function discoverGoldenCases(dir: string): Promise<GoldenCase[]> {
  const mapper = join(dir, "claims.jsonnet");
  try {
    await readText(mapper);
  } catch {
    throw new UsageError(`${mapper} does not exist: a golden test directory holds claims.jsonnet and tests/`);
  }
  const tests = join(dir, "tests");
  let files: string[];
  try {
    files = await readdir(tests);
  } catch {
    throw new UsageError(`${tests} does not exist: add tests/<case>.session.json files`);
  }
  const cases = goldenCases(files, (file) => join(tests, file));
  if (cases.length === 0) throw new UsageError(`${tests} has no cases: add <case>.session.json files`);
  return cases;
}

/**
 * The target findings on a case's token, as detail lines; an error makes the case fail. The header is
 * the one Ory writes for the signing key (its alg and kid), the clock the case's (its iat).
 */
function targetProblems(targets: ChosenTarget[], check: GoldenCheck, key: Jwk | undefined): string[] {
  const claims: Claims | undefined = check.claims;
  if (claims === undefined) return [];
  const header: TokenHeader = key === undefined
    ? { alg: "ES256", kid: "", typ: "JWT" }
    : { alg: signingAlgorithm(key), kid: typeof key.kid === "string" ? key.kid : "", typ: "JWT" };
  const iat = claims["iat"];
  const verdicts = checkTargets(targets, { token: "", header, claims }, {
    key,
    standIn: key === undefined,
    ...(typeof iat === "number" ? { nowMs: iat * 1000 } : {}),
  });
  const lines: string[] = [];
  for (const verdict of Object.values(verdicts)) {
    const errors = verdict.findings.filter((finding) => finding.severity === "error");
    if (errors.length === 0) continue;
    lines.push(`target ${verdict.target} refuses the token:`);
    for (const finding of verdict.findings) {
      const mark = finding.severity === "warning" ? "warning: " : "";
      lines.push(`  ${aboutWords(finding)}: ${mark}${finding.message} [${finding.code}]`);
    }
  }
  return lines;
}

export const test: Command = {
  help: `Usage: ory-tokenizer test [<dir>] [--update] [--ttl <duration>]

Runs the claims mapper <dir>/claims.jsonnet (default dir: .) through Ory's tokenizer for every
session fixture and compares the claims of each token with the expected ones.

Layout:
  <dir>/claims.jsonnet                the mapper
  <dir>/tests/<case>.session.json     a whoami session (GET /sessions/whoami) to tokenize
  <dir>/tests/<case>.claims.json      the expected claims of the token
  <dir>/tests/<case>.error.json       instead: the expected failure, as Ory's error body; each member
                                      given must match, e.g. {"error": {"code": 400, "reason": "…"}}
  <dir>/tests/<case>.template.json    optional: {"ttl": "1m", "subject_source": "external_id",
                                      "issuer": "https://…", "project_slug": "…", "now": "<RFC 3339>",
                                      "jti": "<uuid>"}; jwks_url and claims_mapper_url are ignored

Matching: claims must be equal (JSON equality), except the claims that change with every token,
which match by kind when the expected value is of that kind, so expected files may come from a real
token Ory issued:
  jti        any UUID v4
  iat, nbf   any integer
  exp        any integer ttl seconds after iat, in both (the case's ttl, else --ttl)
Cases run with the clock at ${GOLDEN_NOW} and jti ${GOLDEN_JTI} unless their template says
otherwise, so recorded files are stable. Each case is signed with a throwaway ES256 key.

Will the service accept each case's token? A case whose token a target refuses fails, its
findings under it (warnings too, marked); cases expecting an error are not checked.
${TARGET_FLAGS_HELP}
  --jwks <file>          sign the cases with this key set, so the algorithm, kid and key are checked
                         (without it a throwaway ES256 key signs, and those checks are left out)

Options:
  --update           record the expected file of every case that fails or has none (claims, or the
                     error when tokenization fails), replacing it; passing cases are left alone
  --ttl <duration>   the TTL of cases whose template has none (default ${DEFAULT_TTL})

Output: one line per case, a diff (- expected, + actual) under each failure, and a summary
"N passed, M failed". Exit status 1 when a case fails.

Examples:
  ory-tokenizer test examples/basic
  ory-tokenizer test --update
  ory-tokenizer test hasura --target hasura --target-setting hasura.allowed_skew=30 --jwks hasura/jwks.json`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      update: { type: "boolean" },
      ttl: { type: "string" },
      jwks: { type: "string" },
      ...TARGET_FLAGS,
    }, 1);
    const targets = chosenTargets(
      values.target as unknown as string[] | undefined,
      values["target-setting"] as unknown as string[] | undefined,
    );
    if (values.jwks !== undefined && targets.length === 0) throw new UsageError("--jwks is for the --target checks");
    const jwksText = values.jwks === undefined ? undefined : await readText(values.jwks);
    const key = jwksText === undefined ? undefined : parseJwks(jwksText).keys[0];
    const dir = positionals[0] ?? ".";
    const cases = await discoverGoldenCases(dir);
    const jsonnet = oneShotJsonnet({ warm: true });
    const results = await runGoldenCases(cases, {
      mapper: join(dir, "claims.jsonnet"),
      testsDir: join(dir, "tests"),
      readFile: readSourceFile,
      ttl: values.ttl ?? DEFAULT_TTL,
      jsonnet,
      ...(jwksText === undefined ? {} : { jwksUrl: `base64://${Buffer.from(jwksText).toString("base64")}` }),
    });
    if (targets.length > 0) {
      for (const result of results) result.details.push(...targetProblems(targets, result.check, key));
      for (const result of results) if (result.details.length > 0) result.status = "failed";
      if (key === undefined) output.err(`note: ${STAND_IN_NOTE}\n`);
    }
    const width = Math.max(...results.map((r) => r.name.length));
    let passed = 0;
    let failed = 0;
    let recorded = 0;
    for (const result of results) {
      const recording = values.update ? result.recording : undefined;
      if (recording !== undefined) {
        await writeFile(recording.file, recording.content);
        if (recording.stale !== undefined) await rm(recording.stale, { force: true });
        recorded++;
        output.out(`recorded ${result.name.padEnd(width)}  ${recording.file}\n         ${recording.summary}\n`);
        continue;
      }
      if (result.status === "passed") passed++;
      else failed++;
      output.out(
        `${result.status === "passed" ? "ok      " : "FAIL    "} ${result.name.padEnd(width)}  ${result.file}\n`,
      );
      for (const line of result.details) output.out(`         ${line}\n`);
    }
    output.out(
      `\n${passed + recorded} passed, ${failed} failed${values.update ? `; ${recorded} recorded` : ""}\n`,
    );
    return failed > 0 ? 1 : 0;
  },
};
