/**
 * Golden tests for a claims mapper: a directory with `claims.jsonnet` and `tests/<case>.session.json`
 * files, each checked against `tests/<case>.claims.json` (or `tests/<case>.error.json` for a case that
 * must fail), optionally with `tests/<case>.template.json` for the template and the clock.
 *
 * @module
 */

import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultClaims } from "../tokenize/default_claims.ts";
import { TokenizerError } from "../errors.ts";
import { generateJwks } from "../keys/generate_jwks.ts";
import { compareClaims, formatClaimDifferences, jsonEqual } from "../golden/compare_claims.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { sampleSession } from "../session/session.ts";
import { tokenizeSession } from "../tokenize/tokenizer.ts";
import type { Claims, SubjectSource, TokenizerTemplate } from "../types.ts";
import { readSourceFile, readText } from "./io.ts";
import { parseSessionText } from "./read_session.ts";
import { UsageError } from "./usage_error.ts";

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

/** One golden case: its files (absent ones undefined). */
export interface GoldenCase {
  name: string;
  session?: string;
  claims?: string;
  error?: string;
  template?: string;
}

/** How a case went. */
export interface GoldenResult {
  name: string;
  status: "passed" | "failed" | "recorded";
  /** The expected file the case was checked against or recorded into. */
  file: string;
  /** Why it failed, or what was recorded: diff lines and messages. */
  details: string[];
}

/** Options of {@linkcode runGoldenTests}. */
export interface GoldenOptions {
  /** Record expected files for cases that fail or have none. */
  update: boolean;
  /** The TTL of cases whose template gives none. */
  ttl: string;
}

/**
 * Finds the cases of a golden test directory.
 *
 * @throws {UsageError} when the directory has no `claims.jsonnet` or no `tests` directory.
 */
export async function discoverGoldenCases(dir: string): Promise<GoldenCase[]> {
  const mapper = join(dir, "claims.jsonnet");
  try {
    await readText(mapper);
  } catch {
    throw new UsageError(`${mapper} does not exist: a golden test directory holds claims.jsonnet and tests/`);
  }
  let files: string[];
  try {
    files = await readdir(join(dir, "tests"));
  } catch {
    throw new UsageError(`${join(dir, "tests")} does not exist: add tests/<case>.session.json files`);
  }
  const cases = new Map<string, GoldenCase>();
  for (const file of files.sort()) {
    const match = /^(.+)\.(session|claims|error|template)\.json$/.exec(file);
    if (match === null) continue;
    const [, name, role] = match as unknown as [string, string, keyof Omit<GoldenCase, "name">];
    const entry = cases.get(name) ?? { name };
    entry[role] = join(dir, "tests", file);
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

async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function settingsOf(
  entry: GoldenCase,
  mapper: string,
  jwksUrl: string,
  defaultTtl: string,
): Promise<CaseSettings> {
  const raw = entry.template === undefined ? {} : await readJson(entry.template);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new Error(`${entry.template} must hold an object`);
  }
  const settings = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) {
    if (!TEMPLATE_KEYS.includes(key)) {
      throw new Error(`${entry.template} has an unknown key "${key}" (known: ${TEMPLATE_KEYS.join(", ")})`);
    }
    if (typeof value !== "string") throw new Error(`${entry.template}: "${key}" must be a string`);
  }
  const text = (key: string) => settings[key] as string | undefined;
  const now = Date.parse(text("now") ?? GOLDEN_NOW);
  if (Number.isNaN(now)) throw new Error(`${entry.template}: "now" must be an RFC 3339 time`);
  const subjectSource = text("subject_source");
  return {
    // The case's key never matters to its claims: one throwaway key signs every case.
    template: {
      jwks_url: jwksUrl,
      claims_mapper_url: `file://${mapper}`,
      ttl: text("ttl") ?? defaultTtl,
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

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs one case. */
async function runCase(
  entry: GoldenCase,
  mapper: string,
  jwksUrl: string,
  options: GoldenOptions,
): Promise<GoldenResult> {
  const expectedFile = entry.error ?? entry.claims ?? join(mapper, "..", "tests", `${entry.name}.claims.json`);
  const fail = (...details: string[]): GoldenResult => ({
    name: entry.name,
    status: "failed",
    file: expectedFile,
    details,
  });
  if (entry.session === undefined) return fail(`there is no tests/${entry.name}.session.json for ${expectedFile}`);
  if (entry.claims !== undefined && entry.error !== undefined) {
    return fail(`${entry.claims} and ${entry.error} both exist: a case expects claims or an error, not both`);
  }
  let settings: CaseSettings;
  let session;
  try {
    settings = await settingsOf(entry, mapper, jwksUrl, options.ttl);
    session = parseSessionText(await readText(entry.session), entry.session);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  let claims: Claims | undefined;
  let failure: TokenizerError | undefined;
  try {
    const result = await tokenizeSession(session, settings.template, {
      issuer: settings.issuer,
      projectSlug: settings.projectSlug,
      now: () => settings.now,
      randomUUID: () => settings.jti,
      readFile: readSourceFile,
    });
    claims = result.claims;
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    failure = error;
  }
  const record = async (): Promise<GoldenResult> => {
    const stem = join(mapper, "..", "tests", entry.name);
    const file = failure === undefined ? `${stem}.claims.json` : `${stem}.error.json`;
    await writeFile(file, pretty(failure === undefined ? claims : failure.toOryBody()));
    const stale = failure === undefined ? entry.error : entry.claims;
    if (stale !== undefined) await rm(stale, { force: true });
    const what = failure === undefined ? "claims" : `error: ${failure.reason}`;
    return { name: entry.name, status: "recorded", file, details: [`recorded ${what}`] };
  };

  let problems: string[];
  if (entry.claims === undefined && entry.error === undefined) {
    problems = [`no expected file: run with --update to record ${expectedFile}`];
  } else if (entry.error !== undefined) {
    const expected = await readJson(entry.error).catch((error: Error) => error);
    problems = expected instanceof Error ? [expected.message] : compareError(expected, failure);
  } else if (failure !== undefined) {
    problems = [
      `expected claims, but tokenization failed: ${failure.reason}`,
      ...(failure.detail ? [failure.detail] : []),
    ];
  } else {
    const expected = await readJson(entry.claims!).catch((error: Error) => error);
    if (expected instanceof Error) {
      problems = [expected.message];
    } else if (typeof expected !== "object" || expected === null || Array.isArray(expected)) {
      problems = [`${entry.claims} must hold the expected claims object`];
    } else {
      const differences = compareClaims(expected as Claims, claims!, { expSeconds: expSeconds(settings) });
      problems = differences.length === 0 ? [] : formatClaimDifferences(differences);
    }
  }
  if (problems.length === 0) return { name: entry.name, status: "passed", file: expectedFile, details: [] };
  return options.update ? await record() : fail(...problems);
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

/**
 * Runs every case of a golden test directory.
 *
 * @throws {UsageError} when the directory is not a golden test directory or has no cases.
 */
export async function runGoldenTests(dir: string, options: GoldenOptions): Promise<GoldenResult[]> {
  const cases = await discoverGoldenCases(dir);
  if (cases.length === 0) throw new UsageError(`${join(dir, "tests")} has no cases: add <case>.session.json files`);
  const jwks = await generateJwks({ alg: "ES256" });
  const jwksUrl = `base64://${btoa(JSON.stringify(jwks))}`;
  const mapper = join(dir, "claims.jsonnet");
  const results: GoldenResult[] = [];
  for (const entry of cases) results.push(await runCase(entry, mapper, jwksUrl, options));
  return results;
}
