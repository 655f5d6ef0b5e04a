/**
 * The Jsonnet sandbox wired to this runtime: the sandbox (`lib/jsonnet/sandbox.ts`) with the
 * runtime's worker detection (`spawn_worker.ts`) injected, and the shared default instance.
 *
 * @module
 */

import {
  createJsonnetSandbox,
  type JsonnetSandbox,
  reportedCores,
  type SandboxedJsonnetOptions,
  type SandboxRuntime,
  SPILL_MS,
} from "../jsonnet/sandbox.ts";
import { detectWorkerSpawner } from "./spawn_worker.ts";
import { nodeBuiltin } from "./node_builtin.ts";
import { compileJsonnetWasm } from "./compile_jsonnet_wasm.ts";
import { finishToken, signerCache } from "../tokenize/finish_token.ts";
import { nodeSyncSigner } from "./node_signer.ts";

/** Signers for tokens finished on this thread (a sandbox with no worker, or warming up). */
const hereSigners = signerCache(nodeSyncSigner).signerFor;

/** How this runtime starts the sandbox's workers, compiles their engine and finishes a token here. */
export const SANDBOX_RUNTIME: SandboxRuntime = {
  detectSpawner: detectWorkerSpawner,
  compile: compileJsonnetWasm,
  finishToken: (output, step) => finishToken(output, step, hereSigners),
};

/** This machine's cores: the Web's count where the runtime has it, else Node's (Node 20 has no navigator). */
function availableCores(): number {
  return reportedCores() ?? nodeBuiltin<{ availableParallelism?: () => number }>("node:os")?.availableParallelism?.() ??
    2;
}

/**
 * Creates a sandboxed Jsonnet evaluator: Ory's 1 s and 256 KiB limits, evaluation in a pool of
 * Workers (one at first, a second only under concurrency: on two cores or fewer, only for a job that
 * keeps the first busy past 5 ms), a worker terminated and replaced after a timeout or crash, and
 * in-thread evaluation where the runtime has no Worker.
 *
 * @param options limits, pool size and how workers start; everything has a default.
 * @returns an evaluator to pass as `jsonnet` to `Tokenizer`; `close()` it to stop its workers.
 * @throws {Error} from `evaluate` only when the engine binary cannot be loaded.
 *
 * @example
 * ```ts
 * import { createSandboxedJsonnet } from "../entries/jsonnet.ts";
 * const sandbox = createSandboxedJsonnet();
 * const looping = await sandbox.evaluate({
 *   source: "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); f(40)",
 *   filename: "claims.jsonnet",
 *   extCode: {},
 * });
 * if (looping.ok || looping.failure.kind !== "timeout") throw new Error("not stopped");
 * const next = await sandbox.evaluate({ source: "{ claims: {} }", filename: "claims.jsonnet", extCode: {} });
 * if (!next.ok) throw new Error("not recovered");
 * sandbox.close();
 * ```
 */
export function createSandboxedJsonnet(options: SandboxedJsonnetOptions = {}): JsonnetSandbox {
  return createJsonnetSandbox(SANDBOX_RUNTIME, options, { cores: availableCores(), spillMs: SPILL_MS });
}

let shared: JsonnetSandbox | undefined;

/**
 * The sandbox `Tokenizer` uses when it is given no `jsonnet`: one per process or page, created on
 * first use. Its workers never keep a process alive, so it needs no closing.
 *
 * @returns the shared sandbox.
 */
export function defaultJsonnetSandbox(): JsonnetSandbox {
  shared ??= createSandboxedJsonnet();
  return shared;
}
