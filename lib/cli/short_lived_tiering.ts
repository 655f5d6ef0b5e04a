/**
 * Compiles the engine for a process that evaluates once or a few times and exits: V8 then keeps the
 * engine's functions in its baseline compiler (Liftoff) instead of recompiling the hot ones with its
 * optimizing compiler (TurboFan) in the background.
 *
 * Measured on the guide's mapper (BENCHMARKS.md, the one-shot CLI): the first evaluation makes V8
 * optimize dozens of the engine's functions on background threads, and node waits for those jobs
 * whenever its event loop is idle (the wait for the signature, the exit), so `tokenize` took longer.
 * A budget ten times V8's default delays that tier-up, per function, until ten times as much code has
 * run in it: a long evaluation still gets optimized code (a slow mapper ran no slower).
 *
 * V8 reads the budget when it creates the compiled module, so the flag is set only until compilation
 * ends. V8 rejects Node's code cache of its built-in modules while any flag differs from its default,
 * so setting it back matters too: a built-in loaded meanwhile compiles from source, slower than from
 * the cache (BENCHMARKS.md).
 *
 * @module
 */

import { nodeBuiltin } from "../runtime/node_builtin.ts";

/** V8's `--wasm-tiering-budget` default (Node 20 and 22). */
const V8_TIERING_BUDGET = 1_800_000;
const SHORT_LIVED_TIERING_BUDGET = 10 * V8_TIERING_BUDGET;

interface NodeV8 {
  setFlagsFromString(flags: string): void;
}

function setTieringBudget(budget: number): void {
  // Looked up here, not imported: loading `node:v8` costs time that a run without a mapper skips.
  try {
    nodeBuiltin<NodeV8>("node:v8")?.setFlagsFromString(`--wasm-tiering-budget=${budget}`);
  } catch {
    // A runtime without V8's flags: the engine compiles with the runtime's defaults.
  }
}

/**
 * Runs a WebAssembly compilation with V8's tier-up delayed for the module it creates.
 *
 * @param compile starts the compilation.
 * @returns the compiled module.
 */
export async function withShortLivedTiering(
  compile: () => Promise<WebAssembly.Module>,
): Promise<WebAssembly.Module> {
  setTieringBudget(SHORT_LIVED_TIERING_BUDGET);
  try {
    return await compile();
  } finally {
    setTieringBudget(V8_TIERING_BUDGET);
  }
}
