/**
 * The web entry (`browser`, VS Code for the Web): the language server runs in a Worker started from the
 * server bundle the extension carries (dist/lsp_worker.js, scripts/build_extension.ts). VS Code's
 * worker extension host starts it as a classic script, so the bundle is one.
 *
 * @module
 */

import * as vscode from "vscode";
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from "vscode-languageclient/browser";
import { activateWith } from "./activate.ts";

/** Wires the features, with the server in a Worker. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const script = vscode.Uri.joinPath(context.extensionUri, "dist", "lsp_worker.js").toString(true);
  let worker: Worker | undefined;
  // A fresh Worker at each (re)start; the client never ends one itself. The transports, not the Worker:
  // the client tells a Worker by `instanceof Worker`, which VS Code's own replacement of `Worker` fails.
  const startWorker = () => {
    worker?.terminate();
    worker = new Worker(script);
    return Promise.resolve({ reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) });
  };
  await activateWith(context, (id, name, options) => new LanguageClient(id, name, startWorker, options));
  // After the client's own disposal, which asks the server to shut down.
  context.subscriptions.push({ dispose: () => worker?.terminate() });
}

/** Nothing to stop: the client, its Worker and every listener are in `context.subscriptions`. */
export function deactivate(): void {}
