/**
 * The Jsonnet evaluator of the extension host's own features (the Test Explorer's golden tests; the
 * language server has its own): lib's sandbox (Ory's 1 s and 256 KiB limits) with the engine binary
 * and the worker script read from the extension's `dist/server/`, the language server's folder, so
 * evaluation runs off the extension host's thread. Desktop hosts start a `worker_threads` worker; the web host (itself a
 * Web Worker) starts a module Worker from a Blob of the script, since its files are not served from
 * the host's origin. Where no worker starts, lib evaluates in-thread, still stopped at 1 s.
 *
 * @module
 */

import * as vscode from "vscode";
import {
  createSandboxedJsonnet,
  type JsonnetSandbox,
  nodeWorkerSpawner,
  type SpawnWorker,
  webWorkerSpawner,
} from "../../../lib/entries/jsonnet.ts";

declare const require: ((id: string) => unknown) | undefined;
declare const process: unknown;

async function webSpawner(
  extensionUri: vscode.Uri,
): Promise<SpawnWorker | null> {
  if (typeof Worker === "undefined") return null;
  const script = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(extensionUri, "dist", "server", "jsonnet_worker.js"),
  );
  const url = URL.createObjectURL(
    new Blob([new TextDecoder().decode(script)], { type: "text/javascript" }),
  );
  return webWorkerSpawner(new URL(url));
}

function nodeSpawner(extensionUri: vscode.Uri): SpawnWorker | null {
  const threads = require?.("node:worker_threads") as {
    Worker: Parameters<typeof nodeWorkerSpawner>[0];
  };
  // An ES module: dist/server/'s package.json says "type": "module" (the extension's does not).
  const script = new URL(
    vscode.Uri.joinPath(extensionUri, "dist", "server", "jsonnet_worker.js").toString(),
  );
  return nodeWorkerSpawner(threads.Worker, script);
}

/**
 * Creates the sandbox for this extension host.
 *
 * @param context the extension's context: where its files are, and where the sandbox is closed.
 */
export async function createJsonnetRuntime(
  context: vscode.ExtensionContext,
): Promise<JsonnetSandbox> {
  const wasm = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(context.extensionUri, "dist", "server", "jsonnet.wasm"),
  );
  const desktop = typeof require === "function" && typeof process === "object";
  let spawn: SpawnWorker | null;
  try {
    spawn = desktop ? nodeSpawner(context.extensionUri) : await webSpawner(context.extensionUri);
  } catch {
    spawn = null; // lib then evaluates in-thread, still with Ory's 1 s limit
  }
  const sandbox = createSandboxedJsonnet({ wasm, spawn });
  context.subscriptions.push({ dispose: () => sandbox.close() });
  return sandbox;
}
