/**
 * How this runtime starts a sandbox worker, found by feature detection: Node's `worker_threads`
 * where the runtime has Node's built-ins (Node, and Deno and Bun through their Node compatibility),
 * else a module Web Worker (browsers, web workers), else none (the sandbox then evaluates in-thread).
 *
 * `worker_threads` is preferred where both exist because its workers can be unreferenced, so an idle
 * sandbox never keeps a process (a CLI run) alive; Deno keeps a process alive while any Web Worker
 * exists.
 *
 * @module
 */

import type { DetectedSpawner, SandboxWorker, SandboxWorkerEvents, SpawnWorker } from "../jsonnet/sandbox_worker.ts";
import { defaultWorkerScript, type WorkerScript } from "./engine_assets.ts";
import { nodeBuiltin } from "./node_builtin.ts";

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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A spawner over Node's `worker_threads`. Workers are unreferenced: a pending evaluation keeps the
 * process alive through the sandbox's watchdog timer, an idle worker does not.
 *
 * @param Worker the `Worker` class of `node:worker_threads`.
 * @param url the worker script (`file:`, or `data:` for a script carried inline).
 * @returns a spawner for {@linkcode createSandboxedJsonnet}.
 */
export function nodeWorkerSpawner(Worker: NodeWorkerConstructor, url: URL): SpawnWorker {
  return (events: SandboxWorkerEvents): SandboxWorker => {
    const worker = new Worker(url, {
      // The worker is plain JavaScript: inheriting the process's flags would load its loaders (tsx
      // would slow every start; BENCHMARKS.md).
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
 * @param url the worker script (same origin, or a `blob:` URL for a script carried inline).
 * @returns a spawner for {@linkcode createSandboxedJsonnet}.
 */
export function webWorkerSpawner(url: URL): SpawnWorker {
  return (events: SandboxWorkerEvents): SandboxWorker => {
    const worker = new Worker(url, { type: "module", name: "ory-tokenizer jsonnet" });
    worker.addEventListener("message", (event) => events.message(event.data));
    worker.addEventListener("error", (event) => {
      // Handled here: without this the error also reaches the page's console as uncaught.
      event.preventDefault();
      const where = url.protocol === "blob:" ? "the inline worker script" : `the worker script ${url.href}`;
      events.error(event.message || `${where} failed to load (a Content-Security-Policy without worker-src?)`);
    });
    worker.addEventListener("messageerror", () => events.error("a message from the worker could not be read"));
    return {
      postMessage: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
    };
  };
}

let blobUrl: URL | undefined;

/** A URL for a script carried as text: `data:` for worker_threads, one shared `blob:` for Web Workers. */
function scriptUrl(script: WorkerScript, kind: "data" | "blob"): URL {
  if (script.url !== undefined) return script.url;
  if (kind === "data") return new URL(`data:text/javascript;charset=utf-8,${encodeURIComponent(script.source)}`);
  // Never revoked: every replacement worker (after a timeout) starts from it.
  blobUrl ??= new URL(URL.createObjectURL(new Blob([script.source], { type: "text/javascript" })));
  return blobUrl;
}

/**
 * Finds how this runtime starts workers.
 *
 * @param worker the worker script to use instead of the one shipped with lib.
 * @returns a spawner, or the reason there is none (the sandbox then falls back to in-thread evaluation).
 */
export async function detectWorkerSpawner(worker?: URL): Promise<DetectedSpawner> {
  const script = worker === undefined ? await defaultWorkerScript() : { url: worker };
  if ("problem" in script) return { spawn: undefined, reason: script.problem };
  const threads = nodeBuiltin<{ Worker?: NodeWorkerConstructor }>("node:worker_threads");
  if (threads?.Worker !== undefined) return { spawn: nodeWorkerSpawner(threads.Worker, scriptUrl(script, "data")) };
  if (typeof globalThis.Worker === "function") return { spawn: webWorkerSpawner(scriptUrl(script, "blob")) };
  return { spawn: undefined, reason: "this runtime has no Worker" };
}
