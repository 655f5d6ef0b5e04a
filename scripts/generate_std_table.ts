/**
 * Generates lib/lint/std_functions.ts: the std names of go-jsonnet v0.21.0 (Ory's engine) and of this
 * project's engine, which the linter compares.
 *
 * Usage:
 *   node --import tsx scripts/generate_std_table.ts <go-jsonnet git dir> <jsonnet git dir> [--go-rev <rev>] [--stdlib-tag <tag>]
 *
 * Both directories are git repositories (bare or not) of github.com/google/go-jsonnet and
 * github.com/google/jsonnet. Only names and parameters are read from them, never code:
 *   - go-jsonnet's `builtins.go` at `--go-rev` (default v0.21.0): the natively implemented functions
 *     (`funcBuiltins`); `$`-prefixed names are internal;
 *   - go-jsonnet's `interpreter.go`: `thisFile`, which it adds to std for every file;
 *   - the `stdlib/std.jsonnet` that go-jsonnet embeds: the jsonnet commit its `cpp-jsonnet` submodule
 *     pins at that revision, parsed with the linter's own parser (top-level field names);
 *     `--stdlib-tag` (default v0.21.0) is checked to hold the same file, and the result is recorded;
 *   - this engine: `std.objectFieldsAll(std)` evaluated by the WASM engine without the prelude, the
 *     `arakoo` global it adds, and which std names it refuses when used.
 *
 * The output holds no path of the machine that ran it.
 *
 * @module
 */

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGlue } from "../lib/jsonnet/glue.generated.js";
import { compileJsonnetWasm } from "../lib/runtime/compile_jsonnet_wasm.ts";
import { parseJsonnet } from "../lib/jsonnet/jsonnet_parser.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(root, "lib", "lint", "std_functions.ts");

function usage(message: string): never {
  process.stderr.write(
    `${message}\nUsage: node --import tsx scripts/generate_std_table.ts <go-jsonnet git dir> <jsonnet git dir> [--go-rev <rev>] [--stdlib-tag <tag>]\n`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const positional: string[] = [];
const flags: Record<string, string> = {};
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg.startsWith("--")) flags[arg.slice(2)] = args[++i] ?? usage(`${arg} needs a value`);
  else positional.push(arg);
}
const [goDir, jsonnetDir] = positional;
if (goDir === undefined || jsonnetDir === undefined) usage("Give both repositories");
const goRev = flags["go-rev"] ?? "v0.21.0";
const stdlibTag = flags["stdlib-tag"] ?? "v0.21.0";

function git(dir: string, ...command: string[]): string {
  return execFileSync("git", ["-C", dir, ...command], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

// go-jsonnet: natively implemented std functions.
const goCommit = git(goDir, "rev-parse", `${goRev}^{commit}`).trim();
const builtinsGo = git(goDir, "show", `${goCommit}:builtins.go`);
const block = /var funcBuiltins = buildBuiltinMap\(\[\]builtin\{\n([\s\S]*?)\n\}\)/.exec(builtinsGo)?.[1];
if (block === undefined) throw new Error("Cannot find funcBuiltins in builtins.go: the file changed shape");
const builtins: string[] = [];
for (const line of block.split("\n")) {
  const entry = /^\t(?:&\w+\{name: "([^"]+)"|(\w+),)/.exec(line);
  if (entry === null) continue;
  let name = entry[1];
  if (name === undefined) {
    // An entry given by variable, such as builtinID.
    name = new RegExp(`var ${entry[2]} = &\\w+\\{name: "([^"]+)"`).exec(builtinsGo)?.[1];
    if (name === undefined) throw new Error(`Cannot resolve builtin ${entry[2]}`);
  }
  if (!name.startsWith("$")) builtins.push(name);
}

/** The text of a balanced `{…}` starting at `open` (which holds the `{`). */
function braced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  throw new Error("Unbalanced braces in builtins.go");
}

/** A builtin's parameters as go-jsonnet declares them: `name`, or `name=default` for an optional one. */
function builtinParameters(name: string): string[] {
  const at = builtinsGo.indexOf(`name: "${name}", function:`);
  if (at === -1) throw new Error(`Cannot find the builtin ${name}`);
  const params = /params: (ast\.Identifiers|\[\]generalBuiltinParameter)\{/.exec(builtinsGo.slice(at, at + 400));
  if (params === null) throw new Error(`Cannot read the parameters of the builtin ${name}`);
  const list = braced(builtinsGo, at + params.index + params[0].length - 1).slice(1, -1);
  if (params[1] === "ast.Identifiers") return [...list.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
  const result: string[] = [];
  for (let i = list.indexOf("{"); i !== -1; i = list.indexOf("{", i + 1)) {
    const item = braced(list, i);
    i += item.length - 1;
    const parameter = /name: "(\w+)"/.exec(item)?.[1];
    if (parameter === undefined) throw new Error(`Cannot read a parameter of the builtin ${name}`);
    const given = /defaultValue: (.*)\}$/s.exec(item)?.[1]?.trim();
    const string = given === undefined
      ? undefined
      : /^&valueFlatString\{value: \[\]rune\(("(?:[^"\\]|\\.)*")\)\}$/.exec(given);
    const boolean = given === undefined ? undefined : /^&valueBoolean\{value: (true|false)\}$/.exec(given);
    const value = given === undefined
      ? undefined
      : string
      ? JSON.stringify(JSON.parse(string[1]!))
      : boolean
      ? boolean[1]
      : given === "functionID"
      ? "id"
      : "…";
    result.push(value === undefined ? parameter : `${parameter}=${value}`);
  }
  return result;
}

const interpreterGo = git(goDir, "show", `${goCommit}:interpreter.go`);
// The version constant tells a release commit from a snapshot between releases.
const versionConst = /const version = "([^"]+)"/.exec(git(goDir, "show", `${goCommit}:vm.go`))?.[1] ?? "unknown";
const goDate = git(goDir, "show", "-s", "--format=%cs", goCommit).trim();
const perFile = /"thisFile":\s*makeValueString\(filename\)/.test(interpreterGo) ? ["thisFile"] : [];

// The std.jsonnet go-jsonnet embeds: the cpp-jsonnet submodule's pinned commit.
const submodule = /^160000 commit ([0-9a-f]{40})\tcpp-jsonnet$/m.exec(git(goDir, "ls-tree", goCommit, "cpp-jsonnet"))
  ?.[1];
if (submodule === undefined) throw new Error("Cannot find the cpp-jsonnet submodule in go-jsonnet");
const stdlibBlob = git(jsonnetDir, "rev-parse", `${submodule}:stdlib/std.jsonnet`).trim();
const tagBlob = git(jsonnetDir, "rev-parse", `${stdlibTag}:stdlib/std.jsonnet`).trim();
const stdJsonnet = git(jsonnetDir, "show", `${submodule}:stdlib/std.jsonnet`);
const { root: stdRoot } = parseJsonnet(stdJsonnet);
if (stdRoot.kind !== "object") throw new Error("std.jsonnet is not an object literal");
const stdlibFields = stdRoot.members.flatMap((member) =>
  member.kind === "field" && member.key.kind !== "expr" ? [member.key.name] : []
);

// Each function's parameters: std.jsonnet's as written (defaults as their source text), then the
// builtins', which replace std.jsonnet's definitions.
const parameters = new Map<string, string[]>();
for (const member of stdRoot.members) {
  if (member.kind !== "field" || member.key.kind === "expr") continue;
  const params = member.params ?? (member.value.kind === "function" ? member.value.params : undefined);
  if (params === undefined) continue;
  parameters.set(
    member.key.name,
    params.map((param) =>
      param.defaultValue === undefined
        ? param.name
        : `${param.name}=${stdJsonnet.slice(param.defaultValue.start, param.defaultValue.end)}`
    ),
  );
}
for (const name of builtins) parameters.set(name, builtinParameters(name));

const go = new Map<string, "stdlib" | "builtin" | "per-file">();
for (const name of stdlibFields) go.set(name, "stdlib");
for (const name of builtins) go.set(name, "builtin"); // builtins replace std.jsonnet's definitions
for (const name of perFile) go.set(name, "per-file");

// This engine, without the prelude.
const { imports, bindings } = createGlue();
bindings.attach(await WebAssembly.instantiate(await compileJsonnetWasm(), imports));
const vm = bindings.jsonnet_make();
function evaluate(source: string): unknown {
  const raw = bindings.jsonnet_evaluate_snippet(vm, "probe.jsonnet", source);
  try {
    return JSON.parse(raw);
  } catch {
    return { error: raw.split("\n")[0] };
  }
}
const engineNames = evaluate("std.objectFieldsAll(std)") as string[];
const refused = engineNames.filter((name) => {
  const result = evaluate(`local v = std[${JSON.stringify(name)}]; std.type(v)`);
  return typeof result === "object" && result !== null && "error" in result;
});
const arakoo = evaluate("std.objectFieldsAll(arakoo)") as string[];
const engineVersion = JSON.parse(
  readFileSync(join(root, "node_modules", "@arakoodev", "jsonnet", "package.json"), "utf8"),
).version as string;

const isPublic = (name: string) => !name.startsWith("__");
const goPublic = [...go.keys()].filter(isPublic).sort();
const enginePublic = engineNames.filter(isPublic).sort();
const onlyGo = goPublic.filter((name) => !enginePublic.includes(name));
const onlyEngine = enginePublic.filter((name) => !go.has(name));

/** A string literal as deno fmt writes it: single quotes when that saves escaping double ones. */
const quoted = (text: string) =>
  text.includes('"') && !text.includes("'")
    ? `'${JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"')}'`
    : JSON.stringify(text);
const list = (names: readonly string[]) => `[\n${names.map((n) => `  ${JSON.stringify(n)},`).join("\n")}\n]`;
const text = `/**
 * The std library of go-jsonnet v0.21.0 (Ory's engine) and of this project's engine, as data.
 * Generated by scripts/generate_std_table.ts; do not edit. See docs/jsonnet-engines.md.
 *
 * @module
 */

/** Where the go-jsonnet names were read. */
export const GO_JSONNET_SOURCE = {
  /** The release Ory pins. */
  target: "v0.21.0",
  /** The go-jsonnet revision read (builtins.go, interpreter.go, vm.go), its commit and date. */
  goJsonnetRevision: ${JSON.stringify(goRev)},
  goJsonnetCommit: ${JSON.stringify(goCommit)},
  goJsonnetCommitDate: ${JSON.stringify(goDate)},
  /** vm.go's version constant at that commit (bumped only when a release is cut). */
  goJsonnetVersionConstant: ${JSON.stringify(versionConst)},
  /** The google/jsonnet commit go-jsonnet embeds std.jsonnet from (its cpp-jsonnet submodule). */
  stdlibCommit: ${JSON.stringify(submodule)},
  /** A google/jsonnet tag, and whether its stdlib/std.jsonnet is byte-identical to the embedded one. */
  stdlibTag: ${JSON.stringify(stdlibTag)},
  stdlibIdenticalToTag: ${stdlibBlob === tagBlob},
} as const;

/** Where the engine's names were read: the WASM engine itself, evaluated without the prelude. */
export const ENGINE_SOURCE = { package: "@arakoodev/jsonnet", version: ${JSON.stringify(engineVersion)} } as const;

/** Where a go-jsonnet std name comes from. */
export type StdOrigin = "stdlib" | "builtin" | "per-file";

/**
 * Every public std name of go-jsonnet v0.21.0 and where it comes from: \`stdlib\` (std.jsonnet),
 * \`builtin\` (implemented in Go, replacing any std.jsonnet definition) or \`per-file\` (added for
 * each evaluated file).
 */
export const GO_JSONNET_STD: ReadonlyMap<string, StdOrigin> = new Map<string, StdOrigin>([
${goPublic.map((name) => `  [${JSON.stringify(name)}, ${JSON.stringify(go.get(name))}],`).join("\n")}
]);

/**
 * The parameters of each go-jsonnet v0.21.0 std function, as it declares them (\`name\` or
 * \`name=default\`): builtins from builtins.go, the rest from std.jsonnet. Values (\`pi\`, \`thisFile\`)
 * have no entry.
 */
export const GO_JSONNET_STD_PARAMETERS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
${
  goPublic.filter((name) => parameters.has(name))
    .map((name) => `  [${JSON.stringify(name)}, [${parameters.get(name)!.map(quoted).join(", ")}]],`)
    .join("\n")
}
]);

/** Every public std name this engine has. */
export const ENGINE_STD: readonly string[] = ${list(enginePublic)};

/** Std names this engine lists but refuses when used. */
export const ENGINE_REFUSED_STD: readonly string[] = ${list(refused.filter(isPublic).sort())};

/** Fields of the \`arakoo\` global this engine adds (go-jsonnet has no such variable). */
export const ENGINE_ARAKOO_FIELDS: readonly string[] = ${list([...arakoo].sort())};
`;
writeFileSync(output, text);
process.stdout.write(
  `go-jsonnet ${goRev} (${
    goCommit.slice(0, 12)
  }, ${goDate}, version constant ${versionConst}), std.jsonnet from jsonnet ${submodule.slice(0, 12)} ` +
    `(${stdlibBlob === tagBlob ? "identical to" : "DIFFERENT from"} ${stdlibTag})\n` +
    `go-jsonnet public std names: ${goPublic.length} (${builtins.length} builtins)\n` +
    `engine public std names: ${enginePublic.length}; refused: ${refused.join(", ") || "none"}\n` +
    `only in go-jsonnet: ${onlyGo.join(", ") || "none"}\nonly in the engine: ${onlyEngine.join(", ") || "none"}\n` +
    `arakoo: ${arakoo.join(", ")}\nwrote lib/lint/std_functions.ts\n`,
);
