/**
 * Against Kratos's own tokenize path, run natively: the Go harness of bench/kratos_native/ (go-jsonnet
 * and golang-jwt, Kratos's steps per request) and lib's `Tokenizer.tokenize`, on the same session,
 * mapper and ES256 key, in interleaved rounds as throughput.ts runs its figures.
 *
 * The harness comes from `KRATOS_NATIVE_BIN` (a binary scripts/build_kratos_native.sh built), or is
 * built here when `GO_JSONNET_GOPATH` names a GOPATH that script prepared and Debian's Go 1.19 is
 * installed. With neither, the group says why in one line and is skipped: its figures keep their
 * recorded values.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { compactVerify, importJWK, type JWK } from "jose";
import { publicJwks, Tokenizer } from "../lib/mod.ts";
import { jwks, session, template } from "./fixtures.ts";
import { type BenchContext, type Measurement, rate } from "./measure.ts";

const GO = "/usr/lib/go-1.19/bin/go";
const ISSUER = "http://localhost:4433/";
const ROUNDS = 8;
/** Claims that differ from one token to the next. */
const PER_TOKEN = new Set(["jti", "iat", "nbf", "exp"]);

const tokenizer = new Tokenizer({ templates: { bench: template }, issuer: ISSUER });

/** The harness, prebuilt or built from a prepared GOPATH, or why there is none. */
function harnessBinary(dir: string): { path: string } | { skip: string } {
  const prebuilt = process.env["KRATOS_NATIVE_BIN"];
  if (prebuilt) return existsSync(prebuilt) ? { path: prebuilt } : { skip: `KRATOS_NATIVE_BIN=${prebuilt} is missing` };
  const gopath = process.env["GO_JSONNET_GOPATH"];
  if (!gopath) {
    return { skip: "neither KRATOS_NATIVE_BIN nor GO_JSONNET_GOPATH is set (see scripts/build_kratos_native.sh)" };
  }
  if (!existsSync(GO)) {
    return { skip: `GO_JSONNET_GOPATH is set but ${GO} is missing (apt-get install golang-1.19-go)` };
  }
  const path = join(dir, "kratos_native");
  const built = spawnSync(GO, ["build", "-o", path, "."], {
    cwd: fileURLToPath(new URL("./kratos_native/", import.meta.url)),
    env: { ...process.env, GO111MODULE: "off", GOFLAGS: "", GOPATH: `${gopath}:/usr/share/gocode` },
    encoding: "utf8",
  });
  if (built.status !== 0) {
    const why = (built.stderr ?? String(built.error)).trim().split("\n").slice(0, 2).join(" ");
    return { skip: `building the harness from GO_JSONNET_GOPATH=${gopath} failed: ${why}` };
  }
  return { path };
}

/** The harness process: one command line in, one JSON line out. */
class Harness {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;

  constructor(binary: string, input: string) {
    this.#child = spawn(binary, [input], { stdio: ["pipe", "pipe", "pipe"] });
    this.#child.stderr.on("data", (data) => process.stderr.write(data));
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  async ask(command: string): Promise<Record<string, unknown>> {
    this.#child.stdin.write(`${command}\n`);
    const line = await this.#lines.next();
    if (line.done) throw new Error(`the Kratos harness exited (exit code ${this.#child.exitCode})`);
    const reply = JSON.parse(line.value) as Record<string, unknown>;
    if (typeof reply["error"] === "string") throw new Error(`the Kratos harness: ${reply["error"]}`);
    return reply;
  }

  async rate(mode: string, callers: number, seconds: number): Promise<number> {
    return (await this.ask(`run ${mode} ${callers} ${seconds}`))["per_s"] as number;
  }

  /** Closing its input ends it, and its workers with it. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#child.once("exit", () => resolve());
      this.#child.stdin.end();
    });
  }
}

/** The payload of a compact JWS, after checking its ES256 signature with the set's public key. */
async function verifiedClaims(token: string): Promise<Record<string, unknown>> {
  const publicKey = await importJWK(publicJwks(jwks).keys[0] as JWK, "ES256");
  const { payload, protectedHeader } = await compactVerify(token, publicKey);
  if (protectedHeader.alg !== "ES256") throw new Error(`the harness signed with ${protectedHeader.alg}`);
  return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
}

const stable = (claims: Record<string, unknown>) =>
  JSON.stringify(Object.entries(claims).filter(([name]) => !PER_TOKEN.has(name)).sort(([a], [b]) => a < b ? -1 : 1));

/** Both sides must issue the same claims, else the comparison is of different work. */
async function checkSameClaims(harness: Harness): Promise<void> {
  const ours = stable((await tokenizer.tokenize(session, "bench")).claims as Record<string, unknown>);
  for (const mode of ["in-process", "pool"]) {
    const theirs = stable(await verifiedClaims((await harness.ask(`token ${mode}`))["token"] as string));
    if (theirs !== ours) {
      throw new Error(`the Kratos harness (${mode}) issues other claims than lib:\n${theirs}\n${ours}`);
    }
  }
}

const sides = {
  lib: (_h: Harness, s: number) => rate(() => tokenizer.tokenize(session, "bench"), s, 1, 50),
  lib_concurrent: (_h: Harness, s: number) => rate(() => tokenizer.tokenize(session, "bench"), s, 2, 50),
  kratos: (h: Harness, s: number) => h.rate("pool", 1, s),
  kratos_concurrent: (h: Harness, s: number) => h.rate("pool", 2, s),
  kratos_in_process: (h: Harness, s: number) => h.rate("in-process", 1, s),
  kratos_in_process_concurrent: (h: Harness, s: number) => h.rate("in-process", 2, s),
};
type Side = keyof typeof sides;

let measured: Promise<Record<string, number> | undefined> | undefined;

function interleaved({ seconds, log }: BenchContext): Promise<Record<string, number> | undefined> {
  measured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "kratos-native-"));
    try {
      const binary = harnessBinary(dir);
      if ("skip" in binary) {
        log(`  skipping the Kratos native comparison: ${binary.skip}`);
        return undefined;
      }
      const input = join(dir, "input.json");
      writeFileSync(input, JSON.stringify({ template, session, issuer: ISSUER }));
      const harness = new Harness(binary.path, input);
      try {
        await checkSameClaims(harness);
        const rounds: Record<Side, number>[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const rates = {} as Record<Side, number>;
          for (const [name, run] of Object.entries(sides) as [Side, typeof sides.lib][]) {
            rates[name] = await run(harness, seconds / ROUNDS);
          }
          rounds.push(rates);
        }
        const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
        const result: Record<string, number> = {};
        for (const name of Object.keys(sides) as Side[]) result[name] = median(rounds.map((r) => r[name]));
        result["ratio"] = median(rounds.map((r) => r.lib / r.kratos));
        result["concurrent_ratio"] = median(rounds.map((r) => r.lib_concurrent / r.kratos_concurrent));
        result["in_process_ratio"] = median(rounds.map((r) => r.lib / r.kratos_in_process));
        result["in_process_concurrent_ratio"] = median(
          rounds.map((r) => r.lib_concurrent / r.kratos_in_process_concurrent),
        );
        return result;
      } finally {
        await harness.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return measured;
}

function figure(
  name: string,
  key: string,
  unit: string,
  description: string,
  target?: Measurement["target"],
): Measurement {
  return {
    name,
    unit,
    description,
    ...(target === undefined ? {} : { target }),
    run: async (context) => (await interleaved(context))?.[key],
  };
}

export const kratosNative: Measurement[] = [
  figure(
    "kratos_native_lib_per_s",
    "lib",
    "ops/s",
    "Tokenizer.tokenize, sequential, in the rounds of the Kratos comparison (its own figure, beside Kratos's)",
  ),
  figure(
    "kratos_native_per_s",
    "kratos",
    "ops/s",
    "Kratos's tokenize path natively in Go as Kratos runs it: each evaluation in a worker process of its pool, sequential",
  ),
  figure(
    "kratos_native_in_process_per_s",
    "kratos_in_process",
    "ops/s",
    "the same path with go-jsonnet in the calling process (a fresh VM per token, no worker hop), sequential",
  ),
  figure(
    "kratos_native_ratio",
    "ratio",
    "×",
    "kratos_native_lib_per_s / kratos_native_per_s (median of 8 interleaved rounds' ratios)",
    { min: 2 },
  ),
  figure(
    "kratos_native_in_process_ratio",
    "in_process_ratio",
    "×",
    "kratos_native_lib_per_s / kratos_native_in_process_per_s: against Kratos without its process boundary",
  ),
  figure("kratos_native_lib_concurrent_per_s", "lib_concurrent", "ops/s", "Tokenizer.tokenize, 2 concurrent callers"),
  figure(
    "kratos_native_concurrent_per_s",
    "kratos_concurrent",
    "ops/s",
    "Kratos's path through its worker pool, 2 concurrent requests (goroutines)",
  ),
  figure(
    "kratos_native_in_process_concurrent_per_s",
    "kratos_in_process_concurrent",
    "ops/s",
    "Kratos's path in process, 2 concurrent requests",
  ),
  figure(
    "kratos_native_concurrent_ratio",
    "concurrent_ratio",
    "×",
    "kratos_native_lib_concurrent_per_s / kratos_native_concurrent_per_s",
  ),
  figure(
    "kratos_native_in_process_concurrent_ratio",
    "in_process_concurrent_ratio",
    "×",
    "kratos_native_lib_concurrent_per_s / kratos_native_in_process_concurrent_per_s",
  ),
];
