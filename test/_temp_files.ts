// Temporary folders and files for the suites that run the CLI or read files (Node, Deno and Bun only).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";

/**
 * A new folder under the system's temporary directory, removed once the test file has run (whether
 * its tests pass or fail). Call it at module level: inside a hook or a test, `after` would belong to that
 * hook and remove the folder too early.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ory-tokenizer-${prefix}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file in `dir` and returns its path. */
export function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
