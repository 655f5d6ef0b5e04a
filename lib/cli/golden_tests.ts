/**
 * Golden tests for a claims mapper from the command line: a directory with `claims.jsonnet` and
 * `tests/<case>.session.json` files, each checked by lib's `checkGoldenCase` (the layout and rules
 * are in `lib/golden/golden_case.ts`); `--update` records the actual results here.
 *
 * @module
 */

import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateJwks } from "../keys/generate_jwks.ts";
import { checkGoldenCase, type GoldenCase, type GoldenCaseOptions, goldenCases } from "../golden/golden_case.ts";
import { readSourceFile, readText } from "./io.ts";
import { UsageError } from "./usage_error.ts";

export { GOLDEN_JTI, GOLDEN_NOW } from "../golden/golden_case.ts";
export type { GoldenCase } from "../golden/golden_case.ts";

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
  return goldenCases(files, (file) => join(dir, "tests", file));
}

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs one case, recording its actual result when asked to and the case allows it. */
async function runCase(entry: GoldenCase, caseOptions: GoldenCaseOptions, update: boolean): Promise<GoldenResult> {
  const check = await checkGoldenCase(entry, caseOptions);
  if (check.problems.length === 0) return { name: entry.name, status: "passed", file: check.file, details: [] };
  if (!update || !check.recordable) {
    return { name: entry.name, status: "failed", file: check.file, details: check.problems };
  }
  const stem = join(caseOptions.testsDir, entry.name);
  const failure = check.failure;
  const file = failure === undefined ? `${stem}.claims.json` : `${stem}.error.json`;
  await writeFile(file, pretty(failure === undefined ? check.claims : failure.toOryBody()));
  const stale = failure === undefined ? entry.error : entry.claims;
  if (stale !== undefined) await rm(stale, { force: true });
  const what = failure === undefined ? "claims" : `error: ${failure.reason}`;
  return { name: entry.name, status: "recorded", file, details: [`recorded ${what}`] };
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
  const caseOptions: GoldenCaseOptions = {
    mapper: join(dir, "claims.jsonnet"),
    testsDir: join(dir, "tests"),
    readFile: readSourceFile,
    jwksUrl: `base64://${btoa(JSON.stringify(jwks))}`,
    ttl: options.ttl,
  };
  const results: GoldenResult[] = [];
  for (const entry of cases) results.push(await runCase(entry, caseOptions, options.update));
  return results;
}
