/**
 * The Jsonnet engine behind one small interface: evaluate a source with ext code, get JSON or a
 * located failure. This in-thread engine runs anywhere WebAssembly does; it recycles its WASM instance
 * (WASM memory only grows) and replaces it after a trap, so one bad evaluation never poisons the next.
 *
 * @module
 */

import { createGlue, type GlueBindings } from "./_glue.generated.js";
import { type JsonnetFailure, parseEngineError } from "./engine_error.ts";
import type { JsonValue } from "../go_json.ts";
import { prepareSource } from "./prelude.ts";
import { compileJsonnetWasm, type JsonnetWasmSource } from "./wasm_source.ts";

/** Ory's cap on a mapper's output (the jsonnet worker's stdout scanner limit). */
export const OUTPUT_LIMIT_BYTES = 256 * 1024;

/** One evaluation. */
export interface JsonnetRequest {
  source: string;
  /** Shown in messages; Ory uses the `claims_mapper_url`. */
  filename: string;
  /** Values visible through `std.extVar(name)`, each as JSON text (Ory's ext code). */
  extCode: Record<string, string>;
}

/** The result of an evaluation: the manifested JSON, or why there is none. */
export type JsonnetResult = { ok: true; output: string; value: JsonValue } | { ok: false; failure: JsonnetFailure };

/** Anything that evaluates Jsonnet: this engine, or a sandbox around it in a Worker. */
export interface JsonnetEvaluator {
  evaluate(request: JsonnetRequest): Promise<JsonnetResult>;
}

/** Options of {@linkcode createJsonnetEngine}. */
export interface JsonnetEngineOptions {
  /** The engine binary; the `jsonnet.wasm` beside lib by default. */
  wasm?: JsonnetWasmSource | undefined;
  /** Evaluations per WASM instance before a fresh one bounds memory. */
  evaluationsPerInstance?: number | undefined;
}

interface Instance {
  glue: GlueBindings;
  vm: number;
  evaluations: number;
}

/**
 * Creates an in-thread Jsonnet engine. It enforces the output limit but cannot stop a runaway
 * evaluation: run it inside a Worker (see `createSandboxedJsonnet`) where that matters.
 *
 * @example
 * ```ts
 * import { createJsonnetEngine } from "./engine.ts";
 * const engine = createJsonnetEngine();
 * const result = await engine.evaluate({ source: "{ claims: { sub: std.extVar('session').id } }", filename: "m.jsonnet", extCode: { session: '{"id":"x"}' } });
 * if (!result.ok || JSON.stringify(result.value) !== '{"claims":{"sub":"x"}}') throw new Error();
 * ```
 */
export function createJsonnetEngine(options: JsonnetEngineOptions = {}): JsonnetEvaluator {
  const evaluationsPerInstance = options.evaluationsPerInstance ?? 2000;
  let module: Promise<WebAssembly.Module> | undefined;
  let current: Instance | undefined;

  async function instance(): Promise<Instance> {
    if (current !== undefined && current.evaluations < evaluationsPerInstance) return current;
    module ??= compileJsonnetWasm(options.wasm);
    const { imports, bindings } = createGlue();
    bindings.attach(await WebAssembly.instantiate(await module, imports));
    current = { glue: bindings, vm: bindings.jsonnet_make(), evaluations: 0 };
    return current;
  }

  return {
    async evaluate(request) {
      const engine = await instance();
      engine.evaluations++;
      const names = Object.keys(request.extCode);
      const prepared = prepareSource(request.source, names);
      let raw: string;
      try {
        for (const name of names) engine.glue.jsonnet_ext_string(engine.vm, name, request.extCode[name]!);
        raw = engine.glue.jsonnet_evaluate_snippet(engine.vm, request.filename, prepared.text);
      } catch (error) {
        // A trap (a Rust panic, an allocation failure) leaves the instance unusable: drop it.
        current = undefined;
        const message = `engine crashed: ${error instanceof Error ? error.message : String(error)}`;
        return { ok: false, failure: { kind: "crash", message, text: `${request.filename}: ${message}` } };
      }
      return interpret(raw, request, prepared.prefixLength);
    },
  };
}

/** The engine returns errors as text; manifested JSON always starts with a JSON value. */
function interpret(raw: string, request: JsonnetRequest, preludeLength: number): JsonnetResult {
  let value: JsonValue;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    return { ok: false, failure: parseEngineError(raw, request.filename, preludeLength, request.source) };
  }
  if (raw.length > OUTPUT_LIMIT_BYTES && new TextEncoder().encode(raw).length > OUTPUT_LIMIT_BYTES) {
    const message = `output is larger than Ory's limit of ${OUTPUT_LIMIT_BYTES / 1024} KiB`;
    return { ok: false, failure: { kind: "output-limit", message, text: `${request.filename}: ${message}` } };
  }
  return { ok: true, output: raw, value };
}

let shared: JsonnetEvaluator | undefined;

/** The engine used when none is given: one per process or page, created on first use. */
export function defaultJsonnetEngine(): JsonnetEvaluator {
  shared ??= createJsonnetEngine();
  return shared;
}
