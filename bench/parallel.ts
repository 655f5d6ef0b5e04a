/**
 * What this machine gives a second caller at best: lib's engine evaluating in one worker, then in two at
 * once, each in a loop with no messages and no signing. The ratio bounds `concurrent_speedup` from
 * above, whatever the sandbox does: on shared VMs two "cores" do not always give twice the work.
 */
import { Worker } from "node:worker_threads";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { goJsonStringify, type JsonValue, Tokenizer } from "../lib/mod.ts";
import { DOCS_MAPPER, session, template } from "./fixtures.ts";
import type { Measurement } from "./measure.ts";

const ROUNDS = 6;

async function startWorkers(count: number): Promise<Worker[]> {
  const tokenizer = new Tokenizer({ templates: { bench: template }, jsonnet: createJsonnetEngine() });
  const { claims } = await tokenizer.tokenize(session, "bench");
  const workerData = {
    source: DOCS_MAPPER,
    extCode: { session: JSON.stringify(session), claims: goJsonStringify(claims as JsonValue) },
  };
  const url = new URL("./parallel_worker.mjs", import.meta.url);
  return await Promise.all(Array.from({ length: count }, () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(url, { workerData });
      worker.once("message", () => resolve(worker));
      worker.once("error", reject);
    })));
}

/** Evaluations per second of `workers` all running for `ms` at once. */
async function together(workers: Worker[], ms: number): Promise<number> {
  const untilEpochMs = Date.now() + ms;
  const counts = await Promise.all(workers.map((worker) =>
    new Promise<number>((resolve) => {
      worker.once("message", resolve);
      worker.postMessage({ untilEpochMs });
    })
  ));
  return counts.reduce((sum, count) => sum + count, 0) / (ms / 1000);
}

export const parallel: Measurement[] = [{
  name: "parallel_engine_speedup",
  unit: "×",
  description:
    "lib's engine in 2 workers at once over 1 worker alone, looping with no messages: the most a second caller can add here",
  async run({ seconds }) {
    const workers = await startWorkers(2);
    const slice = (seconds * 1000) / (ROUNDS * 2);
    const ratios: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const one = await together(workers.slice(0, 1), slice);
        const two = await together(workers, slice);
        ratios.push(two / one);
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
    return ratios.sort((x, y) => x - y)[Math.floor(ratios.length / 2)]!;
  },
}];
