/**
 * *Preview Sample JWT*: a panel beside the editor that follows the active mapper live: the token
 * Ory would issue for the sample session, its header and claims with human times and each claim's
 * origin, the verification, the size against common limits, Ory's exact error when it fails, and
 * each target's verdict (`oryTokenizer.targets`) beside the token.
 * The language server evaluates it (`oryTokenizer/preview`: lib's `previewTemplate` with the session
 * and key set the settings name); the panel only renders. A preview for an older version of the
 * mapper is cancelled when a newer one starts, which aborts its evaluation in the server.
 *
 * @module
 */

import * as vscode from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";
import { PreviewRequest, type PreviewResult } from "../../../lib/lsp/protocol.ts";
import { escapeHtml, renderPreviewHtml } from "../logic/preview_html.ts";
import { isMapperDocument } from "./mapper_documents.ts";
import { readSettings } from "./settings.ts";

/** How often, and how far apart, the preview asks again for a document the server does not have yet. */
const OPEN_RETRIES = 10;
const OPEN_RETRY_MS = 300;

function nonce(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** A page that says why there is no preview. */
function messageHtml(message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head>` +
    `<body><p role="alert">${escapeHtml(message)}</p></body></html>`;
}

/** Registers the preview command and keeps the open panel in step with the active mapper. */
export function registerPreview(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
): void {
  let panel: vscode.WebviewPanel | undefined;
  let shown: vscode.TextDocument | undefined;
  let inFlight: vscode.CancellationTokenSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = async (document: vscode.TextDocument) => {
    inFlight?.cancel();
    const cancellation = new vscode.CancellationTokenSource();
    inFlight = cancellation;
    const settings = readSettings(document.uri);
    const filename = document.uri.path.split("/").pop() ?? "claims.jsonnet";
    let result: PreviewResult | null = null;
    try {
      const params = { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } };
      // `null` while the server has not yet been told the document is open (a panel opened as the
      // extension starts): ask again shortly.
      for (let attempt = 0; attempt < OPEN_RETRIES && result === null; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, OPEN_RETRY_MS));
        if (inFlight !== cancellation) return;
        result = await client.sendRequest(PreviewRequest, params, cancellation.token);
      }
    } catch (error) {
      if (inFlight !== cancellation || panel === undefined) return; // a newer edit is previewed
      panel.webview.html = messageHtml(error instanceof Error ? error.message : String(error));
      return;
    } finally {
      cancellation.dispose();
    }
    if (inFlight !== cancellation || panel === undefined) return;
    panel.title = `Sample JWT: ${filename}`;
    if (result === null) {
      panel.webview.html = messageHtml(
        `The language server has not been told that ${filename} is open (is its language Jsonnet?): nothing to preview.`,
      );
      return;
    }
    panel.webview.html = renderPreviewHtml(result.preview, {
      mapper: filename,
      session: result.sessionOrigin,
      keys: result.keySetOrigin,
      issuer: settings.issuer,
      ttl: settings.ttl,
      nonce: nonce(),
      ...(result.problems.length === 0 ? {} : { problems: result.problems }),
      ...(result.targetsNote === undefined ? {} : { targetsNote: result.targetsNote }),
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
      if (!event.affectsConfiguration("oryTokenizer") || shown === undefined) return;
      // After the client has told the server, which then reads the settings' files again.
      const document = shown;
      clearTimeout(timer);
      timer = setTimeout(() => void render(document), readSettings(document.uri).debounceMs);
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
