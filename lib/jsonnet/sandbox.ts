/**
 * Ory's Jsonnet sandbox, in every runtime: each evaluation gets 1 s of wall clock and 256 KiB of
 * output, and runs in a Worker, so the caller's thread never blocks and a runaway mapper is stopped by
 * terminating its worker. The next evaluation gets a fresh worker; the compiled engine is posted to
 * it, so a restart costs a thread start and an instantiation, not a compilation.
 *
 * Two mechanisms enforce the deadline. The engine binary this project ships checks the clock as it
 * runs (see `_deadline.ts`) and ends an evaluation at `timeoutMs` by itself, in a worker or not. The
 * sandbox's watchdog terminates a worker that has not answered `graceMs` later: the backstop for a
 * binary without checks or a step that runs long without calling anything.
 *
 * What each runtime guarantees:
 * - Node 20+ (`worker_threads`), browsers and web workers (module Web Workers): evaluation off the
 *   caller's thread; stopped at 1 s by the engine, or at 1.25 s by terminating the worker.
 * - Deno (its `node:worker_threads`): the same, except that Deno's `terminate()` does not stop a
 *   thread that is busy (denoland/deno#35657), so only the engine's own deadline stops it.
 * - No Worker at all (Cloudflare Workers, or a worker script that failed to load): in-thread
 *   evaluation, still stopped at 1 s by the engine's deadline, but blocking the caller meanwhile;
 *   `isolation` says `"in-thread"` and `fallbackReason` why.
 *
 * @module
 */

import type { SandboxReply, SandboxRequest } from "./sandbox_protocol.ts";
import { checksDeadlines } from "./deadline.ts";
import {
  createJsonnetEngine,
  type EvaluateOptions,
  type JsonnetEvaluator,
  type JsonnetRequest,
  type JsonnetResult,
  TIMEOUT_MS,
} from "./engine.ts";
import type { JsonnetFailure } from "./engine_error.ts";
import type { JsonValue } from "../encoding/go_json.ts";
import type { JsonnetWasmSource, WasmCompiler } from "./wasm_source.ts";
import type { DetectedSpawner, DetectSpawner, SandboxWorker, SpawnWorker } from "./sandbox_worker.ts";
import { TokenizerError } from "../errors.ts";
import { type TokenEvaluation, type TokenStep, type TokenStepOutcome, WORKER_KEYS } from "./token_step.ts";

/**
 * How long a lone worker stays awake for the next request after replying: a sequential caller sends
 * it after the rest of its tokenization on the caller's thread, which takes less than this, and a
 * round trip to a sleeping worker costs much more than one to an awake one. What it gains one caller
 * is measured in BENCHMARKS.md.
 */
const LINGER_MS = 0.5;

/**
 * On two cores or fewer, how long a worker's job must have run before a job queued behind it goes to
 * another worker instead of waiting for it. A typical mapper takes far less: those pipeline through one
 * worker, kept awake, beside the caller's thread, which does the rest of each tokenization (measured,
 * BENCHMARKS.md: two callers gain more this way than with two workers and the caller's thread sharing
 * two cores). A slow or runaway mapper holds up nobody else for longer than this.
 */
export const SPILL_MS = 5;

/** Options of `createSandboxedJsonnet`. */
export interface SandboxedJsonnetOptions {
  /** The engine binary; the `jsonnet.wasm` beside lib by default. It is compiled once, here. */
  wasm?: JsonnetWasmSource | undefined;
  /** How to start a worker; found for the runtime by default. `null` evaluates in-thread. */
  spawn?: SpawnWorker | null | undefined;
  /**
   * The worker script (`ory-tokenizer/jsonnet_worker.js`, served by you) instead of the one lib finds
   * or carries inline. Ignored when `spawn` is given.
   */
  worker?: URL | undefined;
  /**
   * What happens when no worker can run (none in this runtime, or its script failed to load), so
   * that evaluations would block the caller's thread: `"warn"` (default) evaluates in-thread after one
   * `console.warn` saying why, `"allow"` does so silently, `"refuse"` fails every evaluation with
   * `ERR_SANDBOX_UNAVAILABLE` instead. `spawn: null` asks for in-thread evaluation, and never warns.
   */
  inThreadFallback?: "warn" | "allow" | "refuse" | undefined;
  /**
   * Most workers at once: 2, or 1 on a single core. Extra ones start only under concurrency, and on
   * two cores only once a worker has been busy with one job for 5 ms or two jobs wait (`SPILL_MS`).
   */
  workers?: number | undefined;
  /** Wall clock per evaluation, Ory's 1 s by default. */
  timeoutMs?: number | undefined;
  /** How long past `timeoutMs` the engine may take to stop itself before its worker is terminated. */
  graceMs?: number | undefined;
  /** A worker that is not ready this long after it was started counts as failing to start. */
  startTimeoutMs?: number | undefined;
  /**
   * Evaluate in this thread until the first worker is ready (see `warmStart` below): faster cold starts
   * for processes, at the price of blocking the caller during those first evaluations, which no
   * watchdog guards. Default: off. Ignored with `inThreadFallback: "refuse"`.
   */
  warmStart?: boolean | undefined;
  /** Passed to the engine in each worker (see `createJsonnetEngine`). */
  evaluationsPerInstance?: number | undefined;
  /** Passed to the engine in each worker (see `createJsonnetEngine`). */
  maxInstanceMemoryBytes?: number | undefined;
}

/** A Jsonnet evaluator with Ory's limits that runs evaluations in Workers. */
export interface JsonnetSandbox extends JsonnetEvaluator {
  /**
   * Evaluates a mapper and carries its output on to the token where it ran (the claims check and
   * merge, Go's JSON, the signature), so a token costs the caller one message each way.
   */
  tokenize(request: JsonnetRequest, step: TokenStep, options?: EvaluateOptions): Promise<TokenEvaluation>;
  /**
   * `"worker"` once a worker has started, `"in-thread"` where none can (see `fallbackReason`), and
   * `undefined` before the first evaluation (or {@linkcode JsonnetSandbox.start}) finds out.
   */
  readonly isolation: "worker" | "in-thread" | undefined;
  /** Why evaluations run in-thread, when they do. */
  readonly fallbackReason: string | undefined;
  /** Starts a worker ahead of the first evaluation, so that one does not wait for it. */
  start(): Promise<"worker" | "in-thread">;
  /**
   * Terminates every worker; evaluations in flight or queued end with a `crash` failure. The sandbox
   * stays usable: a later evaluation starts a new worker.
   */
  close(): void;
  /** Evaluations waiting for a worker, and running in one: what a caller dropping stale work can watch. */
  readonly pending: { queued: number; running: number };
}

/** What a job ends in: an evaluation's result, or for a token's job, the token's. */
type JobResult = JsonnetResult | TokenEvaluation;

interface Job {
  id: number;
  request: JsonnetRequest;
  /** A token's job: the steps after the evaluation. */
  step?: TokenStep | undefined;
  resolve(result: JobResult): void;
  reject(error: unknown): void;
  /** Set once the caller's signal aborted it: it is settled, and whatever it still holds is dropped. */
  aborted?: boolean;
}

interface Slot {
  worker?: SandboxWorker;
  state: "starting" | "idle" | "busy";
  job?: Job | undefined;
  /** When the current job was posted (`performance.now()`). */
  since?: number;
  timer?: ReturnType<typeof setTimeout> | undefined;
  /** The key ids this worker holds, in the order it took them (it keeps `WORKER_KEYS`, as this does). */
  keys: Set<string>;
}

/**
 * Failures after which a worker is replaced (Ory destroys its worker on error): the engine dropped its
 * instance, whose memory may have grown to gigabytes, and terminating the thread frees it at once.
 */
const REPLACE_AFTER: ReadonlySet<JsonnetFailure["kind"]> = new Set(["timeout", "crash"]);
/** Consecutive failed starts after which the sandbox stops trying workers. */
const START_ATTEMPTS = 3;

function failure(kind: JsonnetFailure["kind"], filename: string, message: string): JsonnetResult {
  return { ok: false, failure: { kind, message, text: `${filename}: ${message}` } };
}

function sandboxUnavailable(reason: string): TokenizerError {
  return new TokenizerError("ERR_SANDBOX_UNAVAILABLE", {
    detail: `No Jsonnet worker can run (${reason}), and inThreadFallback: "refuse" forbids evaluating on this thread`,
  });
}

/** What a sandbox needs from the runtime it runs in (lib/runtime/sandboxed_jsonnet.ts gives it). */
export interface SandboxRuntime {
  /** Finds how this runtime starts a worker, or says why it cannot. */
  detectSpawner: DetectSpawner;
  /** Compiles the engine that the workers (and an in-thread fallback) run. */
  compile: WasmCompiler;
  /** A token's steps after an evaluation on this thread (the in-thread fallback and the warm start). */
  finishToken(output: JsonValue, step: TokenStep): Promise<TokenStepOutcome>;
}

/** What the pool is sized by: the machine's cores, and on two or fewer, when a job spills (SPILL_MS). */
export interface PoolPolicy {
  cores: number;
  spillMs: number;
}

/** The cores this runtime reports through the Web's `navigator` (browsers, Deno, Node 21+), if it does. */
export function reportedCores(): number | undefined {
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
}

/**
 * The sandbox itself, given how this runtime starts workers and finds the engine:
 * `lib/runtime/sandboxed_jsonnet.ts` passes the runtime's (the core never imports an adapter), tests
 * may pass their own.
 *
 * @param runtime how workers start when `options.spawn` is undefined, and how the engine compiles.
 * @param options limits, pool size and how workers start.
 * @param pool the machine's cores, which set the default pool size and when a second worker takes work.
 */
export function createJsonnetSandbox(
  runtime: SandboxRuntime,
  options: SandboxedJsonnetOptions = {},
  pool: PoolPolicy = { cores: reportedCores() ?? 2, spillMs: SPILL_MS },
): JsonnetSandbox {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const graceMs = options.graceMs ?? 250;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const size = options.workers ?? Math.max(1, Math.min(2, pool.cores));
  // With a core per worker and one for the caller, a second worker overlaps at once; with fewer, the
  // threads would take turns on the cores, and one worker kept busy does more (see SPILL_MS).
  const spills = pool.cores <= 2;
  const fallbackPolicy = options.inThreadFallback ?? "warn";
  // Off unless asked for: an in-thread evaluation has no watchdog, so a step the engine's deadline
  // cannot interrupt would block the caller far past Ory's 1 s (docs/jsonnet-sandbox.md). A sandbox told
  // never to evaluate on the caller's thread does not warm-start there even when asked.
  const warmStarts = (options.warmStart ?? false) && fallbackPolicy !== "refuse";
  const engineOptions = {
    timeoutMs,
    evaluationsPerInstance: options.evaluationsPerInstance,
    maxInstanceMemoryBytes: options.maxInstanceMemoryBytes,
  };
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let detection: Promise<DetectedSpawner> | undefined;
  let compiled: Promise<WebAssembly.Module> | undefined;
  let deadlineChecks = false;
  let spawner: SpawnWorker | undefined;
  let inThread: JsonnetEvaluator | undefined;
  let bridge: JsonnetEvaluator | undefined;
  let fallbackReason: string | undefined;
  let everReady = false;
  let failedStarts = 0;
  let nextId = 0;
  let lastDispatched: Slot | undefined;
  let spillTimer: ReturnType<typeof setTimeout> | undefined;

  function detect(): Promise<DetectedSpawner> {
    detection ??= options.spawn === null
      ? Promise.resolve({ spawn: undefined, reason: "workers are turned off (spawn: null)" })
      : options.spawn === undefined
      ? runtime.detectSpawner(options.worker)
      : Promise.resolve({ spawn: options.spawn });
    return detection;
  }

  /** Compiles the engine once, here; started with the first evaluation, while a worker boots. */
  function compile(): Promise<WebAssembly.Module> {
    if (compiled === undefined) {
      const promise = runtime.compile(options.wasm);
      compiled = promise;
      promise.then((module) => deadlineChecks = checksDeadlines(module), (error) => {
        // A binary that cannot be loaded now may load later (a flaky network): forget the failure.
        if (compiled === promise) compiled = undefined;
        for (const slot of slots) if (slot.state === "starting") retire(slot);
        for (const job of queue.splice(0)) job.reject(error);
      });
    }
    return compiled;
  }

  function fallBack(reason: string): JsonnetEvaluator {
    const first = fallbackReason === undefined;
    fallbackReason ??= reason;
    if (inThread === undefined && options.spawn !== null && fallbackPolicy === "refuse") {
      const refusal = sandboxUnavailable(fallbackReason);
      inThread = { evaluate: () => Promise.reject(refusal) };
    } else if (inThread === undefined) {
      if (first && options.spawn !== null && fallbackPolicy === "warn") {
        console.warn(
          `ory-tokenizer: Jsonnet mappers run on this thread, without a worker's isolation: ${fallbackReason} ` +
            '(createSandboxedJsonnet({ inThreadFallback: "refuse" }) refuses instead)',
        );
      }
      let engine: JsonnetEvaluator | undefined;
      inThread = {
        async evaluate(request) {
          engine ??= createJsonnetEngine({ wasm: await compile(), ...engineOptions }, runtime.compile);
          return await engine.evaluate(request);
        },
      };
    }
    for (const slot of slots) retire(slot);
    for (const job of queue.splice(0)) runHere(inThread, job).then(job.resolve, job.reject);
    return inThread;
  }

  function retire(slot: Slot): void {
    slots.delete(slot);
    clearTimeout(slot.timer);
    try {
      slot.worker?.terminate();
    } catch {
      // Already gone.
    }
  }

  function spawnSlot(spawn: SpawnWorker): void {
    const slot: Slot = { state: "starting", keys: new Set() };
    slots.add(slot);
    armStartTimer(slot, performance.now());
    try {
      slot.worker = spawn({
        message: (data) => received(slot, data as SandboxReply),
        error: (message) => failed(slot, message),
      });
    } catch (error) {
      failed(slot, error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * A worker not ready after `startTimeoutMs` has failed to start, unless this thread was what kept
   * it waiting (the timer fired late: the caller's thread was blocked), in which case it gets another
   * `startTimeoutMs`. A blocked caller must not disable the sandbox for good.
   */
  function armStartTimer(slot: Slot, armedAt: number): void {
    slot.timer = setTimeout(() => {
      const late = performance.now() - armedAt - startTimeoutMs;
      if (late > Math.min(1000, startTimeoutMs)) armStartTimer(slot, performance.now());
      else failed(slot, `it was not ready after ${startTimeoutMs} ms`, "slow");
    }, startTimeoutMs);
  }

  function initialize(slot: Slot, module: WebAssembly.Module): void {
    if (!slots.has(slot)) return;
    const init = { type: "init", ...engineOptions } as const;
    try {
      slot.worker!.postMessage({ ...init, module } satisfies SandboxRequest);
    } catch {
      // This runtime cannot post a compiled Module: the worker compiles its own copy.
      slot.worker!.postMessage(init satisfies SandboxRequest);
    }
  }

  function received(slot: Slot, reply: SandboxReply): void {
    if (!slots.has(slot)) return;
    if (reply.type === "hello") {
      // A failed compilation is handled in compile().
      compile().then((module) => initialize(slot, module), () => {});
    } else if (reply.type === "fatal") {
      failed(slot, reply.message);
    } else if (reply.type === "ready") {
      clearTimeout(slot.timer);
      slot.state = "idle";
      everReady = true;
      bridge = undefined; // workers from now on; the bridge's instance can be collected
      failedStarts = 0;
      pump();
    } else if (slot.job?.id === reply.id) {
      clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = undefined;
      slot.state = "idle";
      let result: JobResult;
      if ("outcome" in reply) {
        result = { ok: true, outcome: reply.outcome };
      } else if ("output" in reply) {
        result = { ok: true, output: reply.output, value: JSON.parse(reply.output) as JsonValue };
      } else {
        result = { ok: false, failure: reply.failure };
        if (REPLACE_AFTER.has(reply.failure.kind)) retire(slot);
      }
      job.resolve(result);
      pump();
    }
  }

  function failed(slot: Slot, message: string, why: "error" | "slow" = "error"): void {
    if (!slots.has(slot)) return;
    const { job, state } = slot;
    retire(slot);
    job?.resolve(failure("crash", job.request.filename, `engine crashed: its worker stopped (${message})`));
    // A worker that cannot load at all means none ever will; one that is merely slow gets retries.
    if (state === "starting" && ((!everReady && why === "error") || ++failedStarts >= START_ATTEMPTS)) {
      fallBack(`no Jsonnet worker could be started: ${message}`);
      return;
    }
    pump();
  }

  function dispatch(slot: Slot, job: Job): void {
    const { source, filename, extCode } = job.request;
    // Only a lone worker waits awake: two spinning workers would take both cores from the caller. A
    // queued job does not stop it: the reply dispatches that job at once, to the worker still awake.
    let alone = slot === lastDispatched;
    for (const other of slots) if (other !== slot && other.state === "busy") alone = false;
    lastDispatched = slot;
    const request: SandboxRequest = { type: "evaluate", id: job.id, source, filename, extCode };
    if (alone) request.linger = LINGER_MS;
    if (job.step !== undefined) {
      request.step = withKeyFor(slot, job.step);
      // A token's `claims` ext code is its step's defaults as Go's JSON: they travel once, in the step.
      const { claims: _inStep, ...rest } = extCode;
      request.extCode = rest;
    }
    try {
      slot.worker!.postMessage(request);
    } catch (error) {
      job.reject(error);
      return;
    }
    slot.state = "busy";
    slot.job = job;
    slot.since = performance.now();
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      retire(slot);
      job.resolve(failure(
        "timeout",
        filename,
        `failed to run jsonnet within ${timeoutMs / 1000}s (Ory's limit), so its worker was terminated`,
      ));
      pump();
    }, timeoutMs + (deadlineChecks ? graceMs : 0));
  }

  /** The step as this worker needs it: the key itself only the first time (the worker keeps it). */
  function withKeyFor(slot: Slot, step: TokenStep): TokenStep {
    const { id } = step.key;
    if (slot.keys.has(id)) return { ...step, key: { id } };
    if (slot.keys.size >= WORKER_KEYS) slot.keys.delete(slot.keys.values().next().value!);
    slot.keys.add(id);
    return step;
  }

  /** Runs a job on this thread: the evaluation, and a token's steps after it. */
  async function runHere(evaluator: JsonnetEvaluator, job: Pick<Job, "request" | "step">, signal?: AbortSignal) {
    const result = await evaluator.evaluate(job.request, { signal });
    if (job.step === undefined || !result.ok) return result;
    return { ok: true, outcome: await runtime.finishToken(result.value, job.step) } as const;
  }

  function pump(): void {
    if (inThread !== undefined) return;
    // The worker that served last first: it may still be awake.
    if (queue.length > 0 && lastDispatched?.state === "idle" && slots.has(lastDispatched)) {
      dispatch(lastDispatched, queue.shift()!);
    }
    const waitUntil = spills ? holdUntil() : undefined;
    if (waitUntil !== undefined) {
      spillTimer ??= setTimeout(() => {
        spillTimer = undefined;
        pump();
      }, Math.max(0, waitUntil - performance.now()));
      return;
    }
    // Nothing held: a pending spill check would only keep a process that is done alive a little longer.
    clearTimeout(spillTimer);
    spillTimer = undefined;
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot.state === "idle") dispatch(slot, queue.shift()!);
    }
    let starting = [...slots].filter((slot) => slot.state === "starting").length;
    while (queue.length > starting && slots.size < size && spawner !== undefined) {
      spawnSlot(spawner);
      starting++;
    }
  }

  /**
   * While a busy worker's job is younger than `pool.spillMs`, one queued job waits for that worker rather
   * than go to another: the time it stops holding it, or undefined when jobs may go anywhere. Two or more
   * waiting go at once: so deep a queue means the caller's thread is the busy one (a server: measured
   * over HTTP with 50 requests in flight, two workers served more than one; BENCHMARKS.md), and a
   * second worker hides its delays in answering. A token's job never waits: its worker does the whole
   * token, so the caller's thread has little to overlap with, and a second worker does (BENCHMARKS.md).
   */
  function holdUntil(): number | undefined {
    if (queue.length !== 1 || queue[0]!.step !== undefined) return undefined;
    let until: number | undefined;
    const now = performance.now();
    for (const slot of slots) {
      if (slot.state !== "busy" || slot.since === undefined || now - slot.since >= pool.spillMs) continue;
      until = Math.max(until ?? 0, slot.since + pool.spillMs);
    }
    return until;
  }

  async function run(
    request: JsonnetRequest,
    step: TokenStep | undefined,
    warm = true,
    signal?: AbortSignal,
  ): Promise<JobResult> {
    signal?.throwIfAborted();
    const module = compile();
    const detected = await detect();
    if (detected.spawn === undefined) {
      await module;
      return await runHere(fallBack(detected.reason), { request, step }, signal);
    }
    spawner = detected.spawn;
    if (inThread !== undefined) return await runHere(inThread, { request, step }, signal);
    signal?.throwIfAborted();
    return await new Promise<JobResult>((resolve, reject) => {
      const onAbort = () => abort(job, signal!.reason);
      const job: Job = {
        id: nextId++,
        request,
        step,
        resolve: (result) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(result);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(job);
      if (warm && warmStarts && !everReady) void warmStart(job);
      else pump();
    });
  }

  /**
   * A queued job leaves the queue and never runs; a running one has its worker terminated and
   * replaced, as after a timeout, so the worker is free for the next job at once. A job the warm
   * start runs in this thread cannot be interrupted: its result is dropped when it arrives.
   */
  function abort(job: Job, reason: unknown): void {
    if (job.aborted) return;
    job.aborted = true;
    const at = queue.indexOf(job);
    if (at !== -1) queue.splice(at, 1);
    for (const slot of slots) {
      if (slot.job === job) {
        slot.job = undefined;
        retire(slot);
      }
    }
    job.reject(reason);
    pump();
  }

  /**
   * A cold start waits for a worker to boot (BENCHMARKS.md) although the engine is compiled by
   * then: until the first worker is ready, a queued evaluation runs in this thread instead, stopped at
   * the deadline by the engine itself. Only with a binary that checks deadlines, and only while no
   * worker has ever been ready, so a long-lived sandbox evaluates in workers.
   */
  async function warmStart(job: Job): Promise<void> {
    const module = await compile().catch(() => undefined);
    const at = queue.indexOf(job);
    if (module === undefined || everReady || inThread !== undefined || !checksDeadlines(module) || at === -1) {
      pump();
      return;
    }
    queue.splice(at, 1);
    bridge ??= createJsonnetEngine({ wasm: module, ...engineOptions }, runtime.compile);
    const settle = (finish: () => void) => {
      finish();
      // The first worker starts only now: creating one blocks this thread for a while in Deno
      // (BENCHMARKS.md), which would otherwise come before the first result.
      if (slots.size === 0 && spawner !== undefined && inThread === undefined) spawnSlot(spawner);
      pump();
    };
    runHere(bridge, job).then(
      (result) => settle(() => job.resolve(result)),
      (error) => settle(() => job.reject(error)),
    );
  }

  return {
    evaluate: (request, evaluateOptions?: EvaluateOptions) =>
      run(request, undefined, true, evaluateOptions?.signal) as Promise<JsonnetResult>,
    tokenize: (request, step, evaluateOptions?: EvaluateOptions) =>
      run(request, step, true, evaluateOptions?.signal) as Promise<TokenEvaluation>,
    get isolation() {
      return inThread !== undefined ? "in-thread" : everReady ? "worker" : undefined;
    },
    get fallbackReason() {
      return fallbackReason;
    },
    get pending() {
      return { queued: queue.length, running: [...slots].filter((slot) => slot.job !== undefined).length };
    },
    async start() {
      await run({ source: "null", filename: "start", extCode: {} }, undefined, false);
      return inThread !== undefined ? "in-thread" : "worker";
    },
    close() {
      clearTimeout(spillTimer);
      spillTimer = undefined;
      const jobs = [...queue.splice(0), ...[...slots].flatMap((slot) => slot.job ?? [])];
      for (const slot of slots) retire(slot);
      for (const job of jobs) job.resolve(failure("crash", job.request.filename, "the Jsonnet sandbox was closed"));
    },
  };
}
