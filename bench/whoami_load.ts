/**
 * The whoami emulator under load, on loopback: 2,000 `GET /sessions/whoami?tokenize_as=…` requests,
 * 50 in flight, against `Tokenizer.tokenize` called the same way (2,000 calls, 50 in flight) in the
 * same process, so the server's overhead shows as a ratio. Every token must verify, every `jti` be
 * unique and no request fail, or the run throws.
 */
import {
  createSessionStore,
  createWhoamiHandler,
  type JwkSet,
  templatePublicKeys,
  Tokenizer,
  verifyToken,
} from "../lib/mod.ts";
import { serveHttp } from "../lib/runtime/serve_http.ts";
import { session, template } from "./fixtures.ts";
import type { Measurement } from "./measure.ts";

const REQUESTS = 2_000;
const IN_FLIGHT = 50;
const TOKEN = "ory_st_bench";

interface LoadFigures {
  whoamiPerS: number;
  p50Ms: number;
  p99Ms: number;
  tokenizePerS: number;
}

/** Runs `total` operations with `inFlight` callers; returns ops/s and each operation's latency. */
async function load<T>(total: number, inFlight: number, operation: () => Promise<T>) {
  const latencies: number[] = [];
  const results: T[] = [];
  let started = 0;
  const begin = performance.now();
  async function caller() {
    while (started < total) {
      started++;
      const t = performance.now();
      results.push(await operation());
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: inFlight }, caller));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  return { perS: total / seconds, p50: at(50), p99: at(99), results };
}

let figures: Promise<LoadFigures> | undefined;

async function measure(log: (text: string) => void): Promise<LoadFigures> {
  const fresh = { ...session, expires_at: "2999-01-01T00:00:00Z" };
  const templates = { bench: template };
  const tokenizer = new Tokenizer({ templates });
  const handler = createWhoamiHandler({
    tokenizer,
    sessions: createSessionStore({ [TOKEN]: fresh }),
    publicKeys: (await templatePublicKeys(templates)).jwks,
  });
  const server = await serveHttp(handler, { hostname: "127.0.0.1", port: 0 });
  try {
    const url = new URL("sessions/whoami?tokenize_as=bench", server.url);
    const request = async () => {
      const response = await fetch(url, { headers: { "X-Session-Token": TOKEN } });
      if (response.status !== 200) throw new Error(`whoami answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { tokenized: string }).tokenized;
    };
    // Warm both paths (the sandbox's workers, the HTTP connections) before timing either.
    await load(200, IN_FLIGHT, request);
    await load(200, IN_FLIGHT, () => tokenizer.tokenize(fresh, "bench"));
    const direct = await load(REQUESTS, IN_FLIGHT, () => tokenizer.tokenize(fresh, "bench"));
    const served = await load(REQUESTS, IN_FLIGHT, request);

    const keys = (await (await fetch(new URL(".well-known/jwks.json", server.url))).json()) as JwkSet;
    const jtis = new Set<unknown>();
    for (const token of served.results) jtis.add((await verifyToken(token, keys)).claims["jti"]);
    if (jtis.size !== REQUESTS) throw new Error(`Only ${jtis.size} distinct jti in ${REQUESTS} tokens`);
    log(`  ${REQUESTS} tokens verified, ${jtis.size} distinct jti, 0 errors`);
    return { whoamiPerS: served.perS, p50Ms: served.p50, p99Ms: served.p99, tokenizePerS: direct.perS };
  } finally {
    await server.close();
  }
}

const figure = (context: { log(text: string): void }) => (figures ??= measure(context.log));

export const whoamiLoad: Measurement[] = [
  {
    name: "whoami_tokenize_per_s",
    unit: "req/s",
    description: `whoami with tokenize_as over loopback HTTP: ${REQUESTS} requests, ${IN_FLIGHT} in flight`,
    run: async (context) => (await figure(context)).whoamiPerS,
  },
  {
    name: "whoami_p50_ms",
    unit: "ms",
    description: `median latency of those requests (${IN_FLIGHT} in flight)`,
    run: async (context) => (await figure(context)).p50Ms,
  },
  {
    name: "whoami_p99_ms",
    unit: "ms",
    description: "99th percentile latency of those requests",
    run: async (context) => (await figure(context)).p99Ms,
  },
  {
    name: "tokenize_50_in_flight_per_s",
    unit: "tokens/s",
    description: `Tokenizer.tokenize called the same way: ${REQUESTS} calls, ${IN_FLIGHT} in flight, same process`,
    run: async (context) => (await figure(context)).tokenizePerS,
  },
  {
    name: "whoami_vs_tokenize",
    unit: "ratio",
    description: "the server's rate over tokenize's own (1 = no HTTP overhead)",
    target: { min: 0.8 },
    run: async (context) => {
      const { whoamiPerS, tokenizePerS } = await figure(context);
      return whoamiPerS / tokenizePerS;
    },
  },
];
