/**
 * Conformance of lib's Jsonnet engine with go-jsonnet (Ory's engine) on go-jsonnet's own `testdata/`.
 * Run by hand, never in CI (CI has no go-jsonnet snapshot):
 *
 *   node --import tsx scripts/conformance_go_jsonnet.ts <go-jsonnet checkout> [--verbose] [--json <file>]
 *
 * It evaluates every `testdata/*.jsonnet` a claims mapper could contain (no imports, no ext vars beyond
 * Ory's `session` and `claims`, no native functions, not a multi-file or string-output case) through
 * lib's engine with Ory's ext code, and compares with the case's `.golden` (go-jsonnet's answer): both
 * fail, or both give the same JSON value (numbers compared as float64, as Kratos reads them). It prints
 * the agreement and, with `--verbose`, every disagreement.
 *
 * @module
 */

import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { codeSpans } from "../lib/jsonnet/code_spans.ts";

/** Why a case cannot be part of a claims mapper. */
function exclusion(source: string): string | undefined {
  const code = codeSpans(source).filter((span) => span.kind === "code").map((s) => source.slice(s.start, s.end))
    .join(" ");
  if (/\bimport(?:str|bin)?\b/.test(code)) return "import";
  if (/\bextVar\b/.test(code)) return "ext var";
  if (/\bnative\b/.test(code)) return "native function";
  return undefined;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

export interface CaseResult {
  name: string;
  expected: Outcome;
  actual: Outcome;
  agrees: boolean;
}

function agreement(expected: Outcome, actual: Outcome): boolean {
  if (!expected.ok || !actual.ok) return expected.ok === actual.ok;
  return isDeepStrictEqual(expected.value, actual.value);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith("--"));
  if (root === undefined) {
    console.error("usage: conformance_go_jsonnet.ts <go-jsonnet checkout> [--verbose] [--json <file>]");
    process.exit(2);
  }
  const verbose = args.includes("--verbose");
  const jsonAt = args.indexOf("--json");
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const dir = join(root, "testdata");
  const names = (await readdir(dir)).filter((f) => f.endsWith(".jsonnet")).map((f) => f.slice(0, -8)).sort();
  // Slow cases are refused by Ory's 1 s limit too, but go-jsonnet's goldens were made without it.
  const engine = createJsonnetEngine({ timeoutMs: 10_000 });
  const excluded = new Map<string, number>();
  const results: CaseResult[] = [];
  for (const name of names) {
    if (name.endsWith("_string_output")) {
      excluded.set("string output", (excluded.get("string output") ?? 0) + 1);
      continue;
    }
    let golden: string;
    try {
      golden = await readFile(join(dir, `${name}.golden`), "utf8");
    } catch {
      excluded.set("no single golden", (excluded.get("no single golden") ?? 0) + 1);
      continue;
    }
    const source = await readFile(join(dir, `${name}.jsonnet`), "utf8");
    const why = exclusion(source);
    if (why !== undefined) {
      excluded.set(why, (excluded.get(why) ?? 0) + 1);
      continue;
    }
    let expected: Outcome;
    try {
      expected = { ok: true, value: JSON.parse(golden) };
    } catch {
      expected = { ok: false, message: golden.split("\n")[0]! };
    }
    const result = await engine.evaluate({
      source,
      filename: `testdata/${name}`,
      extCode: { session: "{}", claims: "{}" },
    });
    const actual: Outcome = result.ok
      ? { ok: true, value: result.value }
      : { ok: false, message: result.failure.message };
    results.push({ name, expected, actual, agrees: agreement(expected, actual) });
  }
  const agreed = results.filter((r) => r.agrees).length;
  const disagreements = results.filter((r) => !r.agrees);
  if (verbose) {
    for (const r of disagreements) {
      const show = (
        o: Outcome,
      ) => (o.ok ? JSON.stringify(o.value)?.slice(0, 160) : `error: ${o.message.slice(0, 160)}`);
      console.log(`${r.name}\n  go-jsonnet: ${show(r.expected)}\n  lib:        ${show(r.actual)}`);
    }
  }
  const skipped = [...excluded].map(([why, n]) => `${n} ${why}`).join(", ");
  const percent = ((100 * agreed) / results.length).toFixed(1);
  console.log(`${agreed} of ${results.length} cases agree (${percent} %); excluded: ${skipped}`);
  const kinds = {
    "lib fails, go-jsonnet succeeds": disagreements.filter((r) => r.expected.ok && !r.actual.ok).length,
    "lib succeeds, go-jsonnet fails": disagreements.filter((r) => !r.expected.ok && r.actual.ok).length,
    "different values": disagreements.filter((r) => r.expected.ok && r.actual.ok).length,
  };
  console.log(Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", "));
  if (jsonFile !== undefined) await writeFile(jsonFile, JSON.stringify(results, null, 1));
}

await main();
