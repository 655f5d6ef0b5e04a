/**
 * What the sandbox needs from a runtime to start its workers: a spawner, and a detector that finds
 * one. The runtime leaves (`lib/runtime/spawn_worker.ts`) implement them; the sandbox only calls them.
 *
 * @module
 */

/** A started worker, as the sandbox drives it. */
export interface SandboxWorker {
  /** Posts a message of the sandbox's own protocol (plain data: strings and, once, the compiled engine). */
  postMessage(message: unknown): void;
  /** Stops the worker now; no event of it is handled afterwards. */
  terminate(): void;
}

/** What a spawner reports about its worker. */
export interface SandboxWorkerEvents {
  /** A message the worker posted. */
  message(data: unknown): void;
  /** The worker failed to load, threw, or exited. */
  error(message: string): void;
}

/** Starts a worker running `dist/jsonnet_worker.js` (the build of lib/runtime/worker_main.ts). */
export type SpawnWorker = (events: SandboxWorkerEvents) => SandboxWorker;

/** What a detector found: a spawner, or why there is none (the sandbox then evaluates in-thread). */
export type DetectedSpawner = { spawn: SpawnWorker } | { spawn: undefined; reason: string };

/** Finds how this runtime starts workers, optionally with a given worker script. */
export type DetectSpawner = (worker?: URL) => Promise<DetectedSpawner>;
