// How the suites read a fixture under Node and Deno; the suites bundled for Chromium and workerd get
// every fixture inlined in its place (test/browser/suite_bundles.ts; the only file-system read the neutral suites make).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Reads a file under test/fixtures as text. */
export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
}
