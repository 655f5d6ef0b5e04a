/**
 * The language server over stdio, as every editor starts it (`ory-tokenizer lsp --stdio`): Node, Deno
 * and Bun. The settings' files are read from the file system; stdout carries only the protocol.
 *
 * @module
 */

import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { nodeBuiltin } from "../runtime/node_builtin.ts";
import { readUrl } from "../runtime/read_url.ts";
import { startLanguageServer } from "./server.ts";

interface NodeProcess {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: { write(text: string): unknown };
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
}

/**
 * Serves the language on stdin and stdout until the client exits.
 *
 * @returns a promise that settles when stdin closes (the client's `exit` ends the process before).
 */
export function startStdioLanguageServer(): Promise<void> {
  const process = nodeBuiltin<NodeProcess>("node:process");
  if (process === undefined) throw new Error("The stdio language server needs Node's process (Node, Deno or Bun)");
  // A rejection nobody awaited is a bug to log, not a reason to leave the editor without its server.
  process.on("unhandledRejection", (reason) => {
    process.stderr.write(`ory-tokenizer lsp: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  });
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startLanguageServer(connection, { readFile: readUrl });
  return new Promise((resolve) => process.stdin.on("end", () => resolve()));
}
