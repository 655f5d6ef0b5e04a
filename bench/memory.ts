/**
 * Memory: resident set growth over many tokenizations in a fresh Node process, after a warm-up, with
 * garbage collection forced before both readings. The WASM engine's memory only grows, so this is
 * what shows whether the adapter's instance recycling bounds it. The warm-up is long enough for the
 * process to reach its steady size: what is measured is growth that does not stop. Since the sandbox's
 * worker lingers awake between a sequential caller's requests, RSS takes one more step well before
 * 100,000 tokenizations and then stays flat (BENCHMARKS.md, Memory), so the warm-up is 100,000.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchContext, Measurement } from "./measure.ts";

const root = fileURLToPath(new URL("../", import.meta.url));

function script(count: number, warmUp: number): string {
  return `
const lib = await import(${JSON.stringify(new URL("../dist/mod.js", import.meta.url).href)});
const jwks = await lib.generateJwks({ alg: "ES256" });
const mapper = "local claims = std.extVar('claims'); local session = std.extVar('session'); { claims: { iss: claims.iss + '/additional-component', schema_id: session.identity.schema_id, session: session } }";
const tokenizer = new lib.Tokenizer({ templates: { t: lib.encodeTemplate({ jwks, claimsMapper: mapper }) } });
const session = lib.sampleSession();
for (let i = 0; i < ${warmUp}; i++) await tokenizer.tokenize(session, "t");
// RSS swings by tens of MiB as WASM instances grow and are replaced, so single readings mislead: take
// one every 5,000 tokenizations and compare the medians of the first and the last three.
const readings = [];
const read = () => { gc(); readings.push(process.memoryUsage().rss / 2 ** 20); };
read();
for (let i = 1; i <= ${count}; i++) {
  await tokenizer.tokenize(session, "t");
  if (i % 5000 === 0) read();
  if (i % 20000 === 0) process.stderr.write(\`  \${i} tokenizations, rss \${readings.at(-1).toFixed(0)} MiB\\n\`);
}
const median = (values) => [...values].sort((a, b) => a - b)[1];
console.log(median(readings.slice(-3)) - median(readings.slice(0, 3)));
process.exit(0);
`;
}

export const memory: Measurement[] = [
  {
    name: "rss_growth_mb",
    unit: "MiB",
    description: "RSS growth over 100,000 tokenizations (guide's mapper, ES256) after 100,000 warm-up ones: " +
      "median of the last three readings minus median of the first three (one every 5,000)",
    target: { max: 20 },
    run: (context: BenchContext) => {
      const quick = context.seconds < 1;
      const [count, warmUp] = quick ? [10_000, 20_000] : [100_000, 100_000];
      const output = execFileSync(
        process.execPath,
        ["--expose-gc", "--input-type=module", "-e", script(count, warmUp)],
        {
          cwd: root,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      return Promise.resolve(Number(output.trim()));
    },
  },
];
