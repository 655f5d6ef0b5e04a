// The engine answers as Ory's go-jsonnet in Chromium too: every vector of test/_go_jsonnet_vectors.ts
// through lib's browser bundle, plus the output limit measured on go-jsonnet's bytes.
import { expect, test } from "@playwright/test";
import { FIDELITY_SESSION, GO_JSONNET_VECTORS } from "../_go_jsonnet_vectors.ts";

test.beforeEach(async ({ page }) => {
  await page.goto("/test/browser/lib.html");
  await expect(page.locator("#status")).toHaveText("ready");
});

test("every go-jsonnet vector gives go-jsonnet's answer", async ({ page }) => {
  const outcomes = await page.evaluate(async ({ vectors, session }) => {
    // deno-lint-ignore no-explicit-any
    const lib = (window as any).lib;
    const engine = lib.createJsonnetEngine();
    const results: { ok: boolean; value?: unknown }[] = [];
    for (const [source] of vectors) {
      const r = await engine.evaluate({
        source: `local s = std.extVar('session'); ${source}`,
        filename: "mapper.jsonnet",
        extCode: { session, claims: "{}" },
      });
      results.push(r.ok ? { ok: true, value: r.value } : { ok: false });
    }
    return results;
  }, { vectors: GO_JSONNET_VECTORS, session: FIDELITY_SESSION });
  GO_JSONNET_VECTORS.forEach(([source, answer], i) => {
    const outcome = outcomes[i]!;
    if ("value" in answer) expect(outcome, source).toEqual({ ok: true, value: answer.value });
    else expect(outcome.ok, source).toBe(false);
  });
});

test("refuses an output that is over 256 KiB only as go-jsonnet writes it", async ({ page }) => {
  const kind = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const lib = (window as any).lib;
    const r = await lib.createJsonnetEngine().evaluate({
      source: "{ claims: { a: std.makeArray(12000, function(i) 0.1) } }",
      filename: "m.jsonnet",
      extCode: {},
    });
    return r.ok ? "ok" : r.failure.kind;
  });
  expect(kind).toBe("output-limit");
});
