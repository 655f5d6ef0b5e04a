/**
 * The contract between the build's WASM instrumentation (scripts/instrument_jsonnet_wasm.ts) and the
 * engine: how a running evaluation gives the host a chance to stop it at Ory's 1 s deadline.
 *
 * The engine has no way to be interrupted: a mapper such as `local f(n) = if n == 0 then 0 else
 * f(n-1) + f(n-1); f(40)` runs for hours, and terminating a Worker does not stop it everywhere (Deno
 * 2.9 leaves a busy worker's thread running; some runtimes have no workers at all). So the build
 * rewrites the binary: every function entry counts down a fuel global, and when the fuel runs out it
 * calls an import the glue already has, `__wbindgen_object_drop_ref`, with an index no object ever
 * has. The glue's own version ignores such an index (so the binary works with stock glue); the engine
 * wraps it to compare the clock with the deadline and throw, which unwinds the WASM stack. Reusing an
 * existing import keeps every function index unchanged: adding an import would renumber them all.
 *
 * @module
 */

/** The export that marks an instrumented binary (the fuel global). */
export const DEADLINE_FUEL_EXPORT = "ory_tokenizer_fuel";
/** The import the instrumented code calls when its fuel runs out. */
export const DEADLINE_TICK_IMPORT = "__wbindgen_object_drop_ref";
/** The argument that makes a call to {@linkcode DEADLINE_TICK_IMPORT} a deadline check. */
export const DEADLINE_TICK_ARGUMENT = -1;
/**
 * Function entries between two deadline checks: a fraction of a millisecond of evaluation
 * (BENCHMARKS.md), far below 1 s.
 */
export const DEADLINE_FUEL = 20_000;

/** Thrown through the WASM stack when an evaluation passes its deadline. */
export class DeadlineExceeded extends Error {
  constructor() {
    super("Jsonnet evaluation passed its deadline");
    this.name = "DeadlineExceeded";
  }
}

/**
 * Whether a compiled engine binary checks deadlines (built by this project's build).
 *
 * @param module the compiled engine.
 * @returns true when evaluations on it can be stopped at a deadline.
 */
export function checksDeadlines(module: WebAssembly.Module): boolean {
  return WebAssembly.Module.exports(module).some((entry) => entry.name === DEADLINE_FUEL_EXPORT);
}

/**
 * Wraps the glue's imports so that fuel-out calls compare the clock with `deadline()`.
 *
 * @param imports the glue's imports (left unchanged).
 * @param deadline the current evaluation's deadline in `performance.now()` time, or undefined.
 * @returns imports to instantiate the engine with.
 */
export function withDeadlineChecks(
  imports: WebAssembly.Imports,
  deadline: () => number | undefined,
): WebAssembly.Imports {
  const host = imports["__wbindgen_placeholder__"] as Record<string, (...args: unknown[]) => unknown>;
  const original = host[DEADLINE_TICK_IMPORT]!;
  return {
    ...imports,
    __wbindgen_placeholder__: {
      ...host,
      [DEADLINE_TICK_IMPORT]: (index: unknown) => {
        if (index !== DEADLINE_TICK_ARGUMENT) return original(index);
        const until = deadline();
        if (until !== undefined && performance.now() > until) throw new DeadlineExceeded();
        return undefined;
      },
    },
  };
}
