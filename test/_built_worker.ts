// The sandbox suites need workers. From source under Node the worker is the build's
// dist/jsonnet_worker.js; when it is older than a lib folder it bundles the sandbox evaluates
// in-thread instead, where the stock engine's runaway case spins for hours. Those suites fail at once.
// A runtime without worker threads (workerd) runs them too, their tests that need a worker skipped.
import { detectWorkerSpawner } from "../lib/runtime/spawn_worker.ts";
import { NO_WORKER_THREADS } from "./_capabilities.ts";

/** Throws, saying to rebuild, unless this runtime starts the sandbox's workers or has no threads for them. */
export async function assertWorkersStart(): Promise<void> {
  if (NO_WORKER_THREADS) return;
  const detected = await detectWorkerSpawner();
  if (detected.spawn === undefined) {
    throw new Error(`dist is stale: run npm run build (the sandbox would evaluate in-thread: ${detected.reason})`);
  }
}
