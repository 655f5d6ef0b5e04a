/**
 * Static files for `serve`: the built playground and demo, with the MIME types browsers insist on
 * (`application/wasm` for streaming compilation, JavaScript for module scripts) and no way out of
 * the folder.
 *
 * @module
 */

import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".jsonnet": "text/plain; charset=utf-8",
};

/** One folder served under a URL prefix. */
export interface StaticMount {
  /** Such as `/` or `/demo/`. */
  prefix: string;
  folder: string;
}

/** Whether a folder exists (a build output may not). */
export async function isFolder(path: string): Promise<boolean> {
  return await stat(path).then((s) => s.isDirectory(), () => false);
}

/**
 * A handler for files under mounts (the longest prefix wins); `undefined` when no mount has the file.
 * Paths with `..`, backslashes or NUL are refused before the file system is asked.
 */
export function staticFiles(mounts: readonly StaticMount[]): (request: Request) => Promise<Response | undefined> {
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return undefined;
    }
    if (path.includes("\0") || path.includes("\\") || path.split("/").includes("..")) return undefined;
    for (const mount of sorted) {
      if (`${path}/` === mount.prefix) {
        return new Response(null, { status: 301, headers: { Location: mount.prefix } });
      }
      if (!path.startsWith(mount.prefix)) continue;
      const root = resolve(mount.folder);
      let file = resolve(join(root, path.slice(mount.prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) return undefined;
      if (await isFolder(file)) file = join(file, "index.html");
      const body = await readFile(file).catch(() => undefined);
      if (body === undefined) continue;
      const headers = {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
      };
      return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
    }
    return undefined;
  };
}
