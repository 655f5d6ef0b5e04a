/**
 * Reads the bytes behind a URL in any runtime: `fetch` where it handles the scheme (browsers, Deno,
 * workers), and the file system for `file:` URLs where `fetch` cannot (Node).
 *
 * @module
 */

/** Reads a URL's bytes; a `file:` URL falls back to `node:fs` when `fetch` refuses it. */
export async function readUrl(url: URL): Promise<Uint8Array> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Cannot load ${url.href}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (url.protocol !== "file:") throw error;
    // Node's fetch has no file: support; this branch is only reached there.
    const fs = "node:fs/promises";
    const { readFile } = (await import(/* @vite-ignore */ fs)) as {
      readFile(path: URL): Promise<Uint8Array>;
    };
    return new Uint8Array(await readFile(url));
  }
}
