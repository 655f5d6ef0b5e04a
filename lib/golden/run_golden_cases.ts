/**
 * The golden runner's core, shared by `ory-tokenizer test` and the editor: one throwaway key set for
 * every case, each case checked by {@linkcode checkGoldenCase}, and for a case that fails, the file
 * that recording its actual result would write. Writing is left to the caller's file system.
 *
 * @module
 */

import { generateJwks } from "../keys/generate_jwks.ts";
import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import { checkGoldenCase, type GoldenCase, type GoldenCaseOptions, type GoldenCheck } from "./golden_case.ts";

/** What `--update` would write for a failing case. */
export interface GoldenRecording {
  /** The expected file to write: `<case>.claims.json`, or `<case>.error.json` when tokenization fails. */
  file: string;
  /** Its content: the claims, or Ory's error body, as indented JSON with a final newline. */
  content: string;
  /** The other expected file, which would contradict the new one: delete it. */
  stale?: string;
  /** A line saying what was recorded. */
  summary: string;
}

/** How a case went. */
export interface GoldenResult {
  name: string;
  status: "passed" | "failed";
  /** The expected file the case was checked against (or would be recorded into). */
  file: string;
  /** Why it failed: diff lines and messages; empty when it passed. */
  details: string[];
  /** The check itself (the actual claims or Ory's error). */
  check: GoldenCheck;
  /** What recording the actual result would write; absent for a passing or a broken case. */
  recording?: GoldenRecording;
}

/** Options of {@linkcode runGoldenCases}: {@linkcode GoldenCaseOptions}, the key set optional. */
export interface GoldenRunOptions extends Omit<GoldenCaseOptions, "jwksUrl"> {
  /** The key set behind every case; default a fresh ES256 set (claims never depend on the key). */
  jwksUrl?: string | undefined;
  /** Stops before the next case. */
  signal?: AbortSignal | undefined;
}

/**
 * A throwaway key set as a `base64://` URL: golden cases compare claims, so any key signs them.
 *
 * @returns a URL for {@linkcode GoldenCaseOptions.jwksUrl}.
 */
export async function goldenKeySetUrl(): Promise<string> {
  return `base64://${btoa(JSON.stringify(await generateJwks({ alg: "ES256" })))}`;
}

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * What recording a case's actual result writes, or undefined when it passed or recording cannot fix it.
 *
 * @param entry the case.
 * @param check its check.
 * @param testsDir the `tests` folder's path.
 */
export function goldenRecording(entry: GoldenCase, check: GoldenCheck, testsDir: string): GoldenRecording | undefined {
  if (check.problems.length === 0 || !check.recordable) return undefined;
  const stem = `${testsDir}/${entry.name}`;
  const failure = check.failure;
  const stale = failure === undefined ? entry.error : entry.claims;
  return {
    file: failure === undefined ? `${stem}.claims.json` : `${stem}.error.json`,
    content: pretty(failure === undefined ? check.claims : failure.toOryBody()),
    ...(stale === undefined ? {} : { stale }),
    summary: `recorded ${failure === undefined ? "claims" : `error: ${failure.reason}`}`,
  };
}

/**
 * Checks golden cases one after another, all signed by one key set.
 *
 * @param cases from {@linkcode goldenCases}.
 * @param options where the files are, how to read them, the default TTL.
 * @param host the runtime's default evaluator and signer; the package's `runGoldenCases` passes its own.
 * @returns one result per case, in order.
 * @throws {DOMException} `AbortError` when `signal` aborts between cases.
 */
export async function runGoldenCases(
  cases: readonly GoldenCase[],
  options: GoldenRunOptions,
  host: RuntimeHost,
): Promise<GoldenResult[]> {
  const { signal, jwksUrl, ...rest } = options;
  const caseOptions: GoldenCaseOptions = { ...rest, jwksUrl: jwksUrl ?? await goldenKeySetUrl() };
  const results: GoldenResult[] = [];
  for (const entry of cases) {
    signal?.throwIfAborted();
    const check = await checkGoldenCase(entry, caseOptions, host);
    const recording = goldenRecording(entry, check, options.testsDir);
    results.push({
      name: entry.name,
      status: check.problems.length === 0 ? "passed" : "failed",
      file: check.file,
      details: check.problems,
      check,
      ...(recording === undefined ? {} : { recording }),
    });
  }
  return results;
}
