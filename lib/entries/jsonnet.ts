/**
 * `ory-tokenizer/jsonnet`: the Jsonnet engine with Ory's limits: in-thread, or sandboxed in Workers
 * (the `Tokenizer` default), and where its WebAssembly comes from.
 *
 * @module
 */

export { OUTPUT_LIMIT_BYTES, TIMEOUT_MS } from "../jsonnet/engine.ts";
export { createJsonnetEngine, defaultJsonnetEngine } from "../runtime/jsonnet_engine.ts";
export { createSandboxedJsonnet, defaultJsonnetSandbox } from "../runtime/sandboxed_jsonnet.ts";
export { nodeWorkerSpawner, webWorkerSpawner } from "../runtime/spawn_worker.ts";
export type { JsonnetSandbox, SandboxedJsonnetOptions } from "../jsonnet/sandbox.ts";
export type { SandboxWorker, SandboxWorkerEvents, SpawnWorker } from "../jsonnet/sandbox_worker.ts";
export type {
  EvaluateOptions,
  JsonnetEngineOptions,
  JsonnetEvaluator,
  JsonnetRequest,
  JsonnetResult,
} from "../jsonnet/engine.ts";
export type { JsonnetFailure, JsonnetFailureKind } from "../jsonnet/engine_error.ts";
export { compileJsonnetWasm } from "../runtime/compile_jsonnet_wasm.ts";
export type { JsonnetWasmSource } from "../jsonnet/wasm_source.ts";
