// The sandbox suites need workers. From source under Node the worker is the build's
// dist/jsonnet_worker.js; when it is older than a lib folder it bundles the sandbox evaluates
// in-thread instead, where the stock engine's runaway case spins for hours. Those suites fail at once.
import { detectWorkerSpawner } from "../lib/runtime/spawn_worker.ts";

/** Throws, saying to rebuild, unless this runtime starts the sandbox's workers. */
export async function assertWorkersStart(): Promise<void> {
  const detected = await detectWorkerSpawner();
  if (detected.spawn === undefined) {
    throw new Error(`dist is stale: run npm run build (the sandbox would evaluate in-thread: ${detected.reason})`);
  }
}
