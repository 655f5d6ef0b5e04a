/**
 * Lints a claims mapper for Ory's session tokenizer: evaluation errors at the author's line and
 * column, Ory's contract for the output, Ory's sandbox, the differences between Ory's go-jsonnet
 * v0.21.0 and this project's engine, the session paths it reads, and the size of the token it makes.
 *
 * @module
 */

import { defaultClaims, setSubjectClaim } from "../tokenize/default_claims.ts";
import { TokenizerError } from "../errors.ts";
import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import { defaultJsonnetEngine, type JsonnetEvaluator } from "../jsonnet/engine.ts";
import type { Position, Range } from "../jsonnet/engine_error.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { sampleSession, type Session, sessionForMapper } from "../session/session.ts";
import { DEFAULT_TTL, issuerOf } from "../tokenize/tokenizer.ts";
import type { JwkAlg, SubjectSource } from "../types.ts";
import type { Diagnostic, DiagnosticCode } from "./diagnostic.ts";
import type { LintContext } from "./lint_context.ts";
import { lexJsonnet, type Token } from "./jsonnet_lexer.ts";
import { parseJsonnet } from "./jsonnet_parser.ts";
import { sourceText } from "./source_positions.ts";
import { contractDiagnostics } from "./rule_contract.ts";
import { engineDifferenceDiagnostics } from "./rule_engine_differences.ts";
import { engineSemanticsDiagnostics } from "./rule_engine_semantics.ts";
import { evaluationDiagnostics } from "./rule_evaluation.ts";
import { conversionSites, literalNumberConversions, probeNumberConversions } from "./rule_number_to_string.ts";
import { sandboxDiagnostics } from "./rule_sandbox.ts";
import { sessionPathDiagnostics } from "./rule_session_paths.ts";
import { mergedClaims, tokenSizeDiagnostics } from "./rule_token_size.ts";

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
  /** Evaluates the mapper; the shared in-thread engine by default (pass a sandbox for untrusted input). */
  jsonnet?: JsonnetEvaluator | undefined;
}

/** A `jti` of the right shape: the real one is random, and its value never matters here. */
const LINT_JTI = "00000000-0000-4000-8000-000000000000";

/** Static findings that explain an evaluation error at the same place better than the engine does. */
const EXPLAINS_RUNTIME: ReadonlySet<DiagnosticCode> = new Set([
  "std-missing-in-ory",
  "slice-bounds",
  "in-super",
  "session-path-unknown",
  "claims-path-unknown",
  "import-unavailable",
  "ext-var-unknown",
  "engine-global",
  "std-this-file",
]);

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

/**
 * Lints a Jsonnet claims mapper. Mistakes in the mapper are findings, never exceptions.
 *
 * @param source the mapper's Jsonnet.
 * @param options the session, template settings and engine to check against.
 * @returns findings sorted by position; empty when the mapper is fine.
 * @throws {RangeError} when `options.ttl` is not a Go duration.
 * @example
 * ```ts
 * import { lintClaimsMapper } from "./lint_claims_mapper.ts";
 * const diagnostics = await lintClaimsMapper("local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email } }");
 * const [finding] = diagnostics;
 * if (finding?.code !== "session-path-unknown" || finding.range.start.line !== 1) throw new Error();
 * ```
 */
export async function lintClaimsMapper(source: string, options: LintOptions = {}): Promise<Diagnostic[]> {
  const context = prepare(source);
  const session = options.session ?? sampleSession();
  const found: Diagnostic[] = [];

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
  const claims = defaultClaims(session, issuerOf(options), LINT_JTI, now, ttl);
  try {
    setSubjectClaim(claims, session, options.subjectSource);
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    claims["sub"] = String(session.identity?.id ?? "");
    found.push({
      code: "subject-unavailable",
      severity: "error",
      message: `${error.reason} ${error.detail ?? ""}`.trim(),
      range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    });
  }

  const engine = options.jsonnet ?? defaultJsonnetEngine();
  const filename = options.filename ?? "claims.jsonnet";
  const extCode = { session: JSON.stringify(sessionForMapper(session)), claims: goJsonStringify(claims as JsonValue) };
  const evaluate = (text: string) => engine.evaluate({ source: text, filename, extCode });
  // With conversion sites, the probed copy usually is the one evaluation needed (its result is the
  // mapper's); the mapper itself is evaluated when the copy cannot stand in for it.
  const sites = context.root === undefined ? [] : conversionSites(context.root);
  const probed = sites.length === 0 ? { diagnostics: [] } : await probeNumberConversions(context, sites, evaluate);
  const result = probed.result ?? await evaluate(source);
  const numberFindings = result.ok ? probed.diagnostics : literalNumberConversions(context, sites);

  if (result.ok) {
    found.push(...contractDiagnostics(context, result.value, claims));
    const mapped = isObject(result.value) ? result.value["claims"] : undefined;
    if (isObject(mapped)) {
      found.push(...tokenSizeDiagnostics(context, mergedClaims(claims, mapped), {
        alg: options.alg ?? "ES256",
        budget: options.tokenBudget ?? 4096,
        sessionLabel: options.session === undefined ? "the sample session" : "this session",
      }));
    }
  }
  const staticFindings = [
    ...sandboxDiagnostics(context),
    ...engineDifferenceDiagnostics(context, context.tokens),
    ...engineSemanticsDiagnostics(context),
    ...sessionPathDiagnostics(context),
    ...numberFindings,
  ];
  if (!result.ok) {
    const explained = (d: Diagnostic) =>
      d.code === "jsonnet-runtime" &&
      staticFindings.some((s) => EXPLAINS_RUNTIME.has(s.code) && overlaps(s.range, d.range));
    found.push(...evaluationDiagnostics(context, result.failure).filter((d) => !explained(d)));
  }
  found.push(...staticFindings);
  return found.sort(compareDiagnostics);
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

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
