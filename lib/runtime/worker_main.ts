/**
 * The sandbox worker's entry point: the in-thread engine, driven by messages (see
 * lib/jsonnet/sandbox_protocol.ts), wired to this runtime's channel. The build bundles it to
 * dist/jsonnet_worker.js; it runs as a module Web Worker and as a Node
 * `worker_threads` worker alike.
 *
 * @module
 */

import type { SandboxReply, SandboxRequest } from "../jsonnet/sandbox_protocol.ts";
import { createJsonnetEngine, type JsonnetEvaluator } from "../jsonnet/engine.ts";
import { workerPort } from "./worker_port.ts";
import { compileJsonnetWasm } from "./compile_jsonnet_wasm.ts";
import { finishToken, signerCache } from "../tokenize/finish_token.ts";
import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import { nodeSyncSigner } from "./node_signer.ts";

const port = workerPort();
let engine: JsonnetEvaluator | undefined;
// Keys are imported here once and never enter the engine's memory; the sandbox counts them alike
// (WORKER_KEYS, the cache's size).
const signers = signerCache(nodeSyncSigner);

function reply(message: SandboxReply): void {
  port.postMessage(message);
}

/** Handles a request, then any that arrive while it lingers awake (a loop: no chain of promises). */
async function serve(first: SandboxRequest): Promise<void> {
  let next: SandboxRequest | undefined = first;
  while (next !== undefined) {
    await handle(next);
    next = next.type === "evaluate" && next.linger !== undefined ? poll(next.linger) : undefined;
  }
}

async function handle(message: SandboxRequest): Promise<void> {
  if (message.type === "init") {
    try {
      engine = createJsonnetEngine({
        ...(message.module === undefined ? {} : { wasm: message.module }),
        timeoutMs: message.timeoutMs,
        evaluationsPerInstance: message.evaluationsPerInstance,
        maxInstanceMemoryBytes: message.maxInstanceMemoryBytes,
      }, compileJsonnetWasm);
      // Instantiate now, so the first evaluation's clock does not include it.
      const warmUp = await engine.evaluate({ source: "null", filename: "warm-up", extCode: {} });
      if (!warmUp.ok) throw new Error(warmUp.failure.message);
    } catch (error) {
      reply({
        type: "fatal",
        message: `the engine did not start: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    reply({ type: "ready" });
    return;
  }
  const { id, source, filename, step } = message;
  if (step !== undefined) signers.keep(step); // held from now on, as the sandbox counts it
  try {
    // A token's defaults come once, in its step; the mapper's `claims` ext code is them as Go's JSON.
    const extCode = step === undefined
      ? message.extCode
      : { ...message.extCode, claims: goJsonStringify(step.defaults as JsonValue) };
    const result = await engine!.evaluate({ source, filename, extCode });
    if (!result.ok) reply({ type: "result", id, failure: result.failure });
    else if (step !== undefined) {
      reply({ type: "result", id, outcome: await finishToken(result.value, step, signers.signerFor) });
    } // The output goes back as text: cheaper to post than the parsed value, which the sandbox rebuilds.
    else reply({ type: "result", id, output: result.output });
  } catch (error) {
    const text = `engine crashed: ${error instanceof Error ? error.message : String(error)}`;
    reply({ type: "result", id, failure: { kind: "crash", message: text, text: `${filename}: ${text}` } });
  }
}

/**
 * Waits for the next request awake, for `ms` at most: a sequential caller's next request comes within
 * a tokenization's signing, and a thread woken from sleep costs more than that (a bare round trip to
 * a sleeping thread takes much longer than one to an awake thread; BENCHMARKS.md).
 */
function poll(ms: number): SandboxRequest | undefined {
  if (port.receiveNow === undefined) return undefined;
  const until = performance.now() + ms;
  do {
    const next = port.receiveNow();
    if (next !== undefined) return next.message as SandboxRequest;
  } while (performance.now() < until);
  return undefined;
}

port.addEventListener("message", (event) => void serve((event as MessageEvent<SandboxRequest>).data));
reply({ type: "hello" });
