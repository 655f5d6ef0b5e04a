/**
 * Throughput side by side: raw jose signing, raw engine evaluation, and our whole tokenize path.
 */
import { createRequire } from "node:module";
import { createPrivateKey, type JsonWebKey as NodeJwk, sign as nodeSign } from "node:crypto";
import { CompactSign, importJWK, type JWK } from "jose";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { goJsonStringify, type JsonValue, Tokenizer } from "../lib/mod.ts";
import { createJsonnetSandbox, SPILL_MS } from "../lib/jsonnet/sandbox.ts";
import { SANDBOX_RUNTIME } from "../lib/runtime/sandboxed_jsonnet.ts";
import { DOCS_MAPPER, jwks, session, template } from "./fixtures.ts";
import { type Measurement, rate } from "./measure.ts";

const tokenizer = new Tokenizer({ templates: { bench: template } });
// The same tokenizer with the engine in the calling thread: no worker hop, and no worker's isolation.
const inThread = new Tokenizer({ templates: { bench: template }, jsonnet: createJsonnetEngine() });
// And with the pool as it is on more than two cores: a second worker for the second caller at once.
const twoWorkers = new Tokenizer({
  templates: { bench: template },
  jsonnet: createJsonnetSandbox(SANDBOX_RUNTIME, {}, { cores: 4, spillMs: SPILL_MS }),
});
const { claims, header } = await tokenizer.tokenize(session, "bench");
const payload = new TextEncoder().encode(goJsonStringify(claims as JsonValue));
const privateKey = await importJWK(jwks.keys[0] as JWK, "ES256");
const nodeKey = createPrivateKey({ key: jwks.keys[0] as unknown as NodeJwk, format: "jwk" });
const signingInput = new TextEncoder().encode(`${"x".repeat(36)}.${"y".repeat(Math.ceil(payload.length * 4 / 3))}`);

// The stock engine package, as anyone would call it: ext strings parsed in Jsonnet, one reused VM. Its
// WASM memory only grows and it slows as it does, so every round loads the package afresh (a new WASM
// instance): each round then compares like with like, as lib's engine replaces its own instance too.
const require = createRequire(import.meta.url);
type StockJsonnet = new () => {
  extString(key: string, value: string): unknown;
  evaluateSnippet(source: string): string;
};
function freshStockVm() {
  for (const id of Object.keys(require.cache)) if (id.includes("@arakoodev")) delete require.cache[id];
  return new (require("@arakoodev/jsonnet") as StockJsonnet)();
}
const rawMapper = DOCS_MAPPER.replace("std.extVar('claims')", "std.parseJson(std.extVar('claims'))")
  .replace("std.extVar('session')", "std.parseJson(std.extVar('session'))");
let vm = freshStockVm();
// The same engine as lib runs it, in this thread: the prelude, and a fresh WASM instance every 2,000
// evaluations.
const engine = createJsonnetEngine();
const sessionJson = JSON.stringify(session);
const claimsJson = goJsonStringify(claims as JsonValue);

const operations = {
  sign_per_s: { run: () => new CompactSign(payload).setProtectedHeader({ ...header }).sign(privateKey), callers: 1 },
  sign_node_per_s: {
    run: () => Promise.resolve(nodeSign("sha256", signingInput, { key: nodeKey, dsaEncoding: "ieee-p1363" })),
    callers: 1,
  },
  eval_per_s: {
    run: () => {
      vm.extString("session", sessionJson);
      vm.extString("claims", claimsJson);
      return Promise.resolve(vm.evaluateSnippet(rawMapper));
    },
    callers: 1,
  },
  engine_per_s: {
    run: () =>
      engine.evaluate({
        source: DOCS_MAPPER,
        filename: "claims.jsonnet",
        extCode: { session: sessionJson, claims: claimsJson },
      }),
    callers: 1,
  },
  tokenize_per_s: { run: () => tokenizer.tokenize(session, "bench"), callers: 1 },
  tokenize_concurrent_per_s: { run: () => tokenizer.tokenize(session, "bench"), callers: 2 },
  tokenize_in_thread_per_s: { run: () => inThread.tokenize(session, "bench"), callers: 1 },
  tokenize_two_workers_concurrent_per_s: { run: () => twoWorkers.tokenize(session, "bench"), callers: 2 },
};
type Operation = keyof typeof operations;
const ROUNDS = 8;

let measured: Promise<Record<string, number>> | undefined;

/**
 * Runs the operations in turns, ROUNDS times, each for a slice of `seconds`, so that whatever the
 * machine does meanwhile (these are shared 2-core VMs) weighs on all of them alike. Rates are the
 * medians over the rounds; ratios are the medians of each round's ratio.
 */
function interleaved(seconds: number): Promise<Record<string, number>> {
  measured ??= (async () => {
    const rounds: Record<Operation, number>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      vm = freshStockVm();
      const rates = {} as Record<Operation, number>;
      for (
        const [name, { run, callers }] of Object.entries(operations) as [Operation, typeof operations.sign_per_s][]
      ) {
        rates[name] = await rate(run, seconds / ROUNDS, callers, 50);
      }
      rounds.push(rates);
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const result: Record<string, number> = {};
    for (const name of Object.keys(operations) as Operation[]) result[name] = median(rounds.map((r) => r[name]));
    result["ratio"] = median(rounds.map((r) => r.tokenize_per_s / Math.min(r.sign_per_s, r.eval_per_s)));
    result["sequential_bound_ratio"] = median(
      rounds.map((r) => r.tokenize_per_s * (1 / r.sign_per_s + 1 / r.eval_per_s)),
    );
    result["sequential_own_parts_ratio"] = median(
      rounds.map((r) => r.tokenize_per_s * (1 / r.sign_node_per_s + 1 / r.eval_per_s)),
    );
    result["in_thread_bound_ratio"] = median(
      rounds.map((r) => r.tokenize_in_thread_per_s * (1 / r.sign_per_s + 1 / r.eval_per_s)),
    );
    result["concurrent_speedup"] = median(rounds.map((r) => r.tokenize_concurrent_per_s / r.tokenize_per_s));
    result["two_workers_speedup"] = median(
      rounds.map((r) => r.tokenize_two_workers_concurrent_per_s / r.tokenize_per_s),
    );
    result["engine_ratio"] = median(rounds.map((r) => r.tokenize_per_s / Math.min(r.sign_per_s, r.engine_per_s)));
    result["concurrent_ratio"] = median(
      rounds.map((r) => r.tokenize_concurrent_per_s / (Math.min(r.sign_per_s, r.eval_per_s) * 2)),
    );
    return result;
  })();
  return measured;
}

function figure(name: string, unit: string, description: string, target?: Measurement["target"]): Measurement {
  return {
    name,
    unit,
    description,
    ...(target === undefined ? {} : { target }),
    run: async ({ seconds }) => (await interleaved(seconds))[name]!,
  };
}

export const throughput: Measurement[] = [
  figure("sign_per_s", "ops/s", "raw jose ES256 compact signing of the same payload"),
  figure(
    "sign_node_per_s",
    "ops/s",
    "node:crypto ES256 signing of an input as long, in the calling thread: how lib signs in Node",
  ),
  figure(
    "eval_per_s",
    "ops/s",
    "raw engine evaluation of the guide's mapper with the same session (stock package, one VM, loaded afresh each round)",
  ),
  figure(
    "engine_per_s",
    "ops/s",
    "the same evaluation through lib's own in-thread engine (prelude, WASM instance recycled every 2,000)",
  ),
  figure("tokenize_per_s", "ops/s", "Tokenizer.tokenize, cached template, ES256 + the guide's mapper, sequential"),
  figure("tokenize_concurrent_per_s", "ops/s", "the same with 2 concurrent callers"),
  figure(
    "tokenize_in_thread_per_s",
    "ops/s",
    "the same, sequential, with jsonnet: createJsonnetEngine(): no worker hop, and none of the worker's isolation",
  ),
  figure(
    "ratio",
    "×",
    "tokenize_per_s / min(sign_per_s, eval_per_s) (median of 8 interleaved rounds): one caller cannot overlap the two",
  ),
  figure(
    "sequential_bound_ratio",
    "×",
    "tokenize_per_s / (1 / (1/sign_per_s + 1/eval_per_s)): against one caller's real bound, signing after evaluating",
    { min: 0.8 },
  ),
  figure(
    "sequential_own_parts_ratio",
    "×",
    "the same bound with node:crypto's signing (sign_node_per_s) for jose's: against the parts lib now uses",
  ),
  figure(
    "tokenize_two_workers_concurrent_per_s",
    "ops/s",
    "2 concurrent callers with the pool of a machine of more cores (a worker each at once), run on this one's",
  ),
  figure(
    "in_thread_bound_ratio",
    "×",
    "tokenize_in_thread_per_s against the same bound: what the sequential ratio would be without the worker hop",
  ),
  figure(
    "concurrent_speedup",
    "×",
    "tokenize_concurrent_per_s / tokenize_per_s: what a second caller adds",
    { min: 1.6 },
  ),
  figure(
    "two_workers_speedup",
    "×",
    "tokenize_two_workers_concurrent_per_s / tokenize_per_s: what two workers would give a second caller here",
  ),
  figure(
    "engine_ratio",
    "×",
    "tokenize_per_s / min(sign_per_s, engine_per_s): the glue's share against the engine at its best",
  ),
  figure(
    "concurrent_ratio",
    "×",
    "tokenize_concurrent_per_s / (min(sign, eval) × 2 cores): how close overlap gets to the 2-core bound",
  ),
];
