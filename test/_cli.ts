// Runs the CLI as a subprocess under the runtime running the tests: Node runs the built
// bin/ory-tokenizer (what npm users get), Deno runs lib/cli/run.ts from source.
import { execFile } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliResult> {
  const isDeno = "Deno" in globalThis;
  const [command, prefix] = isDeno
    ? [process.execPath, ["run", "--allow-all", "--quiet", `${ROOT}lib/cli/run.ts`]]
    : [process.execPath, [`${ROOT}bin/ory-tokenizer`]];
  return new Promise((resolve) => {
    const child = execFile(
      command,
      [...prefix, ...args],
      { cwd: options.cwd ?? ROOT, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? "");
  });
}

/**
 * Runs the CLI from source (`node --import tsx lib/cli/run.ts …` from the repository root) under either
 * test runtime: Deno spawns the node on PATH. For commands whose tests need the TypeScript itself.
 */
export function runSourceCli(args: string[], stdin = ""): Promise<CliResult> {
  const node = "Deno" in globalThis ? "node" : process.execPath;
  return new Promise((resolve) => {
    const child = execFile(
      node,
      ["--import", "tsx", "lib/cli/run.ts", ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}
