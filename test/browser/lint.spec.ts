// lintClaimsMapper() from lib's browser bundle (dist/mod.js) in Chromium: the same
// diagnostics, codes and zero-based ranges as test/lint_claims_mapper_test.ts expects under Node and Deno.
import { expect, test } from "@playwright/test";
import { LINE_7_MAPPER } from "../_helpers.ts";

const range = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

const vectors: [string, string, [string, string, ReturnType<typeof range>][]][] = [
  ["a syntax error on line 7, column 12", LINE_7_MAPPER.replace("%s", "]"), [[
    "jsonnet-syntax",
    "error",
    range(6, 11, 6, 12),
  ]]],
  ["a runtime error on line 7, column 12", LINE_7_MAPPER.replace("%s", "error 'no roles'"), [
    ["jsonnet-runtime", "error", range(6, 11, 6, 27)],
  ]],
  [
    "a session path Kratos never has",
    "local session = std.extVar('session');\n{ claims: { email: session.identity.trait.email } }",
    [
      ["session-path-unknown", "error", range(1, 36, 1, 41)],
    ],
  ],
  [
    "sub, a default claim and a number turned into a string",
    "{\n  claims: {\n    sub: 'x',\n    iss: 'i',\n    r: '' + 0.1,\n  },\n}",
    [
      ["sub-overwritten", "warning", range(2, 4, 2, 7)],
      ["default-claim-overridden", "information", range(3, 4, 3, 7)],
      ["number-to-string", "warning", range(4, 12, 4, 15)],
    ],
  ],
];

test.beforeEach(async ({ page }) => {
  await page.goto("/test/browser/lib.html");
  await expect(page.locator("#status")).toHaveText("ready");
});

for (const [name, source, expected] of vectors) {
  test(`lintClaimsMapper() reports ${name}`, async ({ page }) => {
    const diagnostics = await page.evaluate(async (source) => {
      // deno-lint-ignore no-explicit-any
      const lib = (window as any).lib;
      // deno-lint-ignore no-explicit-any
      return (await lib.lintClaimsMapper(source)).map((d: any) => [d.code, d.severity, d.range]);
    }, source);
    expect(diagnostics).toEqual(expected);
  });
}
