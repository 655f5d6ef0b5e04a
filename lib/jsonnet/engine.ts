/**
 * The Jsonnet engine behind one small interface: evaluate a source with ext code, get JSON or a
 * located failure. This in-thread engine runs anywhere WebAssembly does; it recycles its WASM instance
 * (WASM memory only grows) and replaces it after a trap, so one bad evaluation never poisons the next.
 * With the binary this project's build ships, it also stops an evaluation at Ory's 1 s deadline (see
 * `_deadline.ts`); `sandbox.ts` adds a Worker around it so the caller's thread never blocks.
 *
 * @module
 */

import { createGlue, type GlueBindings } from "./glue.generated.js";
import { checksDeadlines, DeadlineExceeded, withDeadlineChecks } from "./deadline.ts";
import { type JsonnetFailure, panicReason, parseEngineError } from "./engine_error.ts";
import type { JsonValue } from "../encoding/go_json.ts";
import { PARSE_JSON_NATIVE, type PreparedSource, type PreparedText, prepareSource, withExtCode } from "./prelude.ts";
import { RUNTIME_FORMAT_NEEDED } from "./go_format.ts";
import { goJsonnetOutputBytes } from "./go_jsonnet_output_size.ts";
import { type JsonnetWasmSource, WASM_FIX, type WasmCompiler } from "./wasm_source.ts";
import { missingEngineAsset } from "./missing_asset.ts";
import { goJsonText } from "./parse_json_like_go.ts";
import type { TokenEvaluation, TokenStep } from "./token_step.ts";

/** Ory's cap on a mapper's output (the jsonnet worker's stdout scanner limit). */
export const OUTPUT_LIMIT_BYTES = 256 * 1024;
/** Ory's wall-clock limit per evaluation ("failed to run jsonnet within 1s"). */
export const TIMEOUT_MS = 1000;

/** One evaluation. */
export interface JsonnetRequest {
  source: string;
  /** Shown in messages; Ory uses the `claims_mapper_url`. */
  filename: string;
  /** Values visible through `std.extVar(name)`, each as JSON text (Ory's ext code). */
  extCode: Record<string, string>;
}

/**
 * The result of an evaluation: the manifested JSON, or why there is none. Each side names the other's
 * members as absent, so code compiled without `strictNullChecks` (where `ok` does not narrow) can
 * still read `failure` or `output`.
 */
export type JsonnetResult =
  | { ok: true; output: string; value: JsonValue; failure?: undefined }
  | { ok: false; failure: JsonnetFailure; output?: undefined; value?: undefined };

/** How one evaluation may be stopped by its caller. */
export interface EvaluateOptions {
  /**
   * Drops the evaluation: a queued one never runs, a running one in a sandbox's worker is stopped as a
   * timeout is. The promise then rejects with `signal.reason` (an `AbortError` DOMException by default).
   */
  signal?: AbortSignal | undefined;
}

/** Anything that evaluates Jsonnet: this engine, or a sandbox around it in a Worker. */
export interface JsonnetEvaluator {
  evaluate(request: JsonnetRequest, options?: EvaluateOptions): Promise<JsonnetResult>;
  /**
   * Evaluates a mapper and carries its output on to the token where it ran, so a token costs one hop
   * (the sandbox has it); without it, the tokenizer finishes the token on its own thread.
   */
  tokenize?(request: JsonnetRequest, step: TokenStep, options?: EvaluateOptions): Promise<TokenEvaluation>;
}

/** Options of {@linkcode createJsonnetEngine}. */
export interface JsonnetEngineOptions {
  /** The engine binary; the `jsonnet.wasm` beside lib by default. */
  wasm?: JsonnetWasmSource | undefined;
  /** Evaluations per WASM instance before a fresh one bounds memory. */
  evaluationsPerInstance?: number | undefined;
  /** WASM memory an instance may have grown to before it is replaced; 64 MiB by default. */
  maxInstanceMemoryBytes?: number | undefined;
  /**
   * Wall-clock limit of one evaluation, Ory's 1 s by default. Enforced when the binary checks deadlines
   * (the one this project ships does); with another binary only a Worker's watchdog can stop it.
   */
  timeoutMs?: number | undefined;
}

interface Instance {
  glue: GlueBindings;
  memory: WebAssembly.Memory;
  vm: number;
  evaluations: number;
}

/**
 * Creates an in-thread Jsonnet engine with Ory's limits: 256 KiB of output and 1 s per evaluation
 * (the deadline needs the shipped binary). An evaluation blocks the calling thread until it ends;
 * `createSandboxedJsonnet` runs this engine in a Worker instead.
 *
 * @param options the binary and the limits; everything has a default.
 * @param compile the runtime's way to compile `options.wasm` (or lib's own binary when it is unset);
 *   the package's entry points pass `compileJsonnetWasm` from lib/runtime.
 * @returns the engine; it compiles and instantiates the binary on its first evaluation.
 */
export function createJsonnetEngine(options: JsonnetEngineOptions, compile: WasmCompiler): JsonnetEvaluator {
  const evaluationsPerInstance = options.evaluationsPerInstance ?? 2000;
  const maxMemory = options.maxInstanceMemoryBytes ?? 64 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  let module: Promise<WebAssembly.Module> | undefined;
  let current: Instance | undefined;
  let deadline: number | undefined;
  /** The message of a Rust panic during the current evaluation, captured instead of printed. */
  let panic: string | undefined;
  // A Tokenizer evaluates the same mapper again and again: remember the last preparation.
  let lastPrepared: { source: string; key: string; prepared: PreparedSource } | undefined;

  async function instance(): Promise<Instance> {
    if (
      current !== undefined && current.evaluations < evaluationsPerInstance &&
      current.memory.buffer.byteLength <= maxMemory
    ) {
      return current;
    }
    module ??= compile(options.wasm);
    const compiled = await module;
    const { imports, bindings } = createGlue();
    let wasm: WebAssembly.Instance;
    try {
      wasm = await WebAssembly.instantiate(
        compiled,
        checksDeadlines(compiled) ? withDeadlineChecks(imports, () => deadline) : imports,
      );
      if (typeof wasm.exports["jsonnet_make"] !== "function") throw new Error("it exports no jsonnet_make");
    } catch (error) {
      // WebAssembly, but not this engine's: other imports, or not its exports.
      throw missingEngineAsset("jsonnet.wasm", undefined, `it is not the engine's WebAssembly: ${WASM_FIX}`, error);
    }
    bindings.attach(wasm);
    bindings.onPanic = (text) => panic = text;
    current = { glue: bindings, memory: wasm.exports["memory"] as WebAssembly.Memory, vm: 0, evaluations: 0 };
    current.vm = bindings.jsonnet_make();
    // std.parseJson as Go reads JSON (the prelude's parseJson calls it).
    bindings.set_func(PARSE_JSON_NATIVE, goJsonText);
    bindings.register_native_callback(current.vm, PARSE_JSON_NATIVE, 1);
    return current;
  }

  return {
    async evaluate(request, evaluateOptions) {
      // In this thread an evaluation cannot be interrupted once it runs: a signal is honoured before.
      evaluateOptions?.signal?.throwIfAborted();
      const engine = await instance();
      evaluateOptions?.signal?.throwIfAborted();
      engine.evaluations++;
      const names = Object.keys(request.extCode);
      const key = `${request.filename}\0${names.join("\0")}`;
      if (lastPrepared?.source !== request.source || lastPrepared.key !== key) {
        const prepared = prepareSource(request.source, names, { filename: request.filename });
        lastPrepared = { source: request.source, key, prepared };
      }
      let prepared: PreparedText;
      let raw: string;
      const started = performance.now();
      for (;;) {
        try {
          prepared = withExtCode(lastPrepared.prepared, request.extCode);
        } catch (error) {
          const message = `runtime error: ext code is not JSON: ${
            error instanceof Error ? error.message : String(error)
          }`;
          return { ok: false, failure: { kind: "runtime", message, text: `${request.filename}: ${message}` } };
        }
        try {
          // One budget for both passes (see below).
          deadline = started + timeoutMs;
          panic = undefined;
          for (const [name, json] of Object.entries(prepared.extStrings)) {
            engine.glue.jsonnet_ext_string(engine.vm, name, json);
          }
          raw = engine.glue.jsonnet_evaluate_snippet(engine.vm, request.filename, prepared.text);
        } catch (error) {
          // A trap (a Rust panic, an allocation failure) or the deadline's throw leaves the instance
          // halfway through an evaluation: drop it.
          if (current === engine) current = undefined;
          return { ok: false, failure: thrownFailure(error, request.filename, timeoutMs, panic) };
        } finally {
          deadline = undefined;
        }
        // The prelude left out go-jsonnet's run-time format parser (large, so slow to parse on every
        // evaluation) and the source needed it: prepare it with the parser, once, and evaluate again.
        if (!lastPrepared.prepared.runtimeFormatStub || !raw.includes(RUNTIME_FORMAT_NEEDED)) break;
        const full = prepareSource(request.source, names, { filename: request.filename, runtimeFormat: true });
        lastPrepared = { source: request.source, key, prepared: full };
      }
      return interpret(raw, request, prepared.prefixLength, lastPrepared.prepared);
    },
  };
}

function thrownFailure(error: unknown, filename: string, timeoutMs: number, panic?: string): JsonnetFailure {
  if (error instanceof DeadlineExceeded) {
    const message = `failed to run jsonnet within ${timeoutMs / 1000}s (Ory's limit), so the evaluation was stopped`;
    return { kind: "timeout", message, text: `${filename}: ${message}` };
  }
  if (panic !== undefined) {
    const message = `engine crashed: the Jsonnet engine hit an internal error (a Rust panic) and stopped: ${
      panicReason(panic)
    }`;
    return { kind: "crash", message, text: `${filename}: ${message}` };
  }
  const what = error instanceof Error ? error.message : String(error);
  // How this engine's stack runs out: its shadow stack leaves linear memory (V8's and JavaScriptCore's
  // words for that trap), or the host's own stack fills.
  const overflow = /memory access out of bounds|out of bounds memory access|Maximum call stack size exceeded/i.test(
    what,
  );
  const message = overflow ? `engine crashed: ${what} (${STACK_OVERFLOW})` : `engine crashed: ${what}`;
  return { kind: "crash", message, text: `${filename}: ${message}` };
}

/**
 * Checked against a build of go-jsonnet v0.21.0: a `tailstrict` loop that never ends and brackets nested
 * thousands deep overflow its stack too (the Go runtime's fatal "stack overflow", later than Ory's 1 s
 * limit; docs/jsonnet-sandbox.md), so in Ory the mapper fails as well, by its 1 s limit or by its
 * worker's crash.
 */
const STACK_OVERFLOW =
  "its stack ran out: the mapper nests or recurses too deeply, as a tailstrict loop that never ends does; " +
  "go-jsonnet, Ory's engine, fails on such mappers too";

/** The engine returns errors as text; manifested JSON always starts with a JSON value. */
function interpret(raw: string, request: JsonnetRequest, preludeLength: number, source: PreparedSource): JsonnetResult {
  let value: JsonValue;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    const { body, toSourceColumn } = source;
    const edited = toSourceColumn === undefined ? undefined : { text: body, toSourceColumn };
    return { ok: false, failure: parseEngineError(raw, request.filename, preludeLength, request.source, edited) };
  }
  // Ory's limit applies to what go-jsonnet writes, which is never shorter than this engine's text
  // (17-digit numbers, more escapes, three-space indentation): measured on that, exactly unless huge.
  // go-jsonnet's text is at most 8 times longer than this engine's (its 4-space indentation is wider;
  // a 3-character number becomes at most 24, a character at most a 6-byte escape): skip small outputs.
  if (raw.length * 8 < OUTPUT_LIMIT_BYTES) return { ok: true, output: raw, value };
  const exact = raw.length <= 4 * OUTPUT_LIMIT_BYTES;
  const bytes = goJsonnetOutputBytes(value, exact ? Infinity : OUTPUT_LIMIT_BYTES);
  if (bytes > OUTPUT_LIMIT_BYTES) {
    const size = exact ? `${Math.ceil(bytes / 1024)} KiB` : `at least ${Math.ceil(raw.length / 1024)} KiB`;
    const message = `output of ${size} is larger than Ory's limit of ${OUTPUT_LIMIT_BYTES / 1024} KiB ` +
      "(measured as go-jsonnet writes it)";
    return { ok: false, failure: { kind: "output-limit", message, text: `${request.filename}: ${message}` } };
  }
  return { ok: true, output: raw, value };
}
