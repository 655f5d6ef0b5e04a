/**
 * Quick fixes where lib suggests one (a misspelt session path, for one): code actions for the
 * findings under the cursor, each one edit.
 *
 * @module
 */

import * as vscode from "vscode";
import { quickFixesAt } from "../logic/editor_diagnostics.ts";
import type { FindingsStore } from "./diagnostics.ts";

function toRange(
  range: {
    start: { line: number; column: number };
    end: { line: number; column: number };
  },
) {
  return new vscode.Range(
    range.start.line,
    range.start.column,
    range.end.line,
    range.end.column,
  );
}

/** Registers the code action provider for mappers. */
export function registerQuickFixes(
  context: vscode.ExtensionContext,
  store: FindingsStore,
): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, range, actionContext) {
      const findings = store.get(document.uri.toString()) ?? [];
      const at = {
        start: { line: range.start.line, column: range.start.character },
        end: { line: range.end.line, column: range.end.character },
      };
      return quickFixesAt(findings, at).map((fix) => {
        const action = new vscode.CodeAction(
          fix.title,
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(
          document.uri,
          toRange(fix.edit.range),
          fix.edit.newText,
        );
        action.diagnostics = actionContext.diagnostics.filter((d) =>
          d.source === "ory-tokenizer" &&
          d.range.isEqual(toRange(fix.diagnosticRange))
        );
        action.isPreferred = true;
        return action;
      });
    },
  };
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      [{ language: "jsonnet" }, { pattern: "**/*.{jsonnet,libsonnet}" }],
      provider,
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}
