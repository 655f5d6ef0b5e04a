/**
 * Reads the bytes behind a URL in any runtime: a `file:` URL through `node:fs` where that module
 * exists (Node, Deno, Bun), everything else, and `file:` where it does not, through `fetch`.
 *
 * @module
 */

import { nodeBuiltin } from "./node_builtin.ts";

interface NodeFsPromises {
  readFile(path: URL): Promise<{ buffer: ArrayBuffer; byteOffset: number; byteLength: number }>;
}

/** A failed read: `notFound` tells a missing file (ENOENT, HTTP 404) from other failures. */
export class ReadUrlError extends Error {
  readonly notFound: boolean;
  constructor(message: string, notFound: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ReadUrlError";
    this.notFound = notFound;
  }
}

/**
 * Reads a URL's bytes.
 *
 * `file:` goes to the file system first: Node's `fetch` refuses the scheme, and merely trying is a
 * visible part of a cold start, because the first `fetch` loads Node's whole HTTP client (BENCHMARKS.md).
 *
 * @throws {ReadUrlError} when the URL cannot be read.
 */
export async function readUrl(url: URL): Promise<Uint8Array> {
  if (url.protocol === "file:") {
    const fs = nodeBuiltin<NodeFsPromises>("node:fs/promises");
    if (fs !== undefined) {
      try {
        // A view of Node's Buffer, not a copy: the engine binary is megabytes, and copying it cost a
        // cold start its pages as well as the copy.
        const { buffer, byteOffset, byteLength } = await fs.readFile(url);
        return new Uint8Array(buffer, byteOffset, byteLength);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new ReadUrlError(
          `${code === "ENOENT" ? "no such file" : String(code ?? error)}`,
          code === "ENOENT",
          error,
        );
      }
    }
  }
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    // Deno's fetch of a missing file: URL throws NotFound.
    const notFound = (error as { name?: unknown }).name === "NotFound";
    throw new ReadUrlError(
      notFound ? "no such file" : error instanceof Error ? error.message : String(error),
      notFound,
      error,
    );
  }
  if (!response.ok) throw new ReadUrlError(`HTTP ${response.status}`, response.status === 404);
  return new Uint8Array(await response.arrayBuffer());
}
