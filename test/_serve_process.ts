// `ory-tokenizer serve` as a subprocess for the suites that need a running emulator (the TLS and issuer
// kit suite, the diff suite): Node runs bin/ory-tokenizer, Deno runs lib/cli/run.ts (with Deno.serve).
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import { ROOT } from "./_cli.ts";

export interface ServeProcess {
  child: ChildProcess;
  /** The URL it printed, such as `https://127.0.0.1:41234/`. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<void>;
}

/** Starts `serve --port 0 …args` and waits for its start-up lines. */
export async function startServe(args: string[]): Promise<ServeProcess> {
  const isDeno = "Deno" in globalThis;
  const [command, prefix] = isDeno
    ? [process.execPath, ["run", "--allow-all", "--quiet", `${ROOT}lib/cli/run.ts`]]
    : [process.execPath, [`${ROOT}bin/ory-tokenizer`]];
  const child = spawn(command, [...prefix, "serve", "--port", "0", ...args], { cwd: ROOT });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (err += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!/Ctrl-C stops the server/.test(out)) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}):\n${out}\n---\n${err}`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`serve did not start:\n${out}\n---\n${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    url: /whoami endpoint on (https?:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
