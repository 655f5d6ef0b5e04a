/**
 * Differential fuzzing of lib's Jsonnet engine against a locally built go-jsonnet (Ory's engine; see
 * CONTRIBUTING.md, "Checking the engine against go-jsonnet"). Run by hand, never in CI:
 *
 *   node --import tsx scripts/fuzz_go_jsonnet.ts <go-jsonnet binary> [--seed N] [--runs N] [--verbose]
 *   node --import tsx scripts/fuzz_go_jsonnet.ts <go-jsonnet binary> -e '<expression>' [-e …]
 *
 * Each program is mapper-shaped: `session` and `claims` arrive as ext code, as in Kratos, and the
 * output is `{ claims: { … } }` built from random std calls, operators, slices and formats over values
 * that differ between engines (fractions, big and negative numbers, control and non-ASCII characters,
 * empty strings). An outcome is the JSON value (compared as parsed, as Kratos reads it) or "error".
 * Programs whose outcomes differ are printed with both answers; go-jsonnet is right by definition.
 * What it finds becomes ordinary tests (test/engine_fidelity_test.ts) with go-jsonnet's answers.
 *
 * @module
 */

import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";

const SESSION = JSON.stringify({
  id: "5f1ba1a0-6a7e-4d53-8a6c-1f2e0e9c1b7a",
  identity: { id: "i-1", traits: { email: "Ada@Example.com", name: { first: "Ada", last: "Lovelace" } } },
  authenticated_at: "2023-02-01T00:00:00Z",
  metadata: { score: 1.7e-22, ratio: 0.1, big: 12345678901234567890, neg: -2.5, tiny: 5e-324 },
});
const CLAIMS = JSON.stringify({ iss: "http://localhost/", sub: "i-1", exp: 1675209660, iat: 1675209600 });

type Outcome = { ok: true; value: unknown; text: string } | { ok: false; message: string };

/** mulberry32: small, seeded, reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of mapper-shaped expressions. */
function generator(next: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const numbers = [
    "0",
    "1",
    "-1",
    "2",
    "3",
    "-2",
    "0.1",
    "0.2",
    "0.3",
    "1.5",
    "-1.5",
    "2.5",
    "1e20",
    "-1e20",
    "1e300",
    "255",
    "256",
    "65.5",
    "1e-7",
    "1.7e-22",
    "9007199254740993",
    "s.metadata.score",
    "s.metadata.ratio",
    "s.metadata.big",
    "s.metadata.neg",
    "s.metadata.tiny",
    "std.length(s.id)",
  ];
  const strings = [
    "''",
    "'a'",
    "'abc'",
    "'a,b,,c'",
    "','",
    "'é'",
    "'\\u0085'",
    "'\\u007f'",
    "'\\u2028'",
    "'\\u00e9t\\u00e9'",
    "'x\\/y'",
    "'yes'",
    "'%'",
    "'🙂'",
    "s.identity.traits.email",
    "s.id",
    "s.authenticated_at",
    "c.iss",
  ];
  const number = (): string =>
    next() < 0.8 ? pick(numbers) : `(${pick(numbers)} ${pick(["+", "-", "*", "/"])} ${pick(numbers)})`;
  const string = (): string => next() < 0.85 ? pick(strings) : `(${pick(strings)} + ${pick(strings)})`;
  const array = (): string =>
    pick([
      "[]",
      `[${number()}, ${number()}]`,
      `[${string()}, ${string()}]`,
      `[${number()}, ${string()}, null]`,
      "[[1], [2, 3]]",
      "std.objectFields(s.identity.traits)",
      `[${number()}, error 'unused']`,
    ]);
  const any = (): string => pick([number, string, array, () => "null", () => "{a: 1}", () => "true"])();
  const forms: (() => string)[] = [
    () => `${number()} ${pick(["==", "!=", "<", "<=", "&", "|", "^", "<<", ">>", "%"])} ${number()}`,
    () => `${string()} * ${number()}`,
    () => `${string()}[${number()}]`,
    () => `${pick([string, array])()}[${pick(["-2", "-1", "0", "1", "null", "::2", "1:-1"])}:]`,
    () =>
      `std.slice(${pick([string, array])()}, ${pick(["null", "-1", "0", "1"])}, ${pick(["null", "-1", "2"])}, ${
        pick(["null", "1", "2"])
      })`,
    () => `std.toString(${any()})`,
    () => `'' + ${any()}`,
    () => `std.escapeStringJson(${any()})`,
    () => `std.manifestJsonMinified(${any()})`,
    () => `std.manifestJsonEx(${any()}, '  ')`,
    () => `std.base64(${pick([string, array])()})`,
    () => `std.base64Decode(${pick(["'/w=='", "'YQ=='", "'4pyT'", string()])})`,
    () => `std.decodeUTF8(${pick(["[255]", "[97, 98]", "[237, 160, 128]", "[226, 130]", array()])})`,
    () => `std.char(${number()})`,
    () => `std.codepoint(${string()})`,
    () => `std.parseJson(${pick(["'1.7e-22'", "'\"\\\\ud800\"'", "'[1, 2]'", "'0.1'", "'\"a\\\\/b\"'"])})`,
    () => `std.foldl(function(a, b) a + b, ${pick([string, array])()}, ${pick(["''", "0", "[]"])})`,
    () => `std.foldr(function(a, b) a + b, ${pick([string, array])()}, ${pick(["''", "0", "[]"])})`,
    () => `std.mantissa(${number()})`,
    () => `std.exponent(${number()})`,
    () => `std.pow(${number()}, ${number()})`,
    () =>
      `std.${pick(["split", "splitLimit", "splitLimitR"])}(${string()}, ${string()}${
        next() < 0.5 ? "" : `, ${number()}`
      })`,
    () => `std.strReplace(${string()}, ${string()}, ${string()})`,
    () => `std.sort(${array()})`,
    () => `std.set(${array()})`,
    () => `std.member(${pick([string, array])()}, ${any()})`,
    () => `std.range(${number()}, ${number()})`,
    () => `std.removeAt(${array()}, ${number()})`,
    () => `std.objectRemoveKey(${pick(["{}", "{a: 1}", "s.identity.traits"])}, 'a')`,
    () => `std.${pick(["startsWith", "endsWith"])}(${any()}, ${any()})`,
    () => `std.flattenArrays(${pick(["[[1], [2]]", "[1]", "[[], null]", array()])})`,
    () => `std.${pick(["isOdd", "isEven"])}(${number()})`,
    () => `std.${pick(["minArray", "maxArray"])}(${array()}${next() < 0.5 ? "" : ", keyF=function(x) -x"})`,
    () => `std.parseYaml(${pick(["'yes'", "'no'", "'on'", "'1.5'", "'a: b'", "'[1, 2]'", "'~'"])})`,
    () =>
      `${pick(["'%5s'", "'%-4s'", "'%e'", "'%E'", "'%g'", "'%G'", "'%d'", "'%.3f'", "'%f'", "'%x'", "'%o'"])} % ${
        pick([number, string])()
      }`,
    () => `std.${pick(["floor", "ceil", "sqrt", "log", "exp", "sin", "atan", "abs", "round"])}(${number()})`,
    () => `std.makeArray(${pick(["0", "3", "-1", "1.5"])}, function(i) i)`,
    () =>
      `std.${pick(["trim", "asciiUpper", "stripChars(", "lstripChars(", "rstripChars("])}`.replace(
        /\($/,
        `(${string()}, ${string()})`,
      ).replace(/(trim|asciiUpper)$/, `$1(${string()})`),
    () => `std.substr(${string()}, ${number()}, ${number()})`,
    () => `std.repeat(${pick([string, array])()}, ${pick(["0", "2", "-1", "1.5"])})`,
    () => `std.join(${pick([string, array])()}, ${array()})`,
    () => `std.filter(function(x) false, ${array()})`,
    () => `std.map(function(x) x, ${pick([string, array])()})`,
  ];
  return () => pick(forms)();
}

function program(expressions: string[]): string {
  const fields = expressions.map((e, i) => `    f${i}: ${e},`).join("\n");
  return `local s = std.extVar('session');\nlocal c = std.extVar('claims');\n{\n  claims: {\n${fields}\n  },\n}\n`;
}

async function goJsonnet(binary: string, dir: string, source: string): Promise<Outcome> {
  const file = join(dir, "mapper.jsonnet");
  await writeFile(file, source);
  return await new Promise((resolve) => {
    execFile(
      binary,
      ["--ext-code", `session=${SESSION}`, "--ext-code", `claims=${CLAIMS}`, file],
      { timeout: 5000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) resolve({ ok: false, message: (stderr || String(error)).split("\n")[0]! });
        else resolve({ ok: true, value: JSON.parse(stdout), text: stdout });
      },
    );
  });
}

function same(a: Outcome, b: Outcome): boolean {
  return a.ok && b.ok ? isDeepStrictEqual(a.value, b.value) : a.ok === b.ok;
}

function show(o: Outcome): string {
  return o.ok ? JSON.stringify(o.value) : `error: ${o.message}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const binary = args[0];
  if (binary === undefined || binary.startsWith("-")) {
    console.error("usage: fuzz_go_jsonnet.ts <go-jsonnet binary> [--seed N] [--runs N] [--verbose] [-e expr]…");
    process.exit(2);
  }
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const explicit = args.flatMap((a, i) => (a === "-e" ? [args[i + 1]!] : []));
  const seed = option("--seed", 1);
  const runs = explicit.length > 0 ? explicit.length : option("--runs", 200);
  const verbose = args.includes("--verbose") || explicit.length > 0;
  const next = generator(random(seed));
  const engine = createJsonnetEngine({ timeoutMs: 5000 });
  const dir = await mkdtemp(join(tmpdir(), "fuzz-go-jsonnet-"));
  let differing = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const expression = explicit[i] ?? next();
      const source = program([expression]);
      const ours = await engine.evaluate({
        source,
        filename: "mapper.jsonnet",
        extCode: { session: SESSION, claims: CLAIMS },
      });
      const mine: Outcome = ours.ok
        ? { ok: true, value: ours.value, text: ours.output }
        : { ok: false, message: ours.failure.message };
      const theirs = await goJsonnet(binary, dir, source);
      const agrees = same(mine, theirs);
      if (!agrees) differing++;
      if (!agrees || (verbose && explicit.length > 0)) {
        console.log(
          `${agrees ? "same" : "DIFF"} ${expression}\n  go-jsonnet: ${show(theirs).slice(0, 300)}\n  lib:        ${
            show(mine).slice(0, 300)
          }`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`${differing} of ${runs} programs differ (${((100 * differing) / runs).toFixed(1)} %), seed ${seed}`);
}

await main();
