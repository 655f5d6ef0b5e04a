/**
 * Reads the bytes behind a URL in any runtime: a `file:` URL through `node:fs` where that module
 * exists (Node, Deno, Bun), everything else, and `file:` where it does not, through `fetch`.
 *
 * @module
 */

interface NodeFsPromises {
  readFile(path: URL): Promise<Uint8Array>;
}

/**
 * Reads a URL's bytes.
 *
 * `file:` goes to the file system first: Node's `fetch` refuses the scheme, and merely trying costs a
 * cold start about 20 ms, because the first `fetch` loads Node's whole HTTP client.
 */
export async function readUrl(url: URL): Promise<Uint8Array> {
  if (url.protocol === "file:") {
    const fs = await import(/* @vite-ignore */ "node:fs/promises" as string).then(
      (module) => module as NodeFsPromises,
      () => undefined,
    );
    if (fs !== undefined) return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot load ${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
