/**
 * The package's entry points, read from deno.json's `exports` (the one list), and the kinds of bundle
 * each one is built as, one per package condition: for each, lib's source barrel and the files the
 * build writes for it. scripts/build.ts builds them, and test/lib_shape_test.ts holds package.json's
 * `exports` to them.
 */
import { readFileSync } from "node:fs";

/** A kind of bundle: the package condition that picks it, and how lib is built for it. */
export interface BundleKind {
  condition: "workerd" | "edge-light" | "browser" | "default";
  /** What the kind's file names start with in dist/: `workerd_lint.js`; none for `default`. */
  prefix: string;
  /** The esbuild platform. */
  platform: "neutral" | "browser";
  /** Which runtime leaves the build puts in (scripts/build.ts, `engineAssets`). */
  leaves: "bundled" | "browser" | "workerd" | "edge";
}

/**
 * The kinds, in the order `exports` lists the conditions (the first that matches wins):
 * - `workerd`: Cloudflare Workers, the engine imported as a WebAssembly module, mappers in-thread;
 * - `edge-light`: Vercel's edge runtime and Next.js middleware, the same with a `.wasm?module` import;
 * - `browser`: bundlers targeting browsers, the engine and worker carried inline;
 * - `default`: Node, Deno and unbundled pages, the assets found beside the bundle, else inline.
 */
export const BUNDLE_KINDS: readonly BundleKind[] = [
  { condition: "workerd", prefix: "workerd_", platform: "neutral", leaves: "workerd" },
  { condition: "edge-light", prefix: "edge_", platform: "neutral", leaves: "edge" },
  { condition: "browser", prefix: "browser_", platform: "browser", leaves: "browser" },
  { condition: "default", prefix: "", platform: "neutral", leaves: "bundled" },
];

/** The bundle of the whole of lib for a kind, without `.js`: `lib`, `browser_lib`, … */
export function libBundle(kind: BundleKind): string {
  return `${kind.prefix}lib`;
}

/** One entry point of the package. */
export interface EntryPoint {
  /** The subpath: `.` or `./lint`. */
  subpath: string;
  /** lib's barrel for it, from the repository's root: `lib/mod.ts`, `lib/entries/lint.ts`. */
  source: string;
  /** The declarations, from the repository's root. */
  types: string;
  /**
   * Its bundle of each kind in dist/, without `.js`: for the root `mod`, `browser`, `workerd`, `edge`;
   * for `./lint` `lint`, `browser_lint`, `workerd_lint`, `edge_lint`.
   */
  bundles: Record<BundleKind["condition"], string>;
}

const denoJson = JSON.parse(readFileSync(new URL("../deno.json", import.meta.url), "utf8")) as {
  exports: Record<string, string>;
};

/** Every entry point, the root first. */
export const ENTRY_POINTS: readonly EntryPoint[] = Object.entries(denoJson.exports).map(([subpath, path]) => {
  const source = path.replace(/^\.\//, "");
  const name = subpath === "." ? undefined : subpath.slice(2);
  const bundle = (kind: BundleKind) =>
    name !== undefined ? `${kind.prefix}${name}` : kind.prefix === "" ? "mod" : kind.prefix.slice(0, -1);
  return {
    subpath,
    source,
    types: `dist/types/${source.replace(/^lib\//, "").replace(/\.ts$/, ".d.ts")}`,
    bundles: Object.fromEntries(BUNDLE_KINDS.map((kind) => [kind.condition, bundle(kind)])) as EntryPoint["bundles"],
  };
});

/** package.json's `exports` entry for one entry point: its types, then its bundle for each condition. */
export function packageExport(entry: EntryPoint): Record<string, string> {
  return {
    types: `./${entry.types}`,
    ...Object.fromEntries(BUNDLE_KINDS.map((kind) => [kind.condition, `./dist/${entry.bundles[kind.condition]}.js`])),
  };
}
