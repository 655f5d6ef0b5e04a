// Runs the CLI from source, `node --import tsx lib/cli/run.ts …` from the repository root, under either
// test runtime (Deno spawns the node on PATH).
import { execFile } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCliFromSource(args: string[], stdin = ""): Promise<CliRun> {
  const node = "Deno" in globalThis ? "node" : process.execPath;
  return new Promise((resolve) => {
    const child = execFile(
      node,
      ["--import", "tsx", "lib/cli/run.ts", ...args],
      { cwd: REPO_ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}
