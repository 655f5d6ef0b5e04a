/**
 * Cold start: a fresh process, from the `import` of the built library to the first token (the guide's
 * mapper, ES256), in Node and in Deno. Each figure is the median of several fresh processes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Measurement } from "./measure.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const deno = fileURLToPath(new URL("../node_modules/.bin/deno", import.meta.url));

// The child times itself: performance.now() just before the import, and again after the first token.
const scriptFor = (entry: string) => `
const start = performance.now();
const lib = await import(${JSON.stringify(new URL(`../dist/${entry}`, import.meta.url).href)});
const jwks = await lib.generateJwks({ alg: "ES256" });
const mapper = "local claims = std.extVar('claims'); local session = std.extVar('session'); { claims: { iss: claims.iss + '/additional-component', schema_id: session.identity.schema_id, session: session } }";
const tokenizer = new lib.Tokenizer({ templates: { t: lib.encodeTemplate({ jwks, claimsMapper: mapper }) } });
await tokenizer.tokenize(lib.sampleSession(), "t");
console.log(performance.now() - start);
globalThis.process?.exit?.(0);
globalThis.Deno?.exit?.(0);
`;
const script = scriptFor("mod.js");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(command: string, args: string[], runs = 9): number {
  const times = Array.from(
    { length: runs },
    () => Number(execFileSync(command, args, { cwd: root, encoding: "utf8" }).trim()),
  );
  return median(times);
}

export const coldStart: Measurement[] = [
  {
    name: "cold_start_ms",
    unit: "ms",
    description: "fresh Node process: import dist/mod.js to the first token (median of 9)",
    target: { max: 100 },
    run: () => Promise.resolve(timeRuns(process.execPath, ["--input-type=module", "-e", script])),
  },
  {
    name: "cold_start_deno_ms",
    unit: "ms",
    description: "the same in a fresh Deno process",
    run: () => Promise.resolve(timeRuns(deno, ["eval", "--quiet", "--ext=js", script])),
  },
  {
    name: "cold_start_inline_ms",
    unit: "ms",
    description: "fresh Node process, dist/browser.js (engine decoded from its inline copy, worker from a data: URL)",
    run: () => Promise.resolve(timeRuns(process.execPath, ["--input-type=module", "-e", scriptFor("browser.js")])),
  },
];

/**
 * Wall times of fresh processes, as a shell sees them (medians, ms): the commands take turns run by
 * run, so load that drifts during the measurement weighs on every figure alike and not on one.
 */
function interleavedWallRuns(commands: string[][], runs = 9): number[] {
  const times = commands.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    commands.forEach(([command, ...args], i) => {
      const start = performance.now();
      execFileSync(command!, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
      times[i]!.push(performance.now() - start);
    });
  }
  return times.map(median);
}

// The one-shot CLI run every pre-commit `lint` and CI `test` pays, against node's own start-up.
const cli = fileURLToPath(new URL("../bin/ory-tokenizer", import.meta.url));
const mapper = fileURLToPath(new URL("../examples/basic/claims.jsonnet", import.meta.url));
let cliFigures: { cliMs: number; nodeMs: number; helpMs: number } | undefined;
function cliVsNode(): { cliMs: number; nodeMs: number; helpMs: number } {
  if (cliFigures !== undefined) return cliFigures;
  const folder = mkdtempSync(join(tmpdir(), "ory-tokenizer-bench-"));
  try {
    const jwks = join(folder, "es256.jwks.json");
    execFileSync(process.execPath, [cli, "jwk", "create", "bench", "--alg", "ES256", "--out", jwks], { cwd: root });
    const tokenize = [process.execPath, cli, "tokenize", "--jwks", jwks, "--claims", mapper, "--ttl", "10m"];
    const help = [process.execPath, cli, "--help"];
    const node = [process.execPath, "-e", "0"];
    interleavedWallRuns([tokenize, help, node], 2); // warm the file system cache
    const [cliMs, helpMs, nodeMs] = interleavedWallRuns([tokenize, help, node]);
    cliFigures = { cliMs: cliMs!, nodeMs: nodeMs!, helpMs: helpMs! };
    return cliFigures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

coldStart.push(
  {
    name: "cli_tokenize_ms",
    unit: "ms",
    description:
      "`ory-tokenizer tokenize --jwks --claims` as a one-shot process, wall time (median of 9, runs interleaved with the next two)",
    run: () => Promise.resolve(cliVsNode().cliMs),
  },
  {
    name: "cli_help_ms",
    unit: "ms",
    description: "`ory-tokenizer --help` as a one-shot process, wall time (median of 9): the CLI's own floor",
    run: () => Promise.resolve(cliVsNode().helpMs),
  },
  {
    name: "node_start_ms",
    unit: "ms",
    description: "a bare `node -e 0`, wall time (median of 9)",
    run: () => Promise.resolve(cliVsNode().nodeMs),
  },
  {
    name: "cli_tokenize_vs_node_start",
    unit: "×",
    description: "cli_tokenize_ms / node_start_ms: what a one-shot CLI run costs over node's own start-up",
    target: { max: 2 },
    run: () => {
      const { cliMs, nodeMs } = cliVsNode();
      return Promise.resolve(cliMs / nodeMs);
    },
  },
);
