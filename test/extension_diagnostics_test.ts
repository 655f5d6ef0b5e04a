// The extension's pure converters: lib's findings as VS Code diagnostics and quick fixes, and which files are mappers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { lintClaimsMapper } from "../lib/entries/lint.ts";
import { quickFixesAt, rangesTouch, toEditorDiagnostics } from "../extension/src/logic/editor_diagnostics.ts";
import { globToRegExp, isClaimsMapper } from "../extension/src/logic/mapper_selector.ts";

const TYPO = "local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email } }\n";

describe("toEditorDiagnostics()", () => {
  it("keeps lib's exact range and links the code to its rule", async () => {
    const findings = await lintClaimsMapper(TYPO);
    const unknown = findings.find((d) => d.code === "session-path-unknown")!;
    const [converted] = toEditorDiagnostics([unknown]);
    assert.deepEqual(converted!.range, unknown.range);
    assert.deepEqual(converted!.range, {
      start: { line: 1, column: 30 },
      end: { line: 1, column: 35 },
    });
    assert.equal(converted!.severity, 0);
    assert.equal(converted!.source, "ory-tokenizer");
    assert.equal(converted!.code.value, "session-path-unknown");
    assert.match(
      converted!.code.target,
      /docs\/lint-rules\.md#session-path-unknown$/,
    );
  });

  it("maps warning and information to VS Code's numbers", () => {
    const range = {
      start: { line: 0, column: 0 },
      end: { line: 0, column: 1 },
    };
    const severities = toEditorDiagnostics([
      { code: "sub-overwritten", severity: "warning", message: "w", range },
      { code: "null-claim", severity: "information", message: "i", range },
    ]).map((d) => d.severity);
    assert.deepEqual(severities, [1, 2]);
  });
});

describe("quickFixesAt()", () => {
  it("offers lib's fix where the cursor touches the finding, and nothing elsewhere", async () => {
    const findings = await lintClaimsMapper(TYPO);
    const at = { start: { line: 1, column: 33 }, end: { line: 1, column: 33 } };
    const [fix] = quickFixesAt(findings, at);
    assert.equal(fix?.code, "session-path-unknown");
    assert.equal(fix?.edit.newText, "traits");
    assert.deepEqual(
      quickFixesAt(findings, {
        start: { line: 0, column: 0 },
        end: { line: 0, column: 0 },
      }),
      [],
    );
  });

  it("counts a cursor at either end of a range as touching it", () => {
    const range = {
      start: { line: 2, column: 4 },
      end: { line: 2, column: 9 },
    };
    const point = (column: number) => ({
      start: { line: 2, column },
      end: { line: 2, column },
    });
    assert.deepEqual([3, 4, 9, 10].map((c) => rangesTouch(range, point(c))), [
      false,
      true,
      true,
      false,
    ]);
  });
});

describe("isClaimsMapper()", () => {
  const patterns = ["**/claims*.jsonnet"];
  for (
    const [path, text, expected] of [
      ["claims.jsonnet", "{}", true],
      ["deploy/ory/claims.prod.jsonnet", "{}", true],
      ["dashboards/grafana.jsonnet", "{ panels: [] }", false],
      ["mappers/jwt.jsonnet", 'local s = std.extVar( "session" ); {}', true],
      ["mappers/jwt.libsonnet", "std.extVar('claims')", true],
      ["mappers/other.jsonnet", "std.extVar('env')", false],
      ["notes.md", "std.extVar('session')", true],
    ] as const
  ) {
    it(`${expected ? "takes" : "leaves"} ${path}`, () => assert.equal(isClaimsMapper(path, text, patterns), expected));
  }

  it("reads globs as VS Code does for ** and {a,b}", () => {
    assert.ok(
      globToRegExp("**/ory/{claims,mapper}.jsonnet").test(
        "a/b/ory/mapper.jsonnet",
      ),
    );
    assert.ok(!globToRegExp("ory/*.jsonnet").test("ory/x/y.jsonnet"));
    assert.ok(globToRegExp("**/claims.jsonnet").test("claims.jsonnet"));
  });
});

describe("docs/lint-rules.md", () => {
  it("has a section for every code a diagnostic links to", () => {
    const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
    const union = read("lib/lint/diagnostic.ts");
    const codes = [...union.slice(union.indexOf("export type DiagnosticCode")).matchAll(/^\s+\| "([a-z0-9-]+)"/gm)]
      .map((m) => m[1]);
    assert.ok(codes.length > 20);
    const sections = new Set([...read("docs/lint-rules.md").matchAll(/^### ([a-z0-9-]+)$/gm)].map((m) => m[1]));
    assert.deepEqual(codes.filter((code) => !sections.has(code)), []);
  });
});
