/**
 * The CLI's file and stream access (Node built-ins; Deno runs them through its Node compatibility).
 *
 * @module
 */

import { constants } from "node:fs";
import { open, readFile } from "node:fs/promises";
import type { ReadFileOptions } from "../types.ts";
import { decodeUtf8LikeGo } from "../encoding/decode_utf8_like_go.ts";

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

/**
 * Reads a `file://` source: a regular file only (never a device, a FIFO or a directory: `/dev/zero`
 * never ends, a FIFO without a writer never answers), at most `maxBytes`, stopping on `signal`.
 * O_NONBLOCK makes opening a FIFO return at once, so the type check happens before any wait.
 */
export async function readSourceFile(path: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
  let file;
  try {
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw goFileError(path, error);
  }
  try {
    const stat = await file.stat();
    if (stat.isDirectory()) throw new Error(`read ${path}: is a directory`);
    if (!stat.isFile()) throw new Error(`read ${path}: not a regular file (a device, a pipe or a socket)`);
    const maxBytes = options.maxBytes ?? Infinity;
    if (stat.size > maxBytes) throw new Error(`read ${path}: the file is larger than ${maxBytes} bytes`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      // A file may grow while it is read: never more than the limit plus one chunk.
      const chunk = new Uint8Array(Math.min(1 << 20, maxBytes - total + 1));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new Error(`read ${path}: the file is larger than ${maxBytes} bytes`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    await file.close();
  }
}

/** Reads all of standard input. */
export async function readStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Reads a claims mapper (a named file, or standard input for `-`) as Ory's jsonnet worker receives
 * it: one U+FFFD per byte that is not valid UTF-8, a byte order mark kept.
 */
export async function readMapperText(path: string): Promise<string> {
  if (path === "-") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
    return decodeUtf8LikeGo(Buffer.concat(chunks));
  }
  return decodeUtf8LikeGo(await readFileLikeGo(path));
}

/** Reads a named file, or standard input for `-`, as text. */
export async function readText(path: string): Promise<string> {
  if (path === "-") return await readStdin();
  return new TextDecoder().decode(await readFileLikeGo(path));
}
