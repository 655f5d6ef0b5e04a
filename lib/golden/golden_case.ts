/**
 * One golden test case of a claims mapper, checked the way `ory-tokenizer test` checks it: the
 * layout (`tests/<case>.session.json` against `tests/<case>.claims.json`, or `<case>.error.json`
 * for a case that must fail, with an optional `<case>.template.json`), the case's settings and the
 * comparison. Files are read through a `readFile` capability, so the CLI (Node's fs) and the VS Code
 * extension (its workspace file system) run the same cases the same way.
 *
 * @module
 */

import { defaultClaims } from "../tokenize/default_claims.ts";
import { TokenizerError } from "../errors.ts";
import { compareClaims, formatClaimDifferences, jsonEqual } from "./compare_claims.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { parseSession } from "../session/parse_session.ts";
import { sampleSession, type Session } from "../session/session.ts";
import { tokenizeSession } from "../tokenize/tokenizer.ts";
import { describeKind } from "../tokenize/claims_object.ts";
import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import type { Claims, ReadFile, SubjectSource, TokenizerTemplate } from "../types.ts";

/** The clock and token id golden tests run with unless a case says otherwise (Kratos's test clock). */
export const GOLDEN_NOW = "2023-02-01T00:00:00Z";
export const GOLDEN_JTI = "00000000-0000-4000-8000-000000000000";

/** What `<case>.template.json` may hold: Ory's template settings and the run's clock, issuer and id. */
const TEMPLATE_KEYS = [
  "ttl",
  "subject_source",
  "issuer",
  "project_slug",
  "now",
  "jti",
  "jwks_url",
  "claims_mapper_url",
];

/** One golden case: the paths of its files (absent ones undefined). */
export interface GoldenCase {
  name: string;
  session?: string;
  claims?: string;
  error?: string;
  template?: string;
}

/** How checking a case went, before anything is recorded. */
export interface GoldenCheck {
  /** Empty when the case passed. */
  problems: string[];
  /** Whether recording the actual result would fix the case (false for a broken case). */
  recordable: boolean;
  /** The expected file the case was checked against (or would be recorded into). */
  file: string;
  /** What the mapper produced, when the tokenization succeeded. */
  claims?: Claims;
  /** Ory's error, when the tokenization failed. */
  failure?: TokenizerError;
  /**
   * Why a file of the case could not be used (`ERR_INVALID_INPUT`: not JSON, or a template that is
   * not the settings object); its message and detail are also in `problems`.
   */
  invalid?: TokenizerError;
}

/** Where a case's files are and how to read them. */
export interface GoldenCaseOptions {
  /** The mapper's path, read through `readFile` as `file://<mapper>` (so errors name it). */
  mapper: string;
  /** The `tests` folder's path, for naming an expected file that does not exist yet. */
  testsDir: string;
  /** Reads a path given here (the mapper and the case's files). */
  readFile: ReadFile;
  /** The key set behind every case (`base64://…`): one throwaway key signs every case. */
  jwksUrl: string;
  /** The TTL of cases whose template gives none. */
  ttl: string;
  /** Evaluates the mapper; the shared sandbox by default (as `tokenizeSession`). */
  jsonnet?: JsonnetEvaluator | undefined;
}

/**
 * Groups the files of a `tests` folder into cases by name.
 *
 * @param files the folder's file names, and how to make a path of one.
 * @returns the cases in name order; unrelated files are ignored.
 */
export function goldenCases(files: readonly string[], pathOf: (file: string) => string): GoldenCase[] {
  const cases = new Map<string, GoldenCase>();
  for (const file of [...files].sort()) {
    const match = /^(.+)\.(session|claims|error|template)\.json$/.exec(file);
    if (match === null) continue;
    const [, name, role] = match as unknown as [string, string, keyof Omit<GoldenCase, "name">];
    const entry = cases.get(name) ?? { name };
    entry[role] = pathOf(file);
    cases.set(name, entry);
  }
  return [...cases.values()];
}

interface CaseSettings {
  template: TokenizerTemplate;
  issuer: string | undefined;
  projectSlug: string | undefined;
  now: number;
  jti: string;
}

async function readText(path: string, options: GoldenCaseOptions): Promise<string> {
  const content = await options.readFile(path);
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}

/**
 * A case file a user wrote that cannot be used: `what` names it in the message, `detail` starts with
 * its path and says what to write instead.
 */
function invalidFile(what: string, why: string, detail: string, cause?: unknown): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", { text: `Cannot use ${what}: ${why}`, detail, cause });
}

/** @throws {TokenizerError} `ERR_INVALID_INPUT` when the file is not JSON. */
async function readJson(path: string, what: string, options: GoldenCaseOptions): Promise<unknown> {
  const text = await readText(path, options);
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw invalidFile(what, "it is not JSON", `${path}: ${why}`, error);
  }
}

/** @throws {TokenizerError} `ERR_INVALID_INPUT` for a template file that is not the settings object. */
async function settingsOf(entry: GoldenCase, options: GoldenCaseOptions): Promise<CaseSettings> {
  const what = `the template of golden case ${JSON.stringify(entry.name)}`;
  const raw = entry.template === undefined ? {} : await readJson(entry.template, what, options);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidFile(
      what,
      "it must hold an object",
      `${entry.template} holds ${describeKind(raw)}; write the case's settings as one, such as {"ttl": "1m"}`,
    );
  }
  const settings = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) {
    if (!TEMPLATE_KEYS.includes(key)) {
      throw invalidFile(
        what,
        `it has an unknown key ${JSON.stringify(key)}`,
        `${entry.template}: the known keys are ${TEMPLATE_KEYS.join(", ")}`,
      );
    }
    if (typeof value !== "string") {
      throw invalidFile(
        what,
        `${JSON.stringify(key)} must be a string`,
        `${entry.template}: ${JSON.stringify(key)} is ${
          describeKind(value)
        }; every setting is a string, as in {"ttl": "1m"}`,
      );
    }
  }
  const text = (key: string) => settings[key] as string | undefined;
  const now = Date.parse(text("now") ?? GOLDEN_NOW);
  if (Number.isNaN(now)) {
    throw invalidFile(
      what,
      '"now" must be an RFC 3339 time',
      `${entry.template}: "now" is ${JSON.stringify(text("now"))}; write a time such as "${GOLDEN_NOW}"`,
    );
  }
  const subjectSource = text("subject_source");
  return {
    template: {
      jwks_url: options.jwksUrl,
      claims_mapper_url: `file://${options.mapper}`,
      ttl: text("ttl") ?? options.ttl,
      ...(subjectSource === undefined ? {} : { subject_source: subjectSource as SubjectSource }),
    },
    issuer: text("issuer"),
    projectSlug: text("project_slug"),
    now,
    jti: text("jti") ?? GOLDEN_JTI,
  };
}

/** Seconds between `iat` and `exp` that Ory computes for this clock and TTL. */
function expSeconds(settings: CaseSettings): number | undefined {
  try {
    const claims = defaultClaims(
      sampleSession(),
      "",
      "",
      settings.now,
      parseDurationNanos(settings.template.ttl ?? "0s"),
    );
    return (claims["exp"] as number) - (claims["iat"] as number);
  } catch {
    return undefined; // an invalid ttl fails the tokenization itself, with Ory's error
  }
}

/** An expected error matches when each member of its `error` object equals Ory's answer. */
function compareError(expected: unknown, failure: TokenizerError | undefined): string[] {
  const wanted = (expected as { error?: unknown })?.error;
  if (typeof wanted !== "object" || wanted === null) {
    return ['an expected error file holds {"error": {"code": …, "reason": …}}'];
  }
  if (failure === undefined) return [`expected an error (${JSON.stringify(wanted)}), but the token was issued`];
  const actual = failure.toOryBody().error as Record<string, unknown>;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (!jsonEqual(actual[key], value)) {
      lines.push(`- error.${key}: ${JSON.stringify(value)}`, `+ error.${key}: ${JSON.stringify(actual[key])}`);
    }
  }
  if (lines.length > 0 && failure.detail) lines.push(`  (${failure.detail})`);
  return lines;
}

/** Whether an error says that a case file is not what it must be (not JSON, not the settings object). */
function isInvalidFile(error: unknown): error is TokenizerError {
  return error instanceof TokenizerError && error.code === "ERR_INVALID_INPUT";
}

/** A failure as problem lines: the message, then the detail's lines (which name the file). */
function problemLines(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const detail = error instanceof TokenizerError && error.detail ? error.detail.split("\n") : [];
  return [error.message, ...detail];
}

/** An expected file's JSON, or why it cannot be compared with (recording it again fixes that). */
async function readExpected(
  path: string,
  what: string,
  options: GoldenCaseOptions,
): Promise<{ value: unknown; invalid?: undefined } | { problems: string[]; invalid?: TokenizerError }> {
  try {
    return { value: await readJson(path, what, options) };
  } catch (error) {
    return { problems: problemLines(error), ...(isInvalidFile(error) ? { invalid: error } : {}) };
  }
}

/**
 * Checks one golden case: tokenizes its session with the mapper and compares the claims (or Ory's
 * error) with the expected file.
 *
 * @param entry the case's files.
 * @param options where the mapper is, how to read files, the key set and the default TTL.
 * @param host the runtime's default evaluator and signer; the package's `checkGoldenCase` passes its own.
 * @returns the problems (none when it passed), and what the mapper produced.
 * @throws only what `readFile` throws for a file other than the case's (never for the case's mistakes).
 */
export async function checkGoldenCase(
  entry: GoldenCase,
  options: GoldenCaseOptions,
  host: RuntimeHost,
): Promise<GoldenCheck> {
  const file = entry.error ?? entry.claims ?? `${options.testsDir}/${entry.name}.claims.json`;
  const broken = (...problems: string[]): GoldenCheck => ({ problems, recordable: false, file });
  if (entry.session === undefined) return broken(`there is no tests/${entry.name}.session.json for ${file}`);
  if (entry.claims !== undefined && entry.error !== undefined) {
    return broken(`${entry.claims} and ${entry.error} both exist: a case expects claims or an error, not both`);
  }
  let settings: CaseSettings;
  let session: Session;
  try {
    settings = await settingsOf(entry, options);
    session = parseSession(await readText(entry.session, options), entry.session);
  } catch (error) {
    return { ...broken(...problemLines(error)), ...(isInvalidFile(error) ? { invalid: error } : {}) };
  }
  let claims: Claims | undefined;
  let failure: TokenizerError | undefined;
  try {
    const result = await tokenizeSession(session, settings.template, {
      issuer: settings.issuer,
      projectSlug: settings.projectSlug,
      now: () => settings.now,
      randomUUID: () => settings.jti,
      readFile: options.readFile,
      jsonnet: options.jsonnet,
    }, host);
    claims = result.claims;
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    failure = error;
  }

  const named = JSON.stringify(entry.name);
  let problems: string[];
  let invalid: TokenizerError | undefined;
  if (entry.claims === undefined && entry.error === undefined) {
    problems = [`no expected file: run with --update to record ${file}`];
  } else if (entry.error !== undefined) {
    const expected = await readExpected(entry.error, `the expected error of golden case ${named}`, options);
    invalid = expected.invalid;
    problems = "problems" in expected ? expected.problems : compareError(expected.value, failure);
  } else if (failure !== undefined) {
    problems = [
      `expected claims, but tokenization failed: ${failure.reason}`,
      ...(failure.detail ? [failure.detail] : []),
    ];
  } else {
    const expected = await readExpected(entry.claims!, `the expected claims of golden case ${named}`, options);
    invalid = expected.invalid;
    if ("problems" in expected) {
      problems = expected.problems;
    } else if (typeof expected.value !== "object" || expected.value === null || Array.isArray(expected.value)) {
      problems = [`${entry.claims} must hold the expected claims object`];
    } else {
      const differences = compareClaims(expected.value as Claims, claims!, { expSeconds: expSeconds(settings) });
      problems = differences.length === 0 ? [] : formatClaimDifferences(differences);
    }
  }
  return {
    problems,
    recordable: true,
    file,
    ...(claims === undefined ? {} : { claims }),
    ...(failure === undefined ? {} : { failure }),
    ...(invalid === undefined ? {} : { invalid }),
  };
}
