/**
 * This runtime's parts for the core, in one value: the shared sandbox as the default evaluator and, in
 * Node, the synchronous signer. `lib/wired/` hands it to the core; nothing in the core imports it.
 *
 * @module
 */

import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import { defaultJsonnetSandbox } from "./sandboxed_jsonnet.ts";
import { nodeSyncSigner } from "./node_signer.ts";

/** The runtime host the package's entry points use. */
export const RUNTIME_HOST: RuntimeHost = { defaultJsonnet: defaultJsonnetSandbox, syncSigner: nodeSyncSigner };
