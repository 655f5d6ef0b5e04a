/**
 * Diagnostics on claims mappers as you type: each change is linted by lib (`lintClaimsMapper`)
 * after a debounce, in the sandbox, against the sample session from settings, and lib's findings
 * replace the document's diagnostics at lib's exact ranges. A result for an older version of the
 * document is dropped.
 *
 * @module
 */

import * as vscode from "vscode";
import { type Diagnostic, lintClaimsMapper } from "../../../lib/entries/lint.ts";
import type { JsonnetEvaluator } from "../../../lib/mod.ts";
import { type EditorDiagnostic, toEditorDiagnostics } from "../logic/editor_diagnostics.ts";
import { isClaimsMapper } from "../logic/mapper_selector.ts";
import { loadSession, readSettings, reportSettingProblem } from "./settings.ts";

/** The latest findings per document, for quick fixes. */
export type FindingsStore = Map<string, Diagnostic[]>;

function toVscode(
  diagnostic: EditorDiagnostic,
  uri: vscode.Uri,
): vscode.Diagnostic {
  const range = (r: EditorDiagnostic["range"]) =>
    new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
  const result = new vscode.Diagnostic(
    range(diagnostic.range),
    diagnostic.message,
    diagnostic.severity,
  );
  result.source = diagnostic.source;
  result.code = {
    value: diagnostic.code.value,
    target: vscode.Uri.parse(diagnostic.code.target),
  };
  if (diagnostic.relatedRange !== undefined) {
    result.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(uri, range(diagnostic.relatedRange)),
        "related",
      ),
    ];
  }
  return result;
}

/** Whether the extension handles this document. */
export function isMapperDocument(document: vscode.TextDocument): boolean {
  if (
    document.uri.scheme === "output" ||
    document.uri.scheme === "vscode-settings"
  ) return false;
  const path = vscode.workspace.asRelativePath(document.uri, false);
  return isClaimsMapper(
    path,
    document.getText(),
    readSettings(document.uri).mapperPatterns,
  );
}

/**
 * Lints one document now, without the debounce.
 *
 * @returns lib's findings, or undefined when the document changed meanwhile.
 */
export async function lintDocument(
  document: vscode.TextDocument,
  jsonnet: JsonnetEvaluator,
): Promise<Diagnostic[] | undefined> {
  const version = document.version;
  const settings = readSettings(document.uri);
  const session = await loadSession(document.uri);
  if (session.problem !== undefined) {
    reportSettingProblem("sampleSession", session.problem);
  }
  const findings = await lintClaimsMapper(document.getText(), {
    session: session.value,
    filename: document.uri.path.split("/").pop(),
    issuer: settings.issuer,
    ttl: /^\s*$/.test(settings.ttl) ? undefined : settings.ttl,
    jsonnet,
  }).catch((error: unknown) => {
    // Only a broken setting (a ttl that is not a Go duration) throws: say which.
    reportSettingProblem(
      "ttl",
      `Cannot lint with the ttl setting: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  });
  return document.version === version ? findings : undefined;
}

/**
 * Registers the diagnostics.
 *
 * @param context where disposables go.
 * @param jsonnet the shared sandbox.
 * @param store receives each document's findings, for the quick fixes.
 */
export function registerDiagnostics(
  context: vscode.ExtensionContext,
  jsonnet: JsonnetEvaluator,
  store: FindingsStore,
): void {
  const collection = vscode.languages.createDiagnosticCollection(
    "ory-tokenizer",
  );
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = async (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    if (!isMapperDocument(document)) {
      collection.delete(document.uri);
      store.delete(key);
      return;
    }
    const findings = await lintDocument(document, jsonnet);
    if (findings === undefined || document.isClosed) return;
    store.set(key, findings);
    collection.set(
      document.uri,
      toEditorDiagnostics(findings).map((d) => toVscode(d, document.uri)),
    );
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(
        () => void refresh(document),
        readSettings(document.uri).debounceMs,
      ),
    );
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument((document) => void refresh(document)),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      collection.delete(document.uri);
      store.delete(document.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("oryTokenizer")) {
        vscode.workspace.textDocuments.forEach((d) => void refresh(d));
      }
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  vscode.workspace.textDocuments.forEach((document) => void refresh(document));
}
