/**
 * The CLI's file and stream access (Node built-ins; Deno runs them through its Node compatibility).
 *
 * @module
 */

import { readFile } from "node:fs/promises";

/** Go's wording for the common `os.ReadFile` failures, so `file://` errors read like Ory's. */
function goFileError(path: string, error: unknown): Error {
  const code = (error as { code?: string }).code;
  const what: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
  };
  const op = code === "EISDIR" ? "read" : "open";
  return new Error(`${op} ${path}: ${what[code ?? ""] ?? (error instanceof Error ? error.message : String(error))}`);
}

/** Reads a file for `file://` sources, failing with Go's `os` wording. */
export async function readFileLikeGo(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw goFileError(path, error);
  }
}

/** Reads all of standard input. */
export async function readStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Reads a named file, or standard input for `-`, as text. */
export async function readText(path: string): Promise<string> {
  if (path === "-") return await readStdin();
  return new TextDecoder().decode(await readFileLikeGo(path));
}
