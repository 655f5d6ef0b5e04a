/**
 * Evaluation failures (syntax, runtime, limits) as diagnostics at the user's own line and column. The
 * engine does not locate every runtime error (a missing field, for one); those are placed at the
 * expression that most likely caused them.
 *
 * @module
 */

import type { JsonnetFailure } from "../jsonnet/engine_error.ts";
import type { Range } from "../types.ts";
import { ORY_FAILURES } from "../errors.ts";
import { forEachNode, type Node, type Span } from "../jsonnet/jsonnet_ast.ts";
import { type FieldLocation, findField, resultExpression } from "./output_locator.ts";
import type { Diagnostic, DiagnosticCode } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { stringLiteral } from "./std_reference.ts";
import { offsetAt, positionAt, type SourceText, utf16Column } from "./source_positions.ts";

const CODES: Record<JsonnetFailure["kind"], DiagnosticCode> = {
  syntax: "jsonnet-syntax",
  runtime: "jsonnet-runtime",
  import: "jsonnet-runtime",
  timeout: "jsonnet-limit",
  "output-limit": "jsonnet-limit",
  crash: "jsonnet-crash",
};

/** The engine counts columns in code points; LSP in UTF-16 code units. */
function toUtf16(source: SourceText, range: Range): Range {
  return {
    start: { line: range.start.line, column: utf16Column(source, range.start.line, range.start.column) },
    end: { line: range.end.line, column: utf16Column(source, range.end.line, range.end.column) },
  };
}

/**
 * The engine's range, matched to the expression it names. For an expression over several lines the
 * engine prints the start line with the column where the expression ends on its last line.
 */
function refine(context: LintContext, range: Range): Range | Span {
  const root = context.root;
  if (root === undefined) return range;
  const start = offsetAt(context.source, range.start);
  const end = offsetAt(context.source, range.end);
  let exact: Span | undefined;
  let startsHere = false;
  let spanning: Span | undefined;
  forEachNode(root, (node) => {
    if (node.start === start) {
      startsHere = true;
      if (node.end === end) exact ??= node;
      return;
    }
    if (spanning !== undefined || positionAt(context.source, node.start).line !== range.start.line) return;
    const last = positionAt(context.source, node.end);
    if (last.line > range.start.line && last.column === range.start.column) spanning = node;
  });
  if (exact !== undefined) return exact;
  return startsHere ? range : spanning ?? range;
}

/** The output field the engine was writing, from its stack (`field <x> manifestification`, innermost first). */
function fieldBeingWritten(context: LintContext, trace: readonly string[]): Span | undefined {
  const root = context.root;
  if (root === undefined) return undefined;
  const path = trace.flatMap((frame) => /^field <(.*)> manifestification$/.exec(frame)?.[1] ?? []).reverse();
  const { node, locals } = resultExpression(root);
  let found: FieldLocation | undefined;
  let within: Node = node;
  for (const name of path) {
    const field = findField(within, name, locals);
    if (field === undefined) break;
    found = field;
    within = field.value;
  }
  return found?.key;
}

/** Where an unlocated runtime error most likely comes from. */
function guessSpan(context: LintContext, message: string): Span | undefined {
  const root = context.root;
  if (root === undefined) return undefined;
  let found: Span | undefined;
  // jrsonnet's words for reading a member that is not there.
  const missing = /(?:no such field: |index array with string )(.+)$/.exec(message)?.[1];
  const thrown = /^runtime error: (.*)$/.exec(message)?.[1];
  forEachNode(root, (node) => {
    if (found !== undefined) return;
    if (missing !== undefined && node.kind === "index" && node.name === missing && node.nameSpan) found = node.nameSpan;
    if (thrown !== undefined && node.kind === "error" && stringLiteral(node.expr) === thrown) found = node;
  });
  return found;
}

/** The diagnostic for a failed evaluation. */
export function evaluationDiagnostics(context: LintContext, failure: JsonnetFailure): Diagnostic[] {
  const code = CODES[failure.kind];
  const at = failure.range === undefined
    ? guessSpan(context, failure.message) ?? fieldBeingWritten(context, failure.trace ?? []) ?? { start: 0, end: 0 }
    : refine(context, toUtf16(context.source, failure.range));
  return [
    diagnostic(
      context,
      code,
      "error",
      `${failure.message} (Ory answers ${ORY_FAILURES.ERR_JSONNET.status} ${ORY_FAILURES.ERR_JSONNET.reason})`,
      at,
    ),
  ];
}
