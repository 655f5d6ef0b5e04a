/**
 * Lints a claims mapper for Ory's session tokenizer: evaluation errors at the author's line and
 * column, Ory's contract for the output, Ory's sandbox, the differences between Ory's go-jsonnet
 * v0.21.0 and this project's engine, the session paths it reads, and the size of the token it makes.
 *
 * @module
 */

import { defaultClaims, setSubjectClaim } from "../tokenize/default_claims.ts";
import { TokenizerError } from "../errors.ts";
import type { JsonnetEvaluator, JsonnetResult } from "../jsonnet/engine.ts";
import type { Position, Range } from "../types.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { sampleSession, type Session } from "../session/session.ts";
import { type ClaimsEvaluation, evaluateClaims } from "../tokenize/evaluate_claims.ts";
import { DEFAULT_TTL, issuerOf } from "../tokenize/tokenizer.ts";
import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import type { Claims, JwkAlg, SubjectSource } from "../types.ts";
import type { Diagnostic, DiagnosticCode } from "./diagnostic.ts";
import type { LintContext } from "./lint_context.ts";
import { lexJsonnet, type Token } from "../jsonnet/jsonnet_lexer.ts";
import { parseJsonnet } from "../jsonnet/jsonnet_parser.ts";
import { sourceText } from "./source_positions.ts";
import { contractDiagnostics } from "./rule_contract.ts";
import { engineDifferenceDiagnostics } from "./rule_engine_differences.ts";
import { engineSemanticsDiagnostics } from "./rule_engine_semantics.ts";
import { evaluationDiagnostics } from "./rule_evaluation.ts";
import {
  conversionSites,
  literalNumberConversions,
  probeNumberConversions,
  type ProbeOutcome,
} from "./rule_number_to_string.ts";
import { sandboxDiagnostics } from "./rule_sandbox.ts";
import { sessionPathDiagnostics } from "./rule_session_paths.ts";
import { tokenSizeDiagnostics } from "./rule_token_size.ts";

/** What {@linkcode lintClaimsMapper} checks the mapper against; everything has a default. */
export interface LintOptions {
  /** The session to evaluate with; {@linkcode sampleSession}() by default. */
  session?: Session | undefined;
  /** The name evaluation messages use; `claims.jsonnet` by default. */
  filename?: string | undefined;
  /** The `iss` default claim (Kratos's `serve.public.base_url`); `http://localhost:4433/` by default. */
  issuer?: string | undefined;
  /** An Ory Network project slug, instead of `issuer`. */
  projectSlug?: string | undefined;
  /** The template's TTL, a Go duration; `10m` by default. */
  ttl?: string | undefined;
  /** The template's `subject_source`; `id` by default. */
  subjectSource?: SubjectSource | undefined;
  /** The clock for the default claims; now by default. */
  now?: number | Date | undefined;
  /** The signing algorithm, for the token size; `ES256` by default. */
  alg?: JwkAlg | undefined;
  /** The largest acceptable compact token in bytes; 4096 (cookies, common header limits) by default. */
  tokenBudget?: number | undefined;
  /** Evaluates the mapper; by default the sandbox `Tokenizer` uses too (`defaultJsonnetSandbox()`). */
  jsonnet?: JsonnetEvaluator | undefined;
  /** Drops the lint: it rejects with `signal.reason`, and its evaluation is dropped or stopped. */
  signal?: AbortSignal | undefined;
}

/** What one lint run checks against, once its options are resolved. */
export interface MapperCheck {
  session: Session;
  /** Kratos's default claims with `sub` set: the `claims` ext code. */
  defaults: Claims;
  subjectSource: SubjectSource | "" | undefined;
  filename: string;
  jsonnet: JsonnetEvaluator;
  signal: AbortSignal | undefined;
  alg: JwkAlg;
  tokenBudget: number;
  /** How the token size finding names the session. */
  sessionLabel: string;
}

/** The findings and the evaluation they came from, which is also the one Ory's claims come from. */
export interface MapperAnalysis {
  diagnostics: Diagnostic[];
  evaluation: ClaimsEvaluation;
}

/** A `jti` of the right shape: the real one is random, and its value never matters here. */
const LINT_JTI = "00000000-0000-4000-8000-000000000000";

/** Static findings that explain an evaluation error at the same place better than the engine does. */
const EXPLAINS_RUNTIME: ReadonlySet<DiagnosticCode> = new Set([
  "std-missing-in-ory",
  "in-super",
  "session-path-unknown",
  "claims-path-unknown",
  "import-unavailable",
  "ext-var-unknown",
  "engine-global",
  "std-this-file",
  "negative-index",
  "bitwise-out-of-range",
]);

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

/**
 * Lints a Jsonnet claims mapper. Mistakes in the mapper are findings, never exceptions.
 *
 * @param source the mapper's Jsonnet.
 * @param options the session, template settings and engine to check against.
 * @param host the runtime's default evaluator; the package's `lintClaimsMapper` passes its own.
 * @returns findings sorted by position; empty when the mapper is fine.
 * @throws {RangeError} when `options.ttl` is not a Go duration.
 */
export async function lintClaimsMapper(
  source: string,
  options: LintOptions,
  host: Pick<RuntimeHost, "defaultJsonnet">,
): Promise<Diagnostic[]> {
  const session = options.session ?? sampleSession();
  let ttl: bigint;
  try {
    ttl = parseDurationNanos(options.ttl ?? DEFAULT_TTL);
  } catch (error) {
    throw new RangeError(`Cannot lint with ttl ${JSON.stringify(options.ttl)}: it is not a Go duration`, {
      cause: error,
    });
  }
  const now = options.now === undefined
    ? Date.now()
    : typeof options.now === "number"
    ? options.now
    : options.now.getTime();
  const defaults = defaultClaims(session, issuerOf(options), LINT_JTI, now, ttl);
  let subjectSource = options.subjectSource;
  const found: Diagnostic[] = [];
  try {
    setSubjectClaim(defaults, session, subjectSource);
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    // Ory stops here; the mapper is still checked, with the identity's id as its subject.
    subjectSource = "id";
    setSubjectClaim(defaults, session, subjectSource);
    found.push({
      code: "subject-unavailable",
      severity: "error",
      message: `${error.reason} ${error.detail ?? ""}`.trim(),
      range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    });
  }
  const { diagnostics } = await analyzeClaimsMapper(source, {
    session,
    defaults,
    subjectSource,
    filename: options.filename ?? "claims.jsonnet",
    jsonnet: options.jsonnet ?? host.defaultJsonnet(),
    signal: options.signal,
    alg: options.alg ?? "ES256",
    tokenBudget: options.tokenBudget ?? 4096,
    sessionLabel: options.session === undefined ? "the sample session" : "this session",
  });
  return [...found, ...diagnostics].sort(compareDiagnostics);
}

/**
 * Lints a mapper and runs Ory's claims pipeline from one evaluation: the result the output rules
 * read is the one the claims are merged from.
 *
 * @returns findings sorted by position, and the pipeline's outcome.
 */
export async function analyzeClaimsMapper(source: string, check: MapperCheck): Promise<MapperAnalysis> {
  const context = prepare(source);
  const found: Diagnostic[] = [];
  // With conversion sites, the probed copy usually is the one evaluation needed (its result is the
  // mapper's); the mapper itself is evaluated when the copy cannot stand in for it.
  const sites = context.root === undefined ? [] : conversionSites(context.root);
  let probed: ProbeOutcome = { diagnostics: [] };
  const evaluation = await evaluateClaims({
    session: check.session,
    defaults: check.defaults,
    subjectSource: check.subjectSource,
    source,
    filename: check.filename,
    jsonnet: check.jsonnet,
    signal: check.signal,
    evaluate: async (request) => {
      const evaluate = (text: string) => check.jsonnet.evaluate({ ...request, source: text }, { signal: check.signal });
      if (sites.length > 0) probed = await probeNumberConversions(context, sites, evaluate);
      return probed.result ?? await evaluate(source);
    },
  });
  const result: JsonnetResult | undefined = evaluation.ok
    ? { ok: true, output: "", value: evaluation.output }
    : evaluation.result;
  const numberFindings = result?.ok ? probed.diagnostics : literalNumberConversions(context, sites);

  if (result?.ok) found.push(...contractDiagnostics(context, result.value, check.defaults));
  if (evaluation.ok) {
    found.push(...tokenSizeDiagnostics(context, evaluation.claims, {
      alg: check.alg,
      budget: check.tokenBudget,
      sessionLabel: check.sessionLabel,
    }));
  }
  const staticFindings = [
    ...sandboxDiagnostics(context),
    ...engineDifferenceDiagnostics(context, context.tokens),
    ...engineSemanticsDiagnostics(context),
    ...sessionPathDiagnostics(context),
    ...numberFindings,
  ];
  if (result !== undefined && !result.ok) {
    const explained = (d: Diagnostic) =>
      d.code === "jsonnet-runtime" &&
      staticFindings.some((s) => EXPLAINS_RUNTIME.has(s.code) && overlaps(s.range, d.range));
    found.push(...evaluationDiagnostics(context, result.failure).filter((d) => !explained(d)));
  }
  found.push(...staticFindings);
  return { diagnostics: found.sort(compareDiagnostics), evaluation };
}

function prepare(source: string): LintContext & { tokens: Token[] | undefined } {
  const text = sourceText(source);
  try {
    const { root, tokens } = parseJsonnet(source);
    return { source: text, root, tokens };
  } catch {
    // The engine reports the syntax error; only token-level rules can still run.
    try {
      return { source: text, root: undefined, tokens: lexJsonnet(source) };
    } catch {
      return { source: text, root: undefined, tokens: undefined };
    }
  }
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Whether two ranges share a character, or start at the same place (an unlocated error has no width). */
function overlaps(a: Range, b: Range): boolean {
  const same = a.start.line === b.start.line && a.start.column === b.start.column;
  return same || (before(a.start, b.end) && before(b.start, a.end));
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}
