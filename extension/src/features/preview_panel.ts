/**
 * *Preview Sample JWT*: a panel beside the editor that follows the active mapper live: the token
 * Ory would issue for the sample session, its header and claims with human times and each claim's
 * origin, the verification, the size against common limits, and Ory's exact error when it fails.
 * The content is lib's `previewTemplate` (one evaluation for findings, claims, token and error); a
 * preview for an older version of the mapper is aborted when a newer one starts, so its evaluation
 * is dropped from the sandbox's queue or stopped.
 *
 * @module
 */

import * as vscode from "vscode";
import type { JsonnetEvaluator } from "../../../lib/mod.ts";
import { previewTemplate } from "../../../lib/entries/lint.ts";
import { renderPreviewHtml } from "../logic/preview_html.ts";
import { isMapperDocument } from "./diagnostics.ts";
import { loadKeySet, loadSession, readSettings, reportSettingProblem } from "./settings.ts";

function nonce(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** Registers the preview command and keeps the open panel in step with the active mapper. */
export function registerPreview(
  context: vscode.ExtensionContext,
  jsonnet: JsonnetEvaluator,
): void {
  let panel: vscode.WebviewPanel | undefined;
  let shown: vscode.TextDocument | undefined;
  let inFlight: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = async (document: vscode.TextDocument) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const settings = readSettings(document.uri);
    const [session, keys] = await Promise.all([
      loadSession(document.uri),
      loadKeySet(document.uri),
    ]);
    if (session.problem !== undefined) {
      reportSettingProblem("sampleSession", session.problem);
    }
    if (keys.problem !== undefined) {
      reportSettingProblem("keySet", keys.problem);
    }
    const filename = document.uri.path.split("/").pop() ?? "claims.jsonnet";
    if (controller.signal.aborted) return; // a newer edit started while the settings were read
    let content;
    try {
      content = await previewTemplate({
        claimsMapper: document.getText(),
        jwks: keys.value,
        session: session.value,
        issuer: settings.issuer,
        ttl: settings.ttl,
        filename,
      }, { jsonnet, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return; // a newer edit is being previewed
      throw error;
    }
    if (controller.signal.aborted || panel === undefined) return;
    const problems = [session.problem, keys.problem].filter((p): p is string => p !== undefined);
    panel.title = `Sample JWT: ${filename}`;
    panel.webview.html = renderPreviewHtml(content, {
      mapper: filename,
      session: session.origin,
      keys: keys.origin,
      issuer: settings.issuer,
      ttl: settings.ttl,
      nonce: nonce(),
      ...(problems.length === 0 ? {} : { problems }),
    });
  };

  const follow = (document: vscode.TextDocument | undefined) => {
    if (
      panel === undefined || document === undefined ||
      !isMapperDocument(document)
    ) return;
    shown = document;
    void render(document);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand("oryTokenizer.previewSampleJwt", () => {
      const document = vscode.window.activeTextEditor?.document ?? shown;
      if (document === undefined || !isMapperDocument(document)) {
        void vscode.window.showInformationMessage(
          "Open a claims mapper (a .jsonnet file reading std.extVar('session')) to preview its token.",
        );
        return;
      }
      if (panel === undefined) {
        panel = vscode.window.createWebviewPanel(
          "oryTokenizer.preview",
          "Sample JWT",
          {
            viewColumn: vscode.ViewColumn.Beside,
            preserveFocus: true,
          },
          { enableScripts: false, localResourceRoots: [] },
        );
        panel.onDidDispose(
          () => (panel = undefined),
          undefined,
          context.subscriptions,
        );
      } else {
        panel.reveal(vscode.ViewColumn.Beside, true);
      }
      follow(document);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => follow(editor?.document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (panel === undefined || event.document !== shown) return;
      clearTimeout(timer);
      timer = setTimeout(
        () => void render(event.document),
        readSettings(event.document.uri).debounceMs,
      );
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("oryTokenizer") && shown !== undefined) {
        void render(shown);
      }
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
