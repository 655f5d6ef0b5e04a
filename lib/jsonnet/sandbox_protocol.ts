/**
 * The messages between the sandbox (sandbox.ts) and the engine in its worker (lib/runtime/worker_main.ts). After
 * the handshake, requests and replies hold strings only, which every runtime clones cheaply.
 *
 * Handshake: the worker says `hello` once it listens (a message posted earlier could be lost in a
 * module Worker), the sandbox sends `init` with the compiled engine, the worker answers `ready`.
 *
 * @module
 */

import type { JsonnetFailure } from "./engine_error.ts";

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
    extCode: Record<string, string>;
    /**
     * Milliseconds to keep polling for the next request after replying, instead of going to sleep:
     * sent only while this worker is the sandbox's one busy worker, for a sequential caller.
     */
    linger?: number;
  };

/** From a worker to the sandbox. */
export type SandboxReply =
  | { type: "hello" }
  | { type: "ready" }
  /** The engine could not be set up in the worker. */
  | { type: "fatal"; message: string }
  | { type: "result"; id: number; output: string }
  | { type: "result"; id: number; failure: JsonnetFailure };
