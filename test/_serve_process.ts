// `ory-tokenizer serve` as a subprocess for the suites that need a running emulator (the serve suite,
// the TLS and issuer kit suite, the diff suite): Node runs bin/ory-tokenizer, Deno runs lib/cli/run.ts
// (with Deno.serve).
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import { ROOT } from "./_cli.ts";

export interface ServeProcess {
  child: ChildProcess;
  /** The URL it printed, such as `https://127.0.0.1:41234/` (empty until it has started). */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Waits until `pattern` appears in the stream after its first `from` characters; fails if serve exits. */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp, from?: number): Promise<void>;
  /** The exit code, once the process has ended (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<void>;
}

/** Spawns `serve --port 0 …args` without waiting for it: for a start-up that is meant to fail. */
export function spawnServe(args: string[]): ServeProcess {
  const isDeno = "Deno" in globalThis;
  const [command, prefix] = isDeno
    ? [process.execPath, ["run", "--allow-all", "--quiet", `${ROOT}lib/cli/run.ts`]]
    : [process.execPath, [`${ROOT}bin/ory-tokenizer`]];
  const child = spawn(command, [...prefix, "serve", "--port", "0", ...args], { cwd: ROOT });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    url: "",
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(stream, pattern, from = 0) {
      const deadline = Date.now() + 20_000;
      while (!pattern.test((stream === "stdout" ? out : err).slice(from))) {
        if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}):\n${out}\n---\n${err}`);
        if (Date.now() > deadline) {
          throw new Error(`Timed out waiting for ${pattern} in ${stream}:\n${out}\n---\n${err}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Starts `serve --port 0 …args` and waits for its start-up lines. */
export async function startServe(args: string[]): Promise<ServeProcess> {
  const serve = spawnServe(args);
  try {
    await serve.waitFor("stdout", /Ctrl-C stops the server/);
  } catch (error) {
    await serve.stop();
    throw error;
  }
  serve.url = /whoami endpoint on (https?:\/\/127\.0\.0\.1:\d+\/)/.exec(serve.stdout())![1]!;
  return serve;
}
