/**
 * This runtime's parts for the core where there are no worker threads (Cloudflare Workers; scripts/build.ts
 * puts this leaf in place of `runtime_host.ts` in `dist/workerd_lib.js`): mappers evaluate in the
 * request's own thread, stopped at Ory's 1 s by the engine's deadline checks, and WebCrypto signs.
 *
 * @module
 */

import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import { defaultJsonnetEngine } from "./jsonnet_engine.ts";

/** The runtime host of the `workerd` entry: the shared in-thread engine, one per isolate. */
export const RUNTIME_HOST: RuntimeHost = { defaultJsonnet: defaultJsonnetEngine };
