/**
 * The CLI's file and stream access (Node built-ins; Deno runs them through its Node compatibility).
 *
 * @module
 */

import { constants } from "node:fs";
import { open } from "node:fs/promises";
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

/**
 * The most a CLI input (a session, a sessions file, a config, a key set, a token, a mapper) may hold: far
 * more than any real one, and a bound for `/dev/zero`, an endless pipe or a file that keeps growing,
 * which would otherwise be read until memory runs out.
 */
export const INPUT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file in chunks, never more than `maxBytes` plus one chunk, failing with Go's `os` wording.
 * Pipes and devices are read too (`--jwks <(ory get jwk …)`), bounded like files, unless `regularOnly`.
 */
async function readBoundedFile(
  path: string,
  options: ReadFileOptions & { regularOnly: boolean },
): Promise<Uint8Array> {
  let file;
  try {
    // Non-blocking only to look at what it is: opening a pipe without a writer would wait for one.
    file = await open(path, constants.O_RDONLY | (options.regularOnly ? constants.O_NONBLOCK ?? 0 : 0));
  } catch (error) {
    throw goFileError(path, error);
  }
  try {
    const stat = await file.stat();
    if (stat.isDirectory()) throw new Error(`read ${path}: is a directory`);
    if (options.regularOnly && !stat.isFile()) {
      throw new Error(`read ${path}: not a regular file (a device, a pipe or a socket)`);
    }
    const maxBytes = options.maxBytes ?? INPUT_MAX_BYTES;
    const tooLarge = () => new Error(`read ${path}: the file is larger than ${maxBytes} bytes`);
    if (stat.size > maxBytes) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      // A file may grow while it is read: never more than the limit plus one chunk.
      const chunk = new Uint8Array(Math.min(1 << 20, maxBytes - total + 1));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    await file.close();
  }
}

/** Reads a file for `file://` sources and CLI inputs, failing with Go's `os` wording; bounded. */
export function readFileLikeGo(path: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
  return readBoundedFile(path, { ...options, regularOnly: false });
}

/**
 * Reads a `file://` source as the `ReadFile` capability asks: regular files only, stopped past
 * `maxBytes` and on `signal`.
 */
export function readSourceFile(path: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
  return readBoundedFile(path, { ...options, regularOnly: true });
}

/** Reads standard input whole, up to {@linkcode INPUT_MAX_BYTES}. */
export async function readStdin(): Promise<string> {
  return new TextDecoder().decode(await readStdinBytes());
}

async function readStdinBytes(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Uint8Array).length;
    if (total > INPUT_MAX_BYTES) {
      process.stdin.destroy();
      throw new Error(`read standard input: it holds more than ${INPUT_MAX_BYTES} bytes`);
    }
    chunks.push(chunk as Uint8Array);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Reads a mapper from a file or standard input (`-`), as Ory decodes it. */
export async function readMapperText(path: string): Promise<string> {
  return decodeUtf8LikeGo(path === "-" ? await readStdinBytes() : await readFileLikeGo(path));
}

export async function readText(path: string): Promise<string> {
  if (path === "-") return await readStdin();
  return new TextDecoder().decode(await readFileLikeGo(path));
}
