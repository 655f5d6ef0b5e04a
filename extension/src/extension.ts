/**
 * The desktop entry (`main`): the language server is a Node process over stdio, from the server bundle
 * the extension carries (dist/server/lsp.js, scripts/build_extension.ts).
 *
 * @module
 */

import * as vscode from "vscode";
import { LanguageClient, TransportKind } from "vscode-languageclient/node";
import { activateWith } from "./activate.ts";

/** Wires the features, with the server in a Node process. */
export function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = vscode.Uri.joinPath(context.extensionUri, "dist", "server", "lsp.js").fsPath;
  const server = { module, transport: TransportKind.stdio };
  return activateWith(
    context,
    (id, name, options) => new LanguageClient(id, name, { run: server, debug: server }, options),
  );
}

/** Nothing to stop: the client and every listener are in `context.subscriptions`. */
export function deactivate(): void {}
