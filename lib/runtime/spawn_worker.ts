/**
 * How this runtime starts a sandbox worker, found by feature detection: Node's `worker_threads`
 * where it can be imported (Node, and Deno and Bun through their Node compatibility), else a module
 * Web Worker (browsers, web workers), else none (the sandbox then evaluates in-thread).
 *
 * `worker_threads` is preferred where both exist because its workers can be unreferenced, so an idle
 * sandbox never keeps a process (a CLI run) alive; Deno keeps a process alive while any Web Worker
 * exists.
 *
 * @module
 */

import type { SandboxWorker, SandboxWorkerEvents, SpawnWorker } from "../jsonnet/sandbox.ts";

/**
 * The worker script. In dist/ the build puts `jsonnet_worker.js` next to the bundle (mod.js or cli.js)
 * that contains this code. Running from source, the worker is that same build output: Node 20 cannot
 * run a `.ts` file in a worker even under tsx (module hooks do not reach `worker_threads`), and one
 * worker artifact for every runtime keeps what the tests exercise equal to what ships.
 * {@linkcode sourceWorkerProblem} catches a build older than the sources.
 */
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER_URL = FROM_SOURCE
  ? new URL("../../dist/jsonnet_worker.js", import.meta.url)
  : new URL("./jsonnet_worker.js", import.meta.url);

interface NodeWorker {
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  unref(): void;
  on(event: "message", listener: (message: unknown) => void): void;
  on(event: "error", listener: (error: unknown) => void): void;
  on(event: "exit", listener: (code: number) => void): void;
}

interface NodeWorkerOptions {
  execArgv?: string[];
  resourceLimits?: { maxOldGenerationSizeMb?: number };
}

type NodeWorkerConstructor = new (url: URL, options?: NodeWorkerOptions) => NodeWorker;

interface NodeFs {
  statSync(path: URL, options: { throwIfNoEntry: false }): { mtimeMs: number } | undefined;
  readdirSync(path: URL): string[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A spawner over Node's `worker_threads`. Workers are unreferenced: a pending evaluation keeps the
 * process alive through the sandbox's watchdog timer, an idle worker does not.
 *
 * @param Worker the `Worker` class of `node:worker_threads`.
 * @param url the worker script.
 * @returns a spawner for {@linkcode createSandboxedJsonnet}.
 */
export function nodeWorkerSpawner(Worker: NodeWorkerConstructor, url: URL = WORKER_URL): SpawnWorker {
  return (events: SandboxWorkerEvents): SandboxWorker => {
    const worker = new Worker(url, {
      // The worker is plain JavaScript: inheriting the process's flags would load its loaders (tsx
      // adds 80 ms to every start).
      execArgv: [],
      // A JavaScript heap limit turns a runaway allocation into this worker's exit, not the process's abort.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    worker.on("message", (message) => events.message(message));
    worker.on("error", (error) => events.error(describe(error)));
    worker.on("exit", (code) => events.error(`the worker exited with code ${code}`));
    // After the listeners: adding a "message" listener references the worker's port again.
    worker.unref();
    return {
      postMessage: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
    };
  };
}

/**
 * A spawner over module Web Workers.
 *
 * @param url the worker script.
 * @returns a spawner for {@linkcode createSandboxedJsonnet}.
 */
export function webWorkerSpawner(url: URL = WORKER_URL): SpawnWorker {
  return (events: SandboxWorkerEvents): SandboxWorker => {
    const worker = new Worker(url, { type: "module", name: "ory-tokenizer jsonnet" });
    worker.addEventListener("message", (event) => events.message(event.data));
    worker.addEventListener("error", (event) => {
      // Handled here: without this the error also reaches the page's console as uncaught.
      event.preventDefault();
      events.error(event.message || `the worker script ${url.href} failed to load`);
    });
    worker.addEventListener("messageerror", () => events.error("a message from the worker could not be read"));
    return {
      postMessage: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
    };
  };
}

/**
 * Running from source, the worker script is the build's output: say why it cannot be used, if so.
 *
 * @returns undefined when the build's worker is at least as new as every source file it bundles.
 */
function sourceWorkerProblem(fs: NodeFs): string | undefined {
  const built = fs.statSync(WORKER_URL, { throwIfNoEntry: false });
  if (built === undefined) return "dist/jsonnet_worker.js is missing: run `npm run build`";
  for (const folder of ["../jsonnet/", "./"]) {
    const dir = new URL(folder, import.meta.url);
    for (const name of fs.readdirSync(dir)) {
      if ((fs.statSync(new URL(name, dir), { throwIfNoEntry: false })?.mtimeMs ?? 0) > built.mtimeMs) {
        return `dist/jsonnet_worker.js is older than lib/${folder === "./" ? "runtime" : "jsonnet"}/${name}: ` +
          "run `npm run build`";
      }
    }
  }
  return undefined;
}

/** What {@linkcode detectWorkerSpawner} found: a spawner, or why there is none. */
export type DetectedSpawner = { spawn: SpawnWorker } | { spawn: undefined; reason: string };

/**
 * Finds how this runtime starts workers.
 *
 * @returns a spawner, or the reason there is none (the sandbox then falls back to in-thread evaluation).
 */
export async function detectWorkerSpawner(): Promise<DetectedSpawner> {
  const threads = "node:worker_threads";
  const fs = "node:fs";
  let Worker: NodeWorkerConstructor | undefined;
  try {
    ({ Worker } = (await import(/* @vite-ignore */ threads)) as { Worker: NodeWorkerConstructor });
  } catch {
    // No worker_threads: a browser or another Web-API runtime.
  }
  if (Worker !== undefined) {
    if (FROM_SOURCE) {
      let problem: string | undefined;
      try {
        problem = sourceWorkerProblem((await import(/* @vite-ignore */ fs)) as NodeFs);
      } catch (error) {
        // Deno without --allow-read, for one: the worker could not be read either.
        problem = `cannot check dist/jsonnet_worker.js: ${describe(error)}`;
      }
      if (problem !== undefined) return { spawn: undefined, reason: problem };
    }
    return { spawn: nodeWorkerSpawner(Worker) };
  }
  if (typeof globalThis.Worker === "function") return { spawn: webWorkerSpawner() };
  return { spawn: undefined, reason: "this runtime has no Worker" };
}
