/**
 * `npm run bench`: measures, in one process and side by side, what the tokenize path costs against its
 * parts, writes bench/results.json and the table in BENCHMARKS.md. A program, never a timed test.
 *
 * Add a measurement: export a `Measurement` (bench/measure.ts) from a file here and list it below;
 * it gets the results measured before it through `context.results`. A measurement that cannot run on
 * this machine (kratos_native.ts without Go) logs why and is skipped, keeping its recorded figure.
 * Flags: --seconds N (per throughput figure, default 3), --only name,name. A run with --only keeps the
 * other figures of bench/results.json (each row says the day it was measured), so one group can be
 * re-measured without losing the rest.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchContext, Measurement } from "./measure.ts";
import { browser } from "./browser.ts";
import { coldStart } from "./cold_start.ts";
import { extCode } from "./ext_code.ts";
import { lint } from "./lint.ts";
import { memory } from "./memory.ts";
import { throughput } from "./throughput.ts";
import { parallel } from "./parallel.ts";
import { verify } from "./verify.ts";
import { extension } from "./extension.ts";
import { whoamiLoad } from "./whoami_load.ts";
import { playground } from "./playground.ts";
import { preview } from "./preview.ts";
import { kratosNative } from "./kratos_native.ts";
import { lsp } from "./lsp.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const only = flag("only")?.split(",");
const measurements: Measurement[] = [
  ...coldStart,
  ...throughput,
  ...kratosNative,
  ...parallel,
  ...whoamiLoad,
  ...extCode,
  ...memory,
  ...lint,
  ...preview,
  ...lsp,
  ...verify,
  ...browser,
  ...extension,
  ...playground,
];
const selected = measurements.filter((m) => only === undefined || only.includes(m.name));

const context: BenchContext = {
  results: {},
  seconds: Number(flag("seconds") ?? 3),
  log: (text) => process.stderr.write(`${text}\n`),
};

function verdict(m: Measurement, value: number): string {
  if (m.target === undefined) return "";
  const ok = (m.target.min === undefined || value >= m.target.min) &&
    (m.target.max === undefined || value <= m.target.max);
  const goal = m.target.min !== undefined ? `≥ ${m.target.min}` : `≤ ${m.target.max}`;
  return `${ok ? "met" : "MISSED"} (${goal})`;
}

const format = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));
for (const m of selected) {
  context.log(`measuring ${m.name}: ${m.description}…`);
  const value = await m.run(context);
  if (value === undefined) {
    context.log(`  ${m.name} skipped`);
    continue;
  }
  context.results[m.name] = value;
  context.log(`  ${m.name} = ${format(value)} ${m.unit} ${verdict(m, value)}`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.versions.node}`;
const today = new Date().toISOString().slice(0, 10);
const resultsUrl = new URL("./results.json", import.meta.url);
interface Recorded {
  value: number;
  measured_on: string;
  machine: string;
}
const recorded: Record<string, Recorded> = existsSync(resultsUrl)
  ? (JSON.parse(readFileSync(resultsUrl, "utf8")) as { results?: Record<string, Recorded> }).results ?? {}
  : {};
for (const m of selected) {
  const value = context.results[m.name];
  if (value !== undefined) recorded[m.name] = { value, measured_on: today, machine };
}
// Figures no longer measured by any file are dropped, so the table lists what the program measures.
const results = Object.fromEntries(
  measurements.filter((m) => recorded[m.name] !== undefined).map((m) => [m.name, recorded[m.name]!]),
);
writeFileSync(resultsUrl, JSON.stringify({ results }, null, 2) + "\n");

const machines = [...new Set(Object.values(results).map((r) => r.machine))];
const table = [
  "| figure | value | target | measured | what |",
  "|---|---|---|---|---|",
  ...measurements.filter((m) => results[m.name] !== undefined).map((m) => {
    const { value, measured_on } = results[m.name]!;
    return `| \`${m.name}\` | ${format(value)} ${m.unit} | ${verdict(m, value)} | ${measured_on} | ${m.description} |`;
  }),
].join("\n");
const doc = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
const text = readFileSync(doc, "utf8");
const start = "<!-- results:start -->";
const end = "<!-- results:end -->";
writeFileSync(
  doc,
  text.slice(0, text.indexOf(start) + start.length) +
    `\nMeasured on ${machines.join("; ")}.\n\n${table}\n` + text.slice(text.indexOf(end)),
);
console.log(table);
