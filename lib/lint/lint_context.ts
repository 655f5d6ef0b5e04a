/**
 * What every lint rule receives: the source with its positions and, when the linter's parser
 * understood it, the syntax tree.
 *
 * @module
 */

import type { Range } from "../types.ts";
import type { Node, Span } from "../jsonnet/jsonnet_ast.ts";
import type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from "./diagnostic.ts";
import { rangeOf, type SourceText } from "./source_positions.ts";

/** The input of the rules. */
export interface LintContext {
  source: SourceText;
  /** The syntax tree; absent when the source does not parse (the engine reports why). */
  root: Node | undefined;
}

/** Builds a diagnostic at a span or range. */
export function diagnostic(
  context: LintContext,
  code: DiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
  at: Span | Range,
  extra: Pick<Diagnostic, "relatedRange" | "fix"> = {},
): Diagnostic {
  const range = "start" in at && typeof at.start === "number" ? rangeOf(context.source, at as Span) : at as Range;
  return { code, severity, message, range, ...extra };
}
