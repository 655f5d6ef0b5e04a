/**
 * Records go-jsonnet's answers for a broad table of `%` formats (every numeric conversion with every flag,
 * width and precision, over negative, zero, fractional, huge and tiny values; `%c` and `%s` widths; `*`,
 * mapping keys and the errors), and writes them as test vectors. Run by hand with a locally built
 * go-jsonnet (CONTRIBUTING.md, "Checking the engine against go-jsonnet"), never in CI:
 *
 *   node --import tsx scripts/record_format_vectors.ts <go-jsonnet binary> > test/_go_jsonnet_format_vectors.ts
 *   npx deno fmt test/_go_jsonnet_format_vectors.ts
 *
 * Each numeric case formats one value with a format string of many codes (one vector per conversion and
 * value); where go-jsonnet fails on the whole, each code is recorded on its own.
 *
 * @module
 */

import { execFile } from "node:child_process";
import process from "node:process";

type Answer = { value: unknown } | { error: string };

const FLAGS = ["", "-", "0", " ", "+", "#", "-0", "+0", " #", "+#0", "- "];
const SIZES = ["", "1", "9", ".0", ".1", ".3", "9.3", "14.10"];
const NUMERIC = ["d", "i", "u", "o", "x", "X", "e", "E", "f", "F", "g", "G"];
const VALUES = [
  "0",
  "-0",
  "1",
  "-1",
  "0.5",
  "-0.5",
  "1.5",
  "-1.5",
  "2.5",
  "-0.25",
  "0.125",
  "9.995",
  "-9.9999",
  "99.5",
  "123.456",
  "-123456.789",
  "0.001",
  "1e-5",
  "-1e-5",
  "1.7e-22",
  "1e-300",
  "5e-324",
  "-2.2250738585072014e-308",
  "255",
  "-255",
  "1000",
  "-1e6",
  "65536.5",
  "1e15",
  "1e20",
  "-1e20",
  "1e22",
  "12345678901234567890",
  "1e100",
  "-1e300",
  "1.7976931348623157e308",
];
const POWERS_OF_TEN = Array.from({ length: 47 }, (_, i) => `1e${i - 23}`);

function goJsonnet(binary: string, source: string): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(binary, ["-e", source], { timeout: 20000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) resolve({ error: (stderr || String(error)).split("\n")[0]!.replace(/^RUNTIME ERROR: /, "") });
      else resolve({ value: JSON.parse(stdout) });
    });
  });
}

/** A format of several codes over one value: one vector, or one per code when go-jsonnet fails on the whole. */
async function record(binary: string, codes: string[], value: string, out: [string, Answer][]): Promise<void> {
  const whole = `local v = ${value}; '${codes.join("|")}' % std.makeArray(${codes.length}, function(i) v)`;
  const answer = await goJsonnet(binary, whole);
  if ("value" in answer || codes.length === 1) {
    out.push([whole, answer]);
    return;
  }
  for (const code of codes) await record(binary, [code], value, out);
}

async function main(): Promise<void> {
  const binary = process.argv[2];
  if (binary === undefined) {
    console.error("usage: node --import tsx scripts/record_format_vectors.ts <go-jsonnet binary>");
    process.exit(2);
  }
  const out: [string, Answer][] = [];
  for (const conversion of NUMERIC) {
    // A precision of 0 makes %g's a negative one, which the prelude refuses (see the single cases below).
    const sizes = "gG".includes(conversion) ? SIZES.filter((size) => size !== ".0") : SIZES;
    const codes = FLAGS.flatMap((flags) => sizes.map((size) => `%${flags}${size}${conversion}`));
    for (const value of VALUES) await record(binary, codes, value, out);
  }
  // The exponent comes from std.log(x) / std.log(10): powers of ten sit on its boundaries.
  for (const value of POWERS_OF_TEN) {
    await record(binary, ["%e", "%.3g", "%g", "%.17g", "%f"], value, out);
    await record(binary, ["%e", "%.3g", "%g", "%.17g"], `-${value}`, out);
  }
  const characters = ["65", "0", "127", "133", "233", "128578", "55296", "57343", "65.7", "1114111", "'a'", "'é'"];
  for (const value of characters) await record(binary, ["%c", "%-3c", "%03c", "%3c", "%.2c"], value, out);
  for (const value of ["'é'", "'abc'", "''", "'🙂x'", "42", "-7", "null", "true"]) {
    await record(binary, ["%s", "%5s", "%-5s", "%05s", "%.1s", "%1s", "%5.5s"], value, out);
  }
  const single = [
    "'%c' % -1",
    "'%c' % 1114112",
    "'%c' % 'ab'",
    "'%c' % [[]]",
    "'%d' % 'x'",
    "'%f' % [null]",
    "'%.1000f' % [1]",
    "'%.308f' % [1]",
    "std.length('%.200f' % [1])",
    "std.length('%0200d|%-200d|%200s' % [1, 2, 'x'])",
    "'%300s' % [std.join('', std.makeArray(300, function(i) 'x'))] == std.join('', std.makeArray(300, function(i) 'x'))",
    "'%.22f' % [0.1]",
    "'%.25f' % [0.1]",
    "'%.30e' % [1.5]",
    "'%.0g' % [1.5]",
    "'%.0g' % [0]",
    "'%.0g' % [12]",
    "'%.0g' % [0.5]",
    "'%.0G' % [-0.5]",
    "'%.*f' % [-1, 1.5]",
    "'%*d|%-*d|%.*f|%*.*e' % [5, 3, 4, -2, 2, 1.005, 12, 3, -1.25]",
    "'%*d' % [1.5, 3]",
    "'%(a)05.1f %(b)s %(a)+e %%' % { a: -2.25, b: 'x' }",
    "'%(a)*d' % { a: 1 }",
    "'%d' % { a: 1 }",
    "'%(c)d' % { a: 1 }",
    "'%5%|%-3%|%%' % []",
    "'%d %d' % [1]",
    "'%d' % [1, 2]",
    "'%d' % 3",
    "'%' % []",
    "'%5' % [1]",
    "'%(a' % { a: 1 }",
    "'%k' % [1]",
    "'%ld|%hd|%Lf' % [1, 2, 3]",
    "'%s=%.2f' % ['a', -1.5]",
    "std.format('%.2f', -1.5)",
    "std.format('%5s|%-4s|', ['é', '🙂'])",
    "std.mod('%.1f', [-0.25])",
    "std.mod(7, 3)",
    "local f = '%.2f'; f % [-1.5]",
    "local f = '%s'; [f % [1], 7 % 3, -7 % 3, 7.5 % 2]",
    "local t = std; t.format('%+.1e', [-0.0001])",
    "'%05d%s' % [-3, 'é'] + ('%x' % 255)",
    "'a%%b%s' % 'c'",
  ];
  for (const source of single) out.push([source, await goJsonnet(binary, source)]);

  const lines = out.map(([source, answer]) => `  [${JSON.stringify(source)}, ${JSON.stringify(answer)}],`);
  process.stdout.write(
    [
      "/**",
      " * go-jsonnet v0.21.0's answers for a broad table of `%` formats (std.format, std.mod and `%` on a string),",
      " * recorded by scripts/record_format_vectors.ts with a locally built go-jsonnet; generated, not edited.",
      " * Checked by test/engine_fidelity_test.ts like GO_JSONNET_VECTORS.",
      " */",
      "",
      'import type { GoAnswer } from "./_go_jsonnet_vectors.ts";',
      "",
      "export const GO_JSONNET_FORMAT_VECTORS: readonly (readonly [string, GoAnswer])[] = [",
      ...lines,
      "];",
      "",
    ].join("\n"),
  );
}

await main();
