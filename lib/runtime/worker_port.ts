/**
 * Inside a worker: the channel to the thread that started it. A module Web Worker talks through its
 * global scope; a Node (or Deno, through its Node compatibility) `worker_threads` worker through
 * `parentPort`, which has the same `postMessage` and `addEventListener("message")`.
 *
 * @module
 */

import { nodeBuiltin } from "./node_builtin.ts";

/** What a worker needs of its channel. */
export interface WorkerPort {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  /**
   * Takes the next message off the channel synchronously, if one has arrived: `worker_threads` only
   * (`receiveMessageOnPort`), absent in a Web Worker.
   */
  receiveNow?: () => { message: unknown } | undefined;
}

/**
 * Finds this worker's channel to its parent.
 *
 * @returns `parentPort` in a `worker_threads` worker, else the global scope of a Web Worker.
 * @throws {TypeError} when called outside a worker.
 */
export function workerPort(): WorkerPort {
  // Checked first: in Deno a worker_threads worker also has a global postMessage, on another channel.
  const threads = nodeBuiltin<{
    parentPort: WorkerPort | null;
    receiveMessageOnPort(port: unknown): { message: unknown } | undefined;
    MessagePort: abstract new () => unknown;
  }>("node:worker_threads");
  if (threads?.parentPort) {
    const parentPort = threads.parentPort;
    // Deno's parentPort is not one of its own MessagePorts, and receiveMessageOnPort refuses it.
    if (!(parentPort instanceof threads.MessagePort)) return parentPort;
    return {
      postMessage: (message) => parentPort.postMessage(message),
      addEventListener: (type, listener) => parentPort.addEventListener(type, listener),
      receiveNow: () => threads.receiveMessageOnPort(parentPort),
    };
  }
  const scope = globalThis as unknown as Partial<WorkerPort>;
  if (typeof scope.postMessage !== "function" || typeof scope.addEventListener !== "function") {
    throw new TypeError("Cannot find the worker's channel: this code must run inside a Worker");
  }
  return scope as WorkerPort;
}
