/**
 * The messages between the sandbox (sandbox.ts) and the engine in its worker (lib/runtime/worker_main.ts). After
 * the handshake, requests and replies hold strings and small objects (a token's step and outcome);
 * a signing key travels once per worker.
 *
 * Handshake: the worker says `hello` once it listens (a message posted earlier could be lost in a
 * module Worker), the sandbox sends `init` with the compiled engine, the worker answers `ready`.
 *
 * @module
 */

import type { JsonnetFailure } from "./engine_error.ts";
import type { TokenStep, TokenStepOutcome } from "./token_step.ts";

/** From the sandbox to a worker. */
export type SandboxRequest =
  | {
    type: "init";
    /** The compiled engine; absent where a Module cannot be posted (the worker then loads its own). */
    module?: WebAssembly.Module;
    timeoutMs: number;
    evaluationsPerInstance?: number | undefined;
    maxInstanceMemoryBytes?: number | undefined;
  }
  | {
    type: "evaluate";
    id: number;
    source: string;
    filename: string;
    /** With a `step`, without `claims`: the worker writes it from `step.defaults` (they travel once). */
    extCode: Record<string, string>;
    /**
     * Milliseconds to keep polling for the next request after replying, instead of going to sleep:
     * sent only while this worker is the sandbox's one busy worker, for a sequential caller.
     */
    linger?: number;
    /** Carry the output on to its token (finish_token.ts) and reply with that instead. */
    step?: TokenStep;
  };

/** From a worker to the sandbox. */
export type SandboxReply =
  | { type: "hello" }
  | { type: "ready" }
  /** The engine could not be set up in the worker. */
  | { type: "fatal"; message: string }
  | { type: "result"; id: number; output: string }
  | { type: "result"; id: number; failure: JsonnetFailure }
  | { type: "result"; id: number; outcome: TokenStepOutcome };
