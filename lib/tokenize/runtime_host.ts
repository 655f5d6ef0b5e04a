/**
 * What tokenizing, linting, previews and golden tests need from the runtime they run in. The core never
 * finds these itself: each entry point passes its runtime's (`lib/runtime/runtime_host.ts`, through
 * `lib/wired/`), and a test may pass its own.
 *
 * @module
 */

import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import type { SyncSignerFactory } from "../keys/signing_key.ts";

/** The runtime's parts the core is given instead of importing them. */
export interface RuntimeHost {
  /** The evaluator for callers that pass no `jsonnet` (the shared sandbox); asked on first need only. */
  defaultJsonnet(): JsonnetEvaluator;
  /** Signs synchronously where the runtime can (Node's `crypto.sign`); WebCrypto signs otherwise. */
  syncSigner?: SyncSignerFactory | undefined;
}
