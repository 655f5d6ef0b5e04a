// Which documents the language server checks: claims mappers by their path (the mapperPatterns globs) or
// by what they read, never other Jsonnet (dashboards, libraries).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_MAPPER_PATTERNS, globToRegExp, isClaimsMapper } from "../lib/lsp/mapper_documents.ts";

describe("isClaimsMapper()", () => {
  const vectors: [string, string, readonly string[], boolean][] = [
    ["claims.jsonnet", "{}", DEFAULT_MAPPER_PATTERNS, true],
    ["mappers/web/claims_web.jsonnet", "{}", DEFAULT_MAPPER_PATTERNS, true],
    ["dashboards/main.jsonnet", "{}", DEFAULT_MAPPER_PATTERNS, false],
    ["lib/utils.libsonnet", 'local s = std.extVar( "session" ); s', DEFAULT_MAPPER_PATTERNS, true],
    ["lib/utils.libsonnet", "std.extVar('other')", DEFAULT_MAPPER_PATTERNS, false],
    ["tokens/jwt.jsonnet", "{}", ["tokens/*.jsonnet"], true],
    ["other/tokens/jwt.jsonnet", "{}", ["tokens/*.jsonnet"], false],
    ["C:\\work\\claims.jsonnet", "{}", DEFAULT_MAPPER_PATTERNS, true],
  ];
  for (const [path, text, patterns, expected] of vectors) {
    it(`${expected ? "takes" : "leaves"} ${path} (${JSON.stringify(text)}, ${patterns.join(" ")})`, () => {
      assert.equal(isClaimsMapper(path, text, patterns), expected);
    });
  }

  it("reads globs as settings write them: ** crosses folders, * and ? do not, {a,b} is a choice", () => {
    assert.ok(globToRegExp("**/claims*.jsonnet").test("claims.jsonnet"));
    assert.ok(!globToRegExp("*.jsonnet").test("a/b.jsonnet"));
    assert.ok(globToRegExp("m?/{x,y}.jsonnet").test("m1/y.jsonnet"));
    assert.ok(!globToRegExp("m?/{x,y}.jsonnet").test("m1/z.jsonnet"));
  });
});
