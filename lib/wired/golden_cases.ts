/**
 * The golden runner as the package exports it (`checkGoldenCase`, `runGoldenCases`): the core's
 * (`lib/golden/`) with this runtime's default evaluator and signer.
 *
 * @module
 */

import {
  checkGoldenCase as checkWith,
  type GoldenCase,
  type GoldenCaseOptions,
  type GoldenCheck,
} from "../golden/golden_case.ts";
import { type GoldenResult, type GoldenRunOptions, runGoldenCases as runWith } from "../golden/run_golden_cases.ts";
import { RUNTIME_HOST } from "../runtime/runtime_host.ts";

/**
 * Checks one golden case: tokenizes its session with the mapper and compares the claims (or Ory's
 * error) with the expected file.
 *
 * @param entry the case's files.
 * @param options where the mapper is, how to read files, the key set and the default TTL.
 * @returns the problems (none when it passed), and what the mapper produced.
 * @throws only what `readFile` throws for a file other than the case's (never for the case's mistakes).
 */
export function checkGoldenCase(entry: GoldenCase, options: GoldenCaseOptions): Promise<GoldenCheck> {
  return checkWith(entry, options, RUNTIME_HOST);
}

/**
 * Checks golden cases one after another, all signed by one key set.
 *
 * @param cases from `goldenCases`.
 * @param options where the files are, how to read them, the default TTL.
 * @returns one result per case, in order.
 * @throws {DOMException} `AbortError` when `signal` aborts between cases.
 * @example
 * ```ts
 * import { goldenCases, runGoldenCases } from "../entries/golden.ts";
 * const files: Record<string, string> = {
 *   "claims.jsonnet": "{ claims: { hello: 'world' } }",
 *   "tests/a.session.json": "{}",
 * };
 * const results = await runGoldenCases(goldenCases(["a.session.json"], (f) => `tests/${f}`), {
 *   mapper: "claims.jsonnet",
 *   testsDir: "tests",
 *   readFile: async (path) => files[path]!,
 *   ttl: "10m",
 * });
 * if (results[0]!.recording?.file !== "tests/a.claims.json") throw new Error("no expected file yet");
 * ```
 */
export function runGoldenCases(cases: readonly GoldenCase[], options: GoldenRunOptions): Promise<GoldenResult[]> {
  return runWith(cases, options, RUNTIME_HOST);
}
