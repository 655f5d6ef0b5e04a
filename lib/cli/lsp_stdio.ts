/**
 * The language server over stdio, as every editor starts it (`ory-tokenizer lsp --stdio`): Node, Deno
 * and Bun. The settings' files are read from the file system; stdout carries only the protocol.
 *
 * @module
 */

import { createConnection } from "vscode-languageserver/node";
import { nodeBuiltin } from "../runtime/node_builtin.ts";
import { readUrl } from "../runtime/read_url.ts";
import { startLanguageServer } from "../lsp/server.ts";

interface NodeProcess {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: { write(text: string): unknown };
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
}

/**
 * Serves the language on stdin and stdout until the client exits.
 *
 * @returns a promise that never settles: the process ends with the client's `exit`, or when stdin closes.
 */
export function startStdioLanguageServer(): Promise<void> {
  const process = nodeBuiltin<NodeProcess>("node:process");
  if (process === undefined) throw new Error("The stdio language server needs Node's process (Node, Deno or Bun)");
  // A rejection nobody awaited is a bug to log, not a reason to leave the editor without its server.
  process.on("unhandledRejection", (reason) => {
    process.stderr.write(`ory-tokenizer lsp: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  });
  // stdout carries only the protocol: anything printed goes to stderr.
  const toStderr = (...values: unknown[]) => process.stderr.write(`${values.map(String).join(" ")}\n`);
  console.log = toStderr;
  console.info = toStderr;
  // Streams rather than readers: the library then exits when the client closes stdin (or its process,
  // given in initialize, goes away), so a crashed editor leaves no server behind.
  const connection = createConnection(process.stdin, process.stdout);
  startLanguageServer(connection, { readFile: readUrl });
  return new Promise(() => {});
}
