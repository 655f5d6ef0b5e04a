// lib's shape: each entry point exports its part of the public API and nothing else, package.json and
// deno.json name the same entry points, lib's modules import one another without cycles, and only the
// runtime leaves and the CLI touch `node:`. (test/layers_test.ts holds the folders' order.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ENTRY_POINTS, packageExport } from "../scripts/entry_points.ts";
import { importsOf, libModules, read, specifiers } from "./_lib_imports.ts";

/**
 * Each entry point's public values and types, written out: a new export is a decision, made here and in
 * the docs. Values are read from the module at run time; types, which leave no trace, from its source.
 */
const PUBLIC: Record<string, { module: string; values: string[]; types: string[] }> = {
  ".": {
    module: "mod.ts",
    values: [
      "DEFAULT_ISSUER",
      "DEFAULT_TTL",
      "JWK_ALGS",
      "REGISTERED_CLAIMS",
      "SAMPLE_IDENTITY_ID",
      "SAMPLE_SESSION_ID",
      "SOURCE_MAX_BYTES",
      "SOURCE_TIMEOUT_MS",
      "TARGET_NAMES",
      "TARGET_PROFILES",
      "TEMPLATES_PATH",
      "TEMPLATE_NAME_PATTERN",
      "TokenError",
      "Tokenizer",
      "TokenizerError",
      "checkTarget",
      "checkTemplateName",
      "configFormat",
      "configTemplates",
      "decodeTemplate",
      "decodeToken",
      "encodeTemplate",
      "generateJwk",
      "generateJwks",
      "goJsonStringify",
      "parseDuration",
      "parseJwks",
      "parseSession",
      "publicJwks",
      "rotateJwks",
      "sampleSession",
      "targetProfile",
      "toJsonPatch",
      "toKratosConfig",
      "toOryPatchCommand",
      "tokenizeSession",
      "verifyToken",
    ],
    types: [
      "AuthenticationMethod",
      "CheckTargetOptions",
      "ClaimFormat",
      "ClaimRule",
      "ClaimType",
      "Claims",
      "DecodeTemplateOptions",
      "DecodeTokenOptions",
      "DecodedTemplate",
      "DecodedToken",
      "EncodeTemplateInput",
      "ErrorDetails",
      "Fetch",
      "GenerateJwksOptions",
      "Identity",
      "JsonPatchOperation",
      "JsonPatchOptions",
      "JsonValue",
      "JsonnetEvaluator",
      "Jwk",
      "JwkAlg",
      "JwkSet",
      "KeyForm",
      "OryErrorBody",
      "OryPatchCommandOptions",
      "Position",
      "Range",
      "ReadFile",
      "ReadFileOptions",
      "RegisteredClaim",
      "Session",
      "SessionDevice",
      "SourceLimits",
      "SubjectSource",
      "TargetAbout",
      "TargetContext",
      "TargetFinding",
      "TargetName",
      "TargetProblem",
      "TargetProfile",
      "TargetRule",
      "TargetSetting",
      "TargetSeverity",
      "TargetStarter",
      "TargetVerdict",
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
    ],
  },
  "./lint": {
    module: "entries/lint.ts",
    values: ["lintClaimsMapper", "previewTemplate"],
    types: [
      "ClaimOrigin",
      "Diagnostic",
      "DiagnosticCode",
      "DiagnosticFix",
      "DiagnosticSeverity",
      "LintOptions",
      "PreviewError",
      "PreviewInput",
      "PreviewOptions",
      "PreviewTarget",
      "TemplatePreview",
    ],
  },
  "./golden": {
    module: "entries/golden.ts",
    values: [
      "GOLDEN_JTI",
      "GOLDEN_NOW",
      "checkGoldenCase",
      "compareClaims",
      "formatClaimDifferences",
      "goldenCases",
      "goldenKeySetUrl",
      "runGoldenCases",
    ],
    types: [
      "ClaimDifference",
      "CompareClaimsOptions",
      "GoldenCase",
      "GoldenCaseOptions",
      "GoldenCheck",
      "GoldenRecording",
      "GoldenResult",
      "GoldenRunOptions",
    ],
  },
  "./whoami": {
    module: "entries/whoami.ts",
    values: [
      "DISCOVERY_SUFFIX",
      "JWKS_PATH",
      "JWKS_SUFFIX",
      "SIGN_IN_PATH",
      "SIGN_OUT_PATH",
      "WHOAMI_PATH",
      "createSessionStore",
      "createWhoamiHandler",
      "issuerDocuments",
      "parseSessions",
      "templatePublicKeys",
    ],
    types: [
      "CorsOptions",
      "IssuerDocuments",
      "IssuerDocumentsOptions",
      "OpenIdConfiguration",
      "SessionStore",
      "TemplatePublicKeys",
      "WhoamiHandlerOptions",
      "WhoamiRequestLog",
    ],
  },
  "./jsonnet": {
    module: "entries/jsonnet.ts",
    values: [
      "OUTPUT_LIMIT_BYTES",
      "TIMEOUT_MS",
      "compileJsonnetWasm",
      "createJsonnetEngine",
      "createSandboxedJsonnet",
      "defaultJsonnetEngine",
      "defaultJsonnetSandbox",
      "nodeWorkerSpawner",
      "webWorkerSpawner",
    ],
    types: [
      "EvaluateOptions",
      "JsonnetEngineOptions",
      "JsonnetEvaluator",
      "JsonnetFailure",
      "JsonnetFailureKind",
      "JsonnetRequest",
      "JsonnetResult",
      "JsonnetSandbox",
      "JsonnetWasmSource",
      "SandboxWorker",
      "SandboxWorkerEvents",
      "SandboxedJsonnetOptions",
      "SpawnWorker",
    ],
  },
  "./editor": {
    module: "entries/editor.ts",
    values: [
      "CLAIMS_SHAPE",
      "ENGINE_STD",
      "GO_JSONNET_STD",
      "HIDDEN_MEMBERS",
      "JSONNET_KEYWORDS",
      "SESSION_SHAPE",
      "mapperCompletionAt",
      "mapperSubjectAt",
      "stdDoc",
    ],
    types: [
      "CompletionEntry",
      "FieldShape",
      "MapperCompletion",
      "MapperData",
      "MapperSubject",
      "MemberDoc",
      "Shape",
      "StdDoc",
      "StdOrigin",
    ],
  },
};

const sorted = (names: Iterable<string>) => [...names].sort();

describe("lib's entry points", () => {
  for (const [subpath, { module, values, types }] of Object.entries(PUBLIC)) {
    it(`${subpath} (lib/${module}) exports exactly its public values`, async () => {
      const exported = await import(`../lib/${module}`) as Record<string, unknown>;
      assert.deepEqual(sorted(Object.keys(exported)), sorted(values));
    });

    it(`${subpath} (lib/${module}) exports exactly its public types`, () => {
      const found = [...read(module).matchAll(/export type \{([^}]*)\}/g)].flatMap((match) =>
        match[1]!.split(",").map((name) => name.trim()).filter((name) => name !== "")
      );
      assert.deepEqual(sorted(found), sorted(types));
    });

    it(`${subpath} (lib/${module}) only re-exports`, () => {
      const statements = read(module).replace(/\/\*[\s\S]*?\*\//g, "").split(";").map((s) => s.trim()).filter(
        (s) => s !== "",
      );
      for (const statement of statements) {
        assert.match(statement, /^export (type )?\{[^}]*\} from "\.{1,2}\/[^"]+\.ts"$/);
      }
    });
  }

  it("are the same in deno.json and this table, and package.json maps each to its bundles and types", () => {
    assert.deepEqual(ENTRY_POINTS.map((entry) => entry.subpath), Object.keys(PUBLIC));
    assert.deepEqual(ENTRY_POINTS.map((entry) => entry.source), Object.values(PUBLIC).map((p) => `lib/${p.module}`));
    const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, unknown>;
    };
    for (const entry of ENTRY_POINTS) assert.deepEqual(packageJson.exports[entry.subpath], packageExport(entry));
  });

  it("share no public value: each name has one home", () => {
    const homes = new Map<string, string>();
    for (const [subpath, { values }] of Object.entries(PUBLIC)) {
      for (const name of values) {
        assert.equal(homes.get(name), undefined, `${name} is exported by ${homes.get(name)} and ${subpath}`);
        homes.set(name, subpath);
      }
    }
  });
});

describe("lib's imports", () => {
  it("form no cycle, type-only imports included", () => {
    const modules = libModules();
    const edges = new Map<string, string[]>();
    for (const module of modules) edges.set(module, importsOf(module, modules));
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
