/**
 * This runtime's parts for the core where there are no worker threads (Cloudflare Workers; scripts/build.ts
 * puts this leaf in place of `runtime_host.ts` in `dist/workerd_lib.js`): mappers evaluate in the
 * request's own thread, stopped at Ory's 1 s by the engine's deadline checks, and WebCrypto signs.
 *
 * @module
 */

import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import { createJsonnetEngine } from "../jsonnet/engine.ts";
import { compileJsonnetWasm } from "./compile_jsonnet_wasm.ts";

let shared: JsonnetEvaluator | undefined;

/** The runtime host of the `workerd` entry: one in-thread engine per isolate, made on first use. */
export const RUNTIME_HOST: RuntimeHost = {
  defaultJsonnet: () => shared ??= createJsonnetEngine({}, compileJsonnetWasm),
};
