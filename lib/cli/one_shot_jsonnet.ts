/**
 * The Jsonnet evaluator of the CLI's one-shot commands (`tokenize`, `test`, `lint`): the engine in the
 * calling thread, not the sandbox's worker that lib's `Tokenizer` and linter use by default.
 *
 * A one-shot process runs nothing an evaluation could block, and the binary the build ships stops an
 * evaluation at Ory's 1 s by itself (lib/jsonnet/deadline.ts), so a worker would only add its boot, a
 * large share of a run that is otherwise mostly node's own start-up (BENCHMARKS.md). A crash or a
 * deadline replaces the engine's instance, so `test`'s next case starts clean, as in a worker. What a
 * worker adds beyond that is its watchdog (docs/jsonnet-sandbox.md): in this thread a single bulk
 * memory instruction, which the deadline cannot interrupt, runs to its end, bounded by the engine's
 * 4 GiB memory. A binary without deadline checks gets the sandbox, as everywhere else.
 *
 * @module
 */

import { checksDeadlines } from "../jsonnet/deadline.ts";
import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import { createJsonnetEngine } from "../runtime/jsonnet_engine.ts";
import { compileJsonnetWasm } from "../runtime/compile_jsonnet_wasm.ts";
import { defaultJsonnetSandbox } from "../runtime/sandboxed_jsonnet.ts";
import { withShortLivedTiering } from "./short_lived_tiering.ts";

/** Options of {@linkcode oneShotJsonnet}. */
export interface OneShotJsonnetOptions {
  /**
   * Start reading and compiling the engine now, on V8's background threads, while the command reads
   * its inputs: for a command that will evaluate a mapper.
   */
  warm?: boolean | undefined;
}

/**
 * An evaluator for one process's evaluations.
 *
 * @param options whether to start compiling the engine at once.
 * @returns the in-thread engine, or the sandbox where the binary cannot stop itself at the deadline.
 */
export function oneShotJsonnet(options: OneShotJsonnetOptions = {}): JsonnetEvaluator {
  let chosen: Promise<JsonnetEvaluator> | undefined;
  const choose = () =>
    chosen ??= withShortLivedTiering(compileJsonnetWasm).then((wasm) =>
      checksDeadlines(wasm) ? createJsonnetEngine({ wasm }) : defaultJsonnetSandbox()
    );
  // A failure here is the evaluation's to report, when there is one.
  if (options.warm) choose().catch(() => {});
  return {
    async evaluate(request, evaluateOptions) {
      return await (await choose()).evaluate(request, evaluateOptions);
    },
  };
}
