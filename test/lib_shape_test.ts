// lib's shape: the barrel exports the public API and nothing else, lib's modules import one another
// without cycles, and only the runtime leaves and the CLI touch `node:`.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import * as lib from "../lib/mod.ts";

const LIB = fileURLToPath(new URL("../lib/", import.meta.url));

/** The public values, written out: a new export is a decision, made here and in the docs. */
const PUBLIC_VALUES = [
  "CLAIMS_SHAPE",
  "DEFAULT_ISSUER",
  "DEFAULT_TTL",
  "ENGINE_STD",
  "GOLDEN_JTI",
  "GOLDEN_NOW",
  "GO_JSONNET_STD",
  "HIDDEN_MEMBERS",
  "JSONNET_KEYWORDS",
  "JWKS_PATH",
  "JWK_ALGS",
  "OUTPUT_LIMIT_BYTES",
  "REGISTERED_CLAIMS",
  "SAMPLE_IDENTITY_ID",
  "SAMPLE_SESSION_ID",
  "SESSION_SHAPE",
  "SIGN_IN_PATH",
  "SIGN_OUT_PATH",
  "SOURCE_MAX_BYTES",
  "SOURCE_TIMEOUT_MS",
  "TEMPLATES_PATH",
  "TEMPLATE_NAME_PATTERN",
  "TIMEOUT_MS",
  "TokenError",
  "Tokenizer",
  "TokenizerError",
  "WHOAMI_PATH",
  "checkGoldenCase",
  "checkTemplateName",
  "compareClaims",
  "compileJsonnetWasm",
  "configFormat",
  "configTemplates",
  "createJsonnetEngine",
  "createSandboxedJsonnet",
  "createSessionStore",
  "createWhoamiHandler",
  "decodeTemplate",
  "decodeToken",
  "defaultJsonnetEngine",
  "defaultJsonnetSandbox",
  "encodeTemplate",
  "formatClaimDifferences",
  "generateJwk",
  "generateJwks",
  "goJsonStringify",
  "goldenCases",
  "goldenKeySetUrl",
  "lintClaimsMapper",
  "nodeWorkerSpawner",
  "parseDuration",
  "parseJwks",
  "parseSession",
  "parseSessions",
  "previewTemplate",
  "publicJwks",
  "rotateJwks",
  "runGoldenCases",
  "sampleSession",
  "templatePublicKeys",
  "toJsonPatch",
  "toKratosConfig",
  "toOryPatchCommand",
  "tokenizeSession",
  "verifyToken",
  "webWorkerSpawner",
];

/** The public types, written out likewise (types leave no trace at run time: read from the barrel). */
const PUBLIC_TYPES = [
  "AuthenticationMethod",
  "ClaimDifference",
  "ClaimOrigin",
  "Claims",
  "CompareClaimsOptions",
  "CorsOptions",
  "DecodeTemplateOptions",
  "DecodeTokenOptions",
  "DecodedTemplate",
  "DecodedToken",
  "Diagnostic",
  "DiagnosticCode",
  "DiagnosticFix",
  "DiagnosticSeverity",
  "EncodeTemplateInput",
  "ErrorDetails",
  "EvaluateOptions",
  "Fetch",
  "FieldShape",
  "GenerateJwksOptions",
  "GoldenCase",
  "GoldenCaseOptions",
  "GoldenCheck",
  "GoldenRecording",
  "GoldenResult",
  "GoldenRunOptions",
  "Identity",
  "JsonPatchOperation",
  "JsonPatchOptions",
  "JsonValue",
  "JsonnetEngineOptions",
  "JsonnetEvaluator",
  "JsonnetFailure",
  "JsonnetFailureKind",
  "JsonnetRequest",
  "JsonnetResult",
  "JsonnetSandbox",
  "JsonnetWasmSource",
  "Jwk",
  "JwkAlg",
  "JwkSet",
  "LintOptions",
  "OryErrorBody",
  "OryPatchCommandOptions",
  "Position",
  "PreviewError",
  "PreviewInput",
  "PreviewOptions",
  "Range",
  "ReadFile",
  "ReadFileOptions",
  "RegisteredClaim",
  "SandboxWorker",
  "SandboxWorkerEvents",
  "SandboxedJsonnetOptions",
  "Session",
  "SessionDevice",
  "SessionStore",
  "Shape",
  "SourceLimits",
  "SpawnWorker",
  "StdOrigin",
  "SubjectSource",
  "TemplatePreview",
  "TemplatePublicKeys",
  "TimeClaim",
  "TokenErrorCode",
  "TokenErrorJson",
  "TokenErrorOptions",
  "TokenHeader",
  "TokenKind",
  "TokenSegment",
  "TokenizeCallOptions",
  "TokenizeOptions",
  "TokenizeResult",
  "TokenizerErrorCode",
  "TokenizerErrorOptions",
  "TokenizerOptions",
  "TokenizerTemplate",
  "VerifiedToken",
  "VerifyOptions",
  "WhoamiHandlerOptions",
  "WhoamiRequestLog",
];

const sorted = (names: Iterable<string>) => [...names].sort();

/** Every source module of lib (the generated glue included), as paths relative to lib/. */
function libModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(relative(LIB, path));
    }
  };
  walk(LIB);
  return found.sort();
}

/** The specifiers a module imports or re-exports, statically or with `import()`, type-only ones included. */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|[\s;])(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']/g)) {
    found.push(match[1]!);
  }
  for (const match of code.matchAll(/(?:^|[\s;])import\s*["']([^"']+)["']/g)) found.push(match[1]!);
  for (const match of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(match[1]!);
  return found;
}

function read(module: string): string {
  return readFileSync(join(LIB, module), "utf8");
}

describe("lib's barrel (lib/mod.ts)", () => {
  it("exports exactly the public values", () => {
    assert.deepEqual(sorted(Object.keys(lib)), sorted(PUBLIC_VALUES));
  });

  it("exports exactly the public types", () => {
    const barrel = read("mod.ts");
    const types = [...barrel.matchAll(/export type \{([^}]*)\}/g)].flatMap((match) =>
      match[1]!.split(",").map((name) => name.trim()).filter((name) => name !== "")
    );
    assert.deepEqual(sorted(types), sorted(PUBLIC_TYPES));
  });

  it("only re-exports", () => {
    const statements = read("mod.ts").replace(/\/\*[\s\S]*?\*\//g, "").split(";").map((s) => s.trim()).filter(
      (s) => s !== "",
    );
    for (const statement of statements) assert.match(statement, /^export (type )?\{[^}]*\} from "\.\/[^"]+\.ts"$/);
  });
});

describe("lib's imports", () => {
  it("form no cycle, type-only imports included", () => {
    const modules = libModules();
    const edges = new Map<string, string[]>();
    for (const module of modules) {
      const targets = specifiers(read(module)).filter((s) => s.startsWith(".")).map((s) =>
        relative(LIB, resolve(dirname(join(LIB, module)), s))
      ).filter((target) => modules.includes(target));
      edges.set(module, targets);
    }
    // Depth-first search; a module met again while on the stack closes a cycle.
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (module: string, stack: string[]) => {
      state.set(module, "open");
      for (const target of edges.get(module) ?? []) {
        if (state.get(target) === "open") cycles.push([...stack.slice(stack.indexOf(target)), target].join(" → "));
        else if (state.get(target) === undefined) visit(target, [...stack, target]);
      }
      state.set(module, "done");
    };
    for (const module of modules) if (state.get(module) === undefined) visit(module, [module]);
    assert.deepEqual(cycles, []);
  });

  it("finds the imports it walks (the walk itself can fail)", () => {
    assert.deepEqual(specifiers('import type { A } from "./a.ts";\nexport { b } from "../b.ts";\nimport("./c.js")'), [
      "./a.ts",
      "../b.ts",
      "./c.js",
    ]);
  });

  it("reach node: only from lib/runtime and lib/cli", () => {
    const offenders = libModules().filter((module) => !/^(runtime|cli)[/\\]/.test(module)).filter((module) =>
      specifiers(read(module)).some((s) => s.startsWith("node:"))
    );
    assert.deepEqual(offenders, []);
  });
});
