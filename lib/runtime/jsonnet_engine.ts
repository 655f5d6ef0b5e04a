/**
 * The in-thread engine wired to this runtime: the core's (`lib/jsonnet/engine.ts`) finding its binary
 * the way this runtime does (`compileJsonnetWasm`), and the shared one; `sandboxed_jsonnet.ts` is the
 * same for the sandbox.
 *
 * @module
 */

import {
  createJsonnetEngine as createWith,
  type JsonnetEngineOptions,
  type JsonnetEvaluator,
} from "../jsonnet/engine.ts";
import { compileJsonnetWasm } from "./compile_jsonnet_wasm.ts";

/**
 * Creates an in-thread Jsonnet engine with Ory's limits: 256 KiB of output and 1 s per evaluation
 * (the deadline needs the shipped binary). An evaluation blocks the calling thread until it ends;
 * `createSandboxedJsonnet` runs this engine in a Worker instead.
 *
 * @param options the binary (lib's own by default) and the limits.
 * @returns the engine; it compiles and instantiates the binary on its first evaluation.
 * @example
 * ```ts
 * import { createJsonnetEngine } from "../entries/jsonnet.ts";
 * const engine = createJsonnetEngine();
 * const result = await engine.evaluate({ source: "{ claims: { sub: std.extVar('session').id } }", filename: "m.jsonnet", extCode: { session: '{"id":"x"}' } });
 * if (!result.ok || JSON.stringify(result.value) !== '{"claims":{"sub":"x"}}') throw new Error();
 * ```
 */
export function createJsonnetEngine(options: JsonnetEngineOptions = {}): JsonnetEvaluator {
  return createWith(options, compileJsonnetWasm);
}

let shared: JsonnetEvaluator | undefined;

/**
 * A shared in-thread engine, one per process or page, created on first use. `Tokenizer` uses the
 * sandbox instead (`defaultJsonnetSandbox()`), which runs this engine in a Worker.
 *
 * @returns the shared engine.
 */
export function defaultJsonnetEngine(): JsonnetEvaluator {
  shared ??= createJsonnetEngine();
  return shared;
}
