/**
 * The package's entry points, read from deno.json's `exports` (the one list): for each subpath, lib's
 * source barrel and the files the build writes for it. scripts/build.ts builds them, and
 * test/lib_shape_test.ts holds package.json's `exports` to them.
 */
import { readFileSync } from "node:fs";

/** One entry point of the package. */
export interface EntryPoint {
  /** The subpath: `.` or `./lint`. */
  subpath: string;
  /** lib's barrel for it, from the repository's root: `lib/mod.ts`, `lib/entries/lint.ts`. */
  source: string;
  /** The neutral bundle's name in dist/ (Node, Deno, unbundled pages), without `.js`: `mod`, `lint`. */
  bundle: string;
  /** The browser bundle's name in dist/ (the `browser` condition), without `.js`: `browser`, `browser_lint`. */
  browserBundle: string;
  /** The Cloudflare Workers bundle's name in dist/ (the `workerd` condition): `workerd`, `workerd_lint`. */
  workerdBundle: string;
  /** The Vercel edge runtime's (the `edge-light` condition; Next.js middleware): `edge`, `edge_lint`. */
  edgeBundle: string;
  /** The declarations, from the repository's root. */
  types: string;
}

const denoJson = JSON.parse(readFileSync(new URL("../deno.json", import.meta.url), "utf8")) as {
  exports: Record<string, string>;
};

/** Every entry point, the root first. */
export const ENTRY_POINTS: readonly EntryPoint[] = Object.entries(denoJson.exports).map(([subpath, path]) => {
  const source = path.replace(/^\.\//, "");
  const name = subpath === "." ? undefined : subpath.slice(2);
  return {
    subpath,
    source,
    bundle: name ?? "mod",
    browserBundle: name === undefined ? "browser" : `browser_${name}`,
    workerdBundle: name === undefined ? "workerd" : `workerd_${name}`,
    edgeBundle: name === undefined ? "edge" : `edge_${name}`,
    types: `dist/types/${source.replace(/^lib\//, "").replace(/\.ts$/, ".d.ts")}`,
  };
});

/** package.json's `exports` entry for one entry point. */
export function packageExport(
  entry: EntryPoint,
): { types: string; workerd: string; "edge-light": string; browser: string; default: string } {
  return {
    types: `./${entry.types}`,
    workerd: `./dist/${entry.workerdBundle}.js`,
    "edge-light": `./dist/${entry.edgeBundle}.js`,
    browser: `./dist/${entry.browserBundle}.js`,
    default: `./dist/${entry.bundle}.js`,
  };
}
