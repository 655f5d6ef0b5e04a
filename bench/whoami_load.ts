/**
 * The whoami emulator under load, on loopback: 2,000 `GET /sessions/whoami?tokenize_as=…` requests,
 * 50 in flight, sent by a separate process (bench/whoami_load_client.ts), against `Tokenizer.tokenize`
 * called the same way (2,000 calls, 50 in flight) in this process, so the server's overhead shows as a
 * ratio. Every token must verify, every `jti` be unique and no request fail, or the run throws.
 */
import { createSessionStore, createWhoamiHandler, templatePublicKeys } from "../lib/entries/whoami.ts";
import { type JwkSet, Tokenizer, verifyToken } from "../lib/mod.ts";
import { serveHttp } from "../lib/runtime/serve_http.ts";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { session, template } from "./fixtures.ts";
import { load, type LoadResult } from "./load.ts";
import type { Measurement } from "./measure.ts";

const REQUESTS = 2_000;
const IN_FLIGHT = 50;
const ROUNDS = 5;
const TOKEN = "ory_st_bench";

interface LoadFigures {
  whoamiPerS: number;
  p50Ms: number;
  p99Ms: number;
  tokenizePerS: number;
  /** The handler's rate over tokenize's, per round. */
  handlerRatio: number;
  clientCores: number;
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
    const tokenize = () => tokenizer.tokenize(fresh, "bench");
    // The handler called in this process, without HTTP: what the emulator's own logic costs.
    const handle = async () => {
      const response = await handler(new Request(url, { headers: { "X-Session-Token": TOKEN } }));
      return ((await response.json()) as { tokenized: string }).tokenized;
    };
    // Warm the sandbox's workers and both paths' code, then time them in turns: both speed up
    // markedly over their first few thousand calls (BENCHMARKS.md), and this machine drifts, so one
    // run after the other compared a cold path with a warm one. Rates are medians over the rounds, as
    // is the ratio.
    await load(500, IN_FLIGHT, tokenize);
    await load(500, IN_FLIGHT, handle);
    const rounds: { direct: number; handled: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const direct = (await load(REQUESTS / 2, IN_FLIGHT, tokenize)).perS;
      rounds.push({ direct, handled: (await load(REQUESTS / 2, IN_FLIGHT, handle)).perS });
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const served = await loadFromAnotherProcess(url, REQUESTS, IN_FLIGHT);

    const keys = (await (await fetch(new URL(".well-known/jwks.json", server.url))).json()) as JwkSet;
    const jtis = new Set<unknown>();
    for (const token of served.results) jtis.add((await verifyToken(token, keys)).claims["jti"]);
    if (jtis.size !== REQUESTS) throw new Error(`Only ${jtis.size} distinct jti in ${REQUESTS} tokens`);
    log(`  ${REQUESTS} tokens verified, ${jtis.size} distinct jti, 0 errors`);
    return {
      whoamiPerS: served.perS,
      p50Ms: served.p50,
      p99Ms: served.p99,
      tokenizePerS: median(rounds.map((r) => r.direct)),
      handlerRatio: median(rounds.map((r) => r.handled / r.direct)),
      clientCores: served.clientCores,
    };
  } finally {
    await server.close();
  }
}

/** Runs bench/whoami_load_client.ts in a child process (the server keeps this process to itself). */
async function loadFromAnotherProcess(url: URL, requests: number, inFlight: number) {
  const client = fileURLToPath(new URL("./whoami_load_client.ts", import.meta.url));
  const child = spawn(process.execPath, [
    "--import",
    "tsx",
    client,
    url.href,
    TOKEN,
    String(requests),
    String(inFlight),
  ], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the load client exited with ${code}`);
  return JSON.parse(output) as LoadResult<string> & { clientCores: number };
}

const figure = (context: { log(text: string): void }) => (figures ??= measure(context.log));

export const whoamiLoad: Measurement[] = [
  {
    name: "whoami_tokenize_per_s",
    unit: "req/s",
    description:
      `whoami with tokenize_as over loopback HTTP: ${REQUESTS} requests, ${IN_FLIGHT} in flight, from another process`,
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
    description:
      `Tokenizer.tokenize called the same way, ${IN_FLIGHT} in flight, same process: median of ${ROUNDS} rounds of ${
        REQUESTS / 2
      }`,
    run: async (context) => (await figure(context)).tokenizePerS,
  },
  {
    name: "whoami_handler_vs_tokenize",
    unit: "ratio",
    description:
      "createWhoamiHandler called in-process (no HTTP) over tokenize's own rate, in turns with it: the emulator's own cost",
    target: { min: 0.8 },
    run: async (context) => (await figure(context)).handlerRatio,
  },
  {
    name: "whoami_load_client_cores",
    unit: "cores",
    description:
      "CPU the load client itself used during the HTTP run (cores busy); on 2 cores it bounds the next ratio",
    run: async (context) => (await figure(context)).clientCores,
  },
  {
    name: "whoami_vs_tokenize",
    unit: "ratio",
    description: "the server's HTTP rate over tokenize's own (1 = no overhead; the client shares this machine's cores)",
    run: async (context) => {
      const { whoamiPerS, tokenizePerS } = await figure(context);
      return whoamiPerS / tokenizePerS;
    },
  },
];
