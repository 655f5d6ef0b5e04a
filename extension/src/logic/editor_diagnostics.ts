/**
 * lib's lint findings in the shape VS Code's `Diagnostic` and `CodeAction` take, as plain data: the
 * glue only calls constructors, so everything that decides a range, a severity or a link is tested
 * without VS Code.
 *
 * @module
 */

import type { Diagnostic, DiagnosticSeverity } from "../../../lib/entries/lint.ts";
import type { Range } from "../../../lib/mod.ts";

/** VS Code's `DiagnosticSeverity` values (Error = 0, Warning = 1, Information = 2). */
export const EDITOR_SEVERITY: Readonly<Record<DiagnosticSeverity, 0 | 1 | 2>> = {
  error: 0,
  warning: 1,
  information: 2,
};

/** Where each rule is documented: an anchor per code in the repository's docs. */
export const RULES_DOCUMENTATION = "https://github.com/ory-tokenizer/ory-tokenizer/blob/main/docs/lint-rules.md";

/** What the diagnostics glue builds one `vscode.Diagnostic` from. */
export interface EditorDiagnostic {
  range: Range;
  severity: 0 | 1 | 2;
  message: string;
  source: "ory-tokenizer";
  /** The code, linked to its rule's documentation. */
  code: { value: string; target: string };
  relatedRange?: Range;
}

/** What the quick-fix glue builds one `vscode.CodeAction` from. */
export interface EditorQuickFix {
  title: string;
  /** The finding the fix resolves (VS Code shows fixes for the diagnostics under the cursor). */
  diagnosticRange: Range;
  code: string;
  edit: { range: Range; newText: string };
}

/**
 * Converts lib's findings, keeping lib's exact ranges (both are zero-based, end exclusive, UTF-16).
 *
 * @param diagnostics what {@linkcode lintClaimsMapper} returned.
 * @returns one editor diagnostic per finding, in lib's order.
 */
export function toEditorDiagnostics(
  diagnostics: readonly Diagnostic[],
): EditorDiagnostic[] {
  return diagnostics.map((diagnostic) => ({
    range: diagnostic.range,
    severity: EDITOR_SEVERITY[diagnostic.severity],
    message: diagnostic.message,
    source: "ory-tokenizer",
    code: {
      value: diagnostic.code,
      target: `${RULES_DOCUMENTATION}#${diagnostic.code}`,
    },
    ...(diagnostic.relatedRange === undefined ? {} : { relatedRange: diagnostic.relatedRange }),
  }));
}

/**
 * The quick fixes lib suggests that touch a given range (the cursor or a selection).
 *
 * @param diagnostics the document's current findings.
 * @param range what the editor asks fixes for.
 */
export function quickFixesAt(
  diagnostics: readonly Diagnostic[],
  range: Range,
): EditorQuickFix[] {
  return diagnostics.flatMap((diagnostic) =>
    diagnostic.fix !== undefined && rangesTouch(diagnostic.range, range)
      ? [{
        title: diagnostic.fix.title,
        diagnosticRange: diagnostic.range,
        code: diagnostic.code,
        edit: { range: diagnostic.fix.range, newText: diagnostic.fix.newText },
      }]
      : []
  );
}

function before(a: Range["start"], b: Range["start"]): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Whether two ranges overlap or one ends where the other starts (a cursor at a word's end). */
export function rangesTouch(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
