/**
 * The client of ory-tokenizer's language server (lib/lsp/), shared by the desktop entry (a Node process
 * over stdio) and the web entry (a Worker): diagnostics, quick fixes, completion and hover are the
 * server's, and so is the preview's evaluation (`oryTokenizer/preview`, preview_panel.ts). What the
 * client adds is VS Code's: the settings it answers `workspace/configuration` with (the `oryTokenizer`
 * section plus the workspace's trust), the settings' files read through VS Code's file system for a
 * server that has none (`oryTokenizer/readFile`: the web's Worker; never in an untrusted workspace),
 * and bounded restarts. Which documents are mappers the server decides (`oryTokenizer.mapperPatterns`).
 *
 * @module
 */

import * as vscode from "vscode";
import {
  type BaseLanguageClient,
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type LanguageClientOptions,
  LSPErrorCodes,
  ResponseError,
} from "vscode-languageclient";
import {
  type InitializationOptions,
  ReadFileRequest,
  type ReadFileResult,
  SETTINGS_SECTION,
} from "../../../lib/lsp/protocol.ts";
import { RestartBudget, restartMessage } from "../logic/restart_policy.ts";

/** Makes the runtime's client (`vscode-languageclient/node` or `/browser`) from the shared options. */
export type CreateClient = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

/** The client's id (its output channel and trace setting) and name. */
const CLIENT_ID = "oryTokenizer";
const CLIENT_NAME = "Ory Tokenizer Language Server";

/** The largest settings file the client sends: the server's own bound. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Answers `oryTokenizer/readFile` through VS Code's file system; nothing in an untrusted workspace. */
async function readFileForServer(uri: string): Promise<ReadFileResult | null> {
  if (!vscode.workspace.isTrusted) {
    throw new ResponseError(LSPErrorCodes.RequestFailed, "the workspace is not trusted");
  }
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === "FileNotFound") return null;
    throw new ResponseError(LSPErrorCodes.RequestFailed, error instanceof Error ? error.message : String(error));
  }
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new ResponseError(LSPErrorCodes.RequestFailed, `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
  }
  return { text: new TextDecoder().decode(bytes) };
}

/**
 * Starts the language client, and stops it with the extension.
 *
 * @param context where the client and its listeners are disposed of.
 * @param create the runtime's client.
 * @returns the running client (the preview sends its request through it).
 */
export async function startLanguageClient(
  context: vscode.ExtensionContext,
  create: CreateClient,
): Promise<BaseLanguageClient> {
  const budget = new RestartBudget();
  const options: LanguageClientOptions = {
    documentSelector: [{ language: "jsonnet" }],
    // A function: read again at every (re)start, so a restart after trust is granted says so.
    initializationOptions: (): InitializationOptions => ({
      workspaceTrusted: vscode.workspace.isTrusted,
      clientReadsFiles: true,
    }),
    // didChangeConfiguration on every change of the section; the server then asks for it again.
    synchronize: { configurationSection: SETTINGS_SECTION },
    errorHandler: {
      error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: (): CloseHandlerResult => {
        const decision = budget.onStop();
        const message = restartMessage(decision, budget.limits);
        if (!decision.restart) return { action: CloseAction.DoNotRestart, message };
        void vscode.window.showWarningMessage(message);
        return { action: CloseAction.Restart, message, handled: true };
      },
    },
    middleware: {
      workspace: {
        // The section as VS Code resolves it for the scope, plus whether the workspace is trusted.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return answers.map((answer, i) =>
            params.items[i]?.section === SETTINGS_SECTION && isRecord(answer)
              ? { ...answer, workspaceTrusted: vscode.workspace.isTrusted }
              : answer
          );
        },
      },
    },
  };
  const client = create(CLIENT_ID, CLIENT_NAME, options);
  client.onRequest(ReadFileRequest, ({ uri }) => readFileForServer(uri));
  // The browser's client has no restart(): stop, then start with fresh initialization options.
  const restart = async () => {
    if (client.isRunning()) await client.stop();
    await client.start();
  };
  context.subscriptions.push(
    client,
    // The server was told "untrusted" at its start, which no setting can raise: start it again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    vscode.commands.registerCommand("oryTokenizer.restartServer", async () => {
      budget.reset();
      await restart();
    }),
  );
  await client.start();
  return client;
}
