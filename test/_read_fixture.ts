// How the suites read a fixture under Node and Deno; the browser bundle of the suites puts
// test/browser/node_shims/read_fixture.ts in its place (the only file-system read the neutral suites make).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Reads a file under test/fixtures as text. */
export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
}
