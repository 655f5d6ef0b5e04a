// The Jsonnet sandbox in Chromium: a looping mapper is stopped within 1.5 s with Ory's reason
// while the page stays responsive (the engine runs in a module Web Worker), and the next tokenization
// works; without the engine's own deadline checks, terminating the worker stops it.
import { expect, test } from "@playwright/test";

test.beforeEach(async ({ page }) => {
  await page.goto("/test/browser/lib.html");
  await expect(page.locator("#status")).toHaveText("ready");
});

test("stops a looping mapper in a worker, keeps the page responsive, then tokenizes again", async ({ page }) => {
  const result = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const lib = (window as any).lib;
    const jwks = await lib.generateJwks({ alg: "ES256" });
    const template = (claimsMapper: string) => lib.encodeTemplate({ jwks, claimsMapper, ttl: "1m" });
    const looping = "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { n: f(40) } }";
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const start = performance.now();
    let error: { code: string; status: number; reason: string; detail: string } | undefined;
    try {
      await lib.tokenizeSession(lib.sampleSession(), template(looping));
    } catch (e) {
      // deno-lint-ignore no-explicit-any
      const err = e as any;
      error = { code: err.code, status: err.status, reason: err.reason, detail: err.detail };
    }
    const ms = performance.now() - start;
    clearInterval(timer);
    const next = await lib.tokenizeSession(
      lib.sampleSession(),
      template("{ claims: { email: std.extVar('session').identity.traits.email } }"),
    );
    return { error, ms, ticks, email: next.claims.email, isolation: lib.defaultJsonnetSandbox().isolation };
  });
  expect(result.error).toEqual({
    code: "ERR_JSONNET",
    status: 400,
    reason: "Unable to execute tokenizer JsonNet.",
    detail: "base64://[redacted]: failed to run jsonnet within 1s (Ory's limit), so the evaluation was stopped",
  });
  expect(result.ms).toBeGreaterThan(950);
  // The cause is asserted above; the bound only tells a stopped runaway from one that ran on, with room for load.
  expect(result.ms).toBeLessThan(4000);
  // The page's own timer kept running: the evaluation was not on its thread.
  expect(result.ticks).toBeGreaterThan(10);
  expect(result.email).toBe("alice@example.com");
  expect(result.isolation).toBe("worker");
});

test("terminates the worker of an engine without deadline checks, then evaluates again", async ({ page }) => {
  const result = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const lib = (window as any).lib;
    const sandbox = lib.createSandboxedJsonnet({
      wasm: new URL("/node_modules/@arakoodev/jsonnet/src/jsonnet_wasm_bg.wasm", location.href),
    });
    const request = (source: string) => ({ source, filename: "claims.jsonnet", extCode: {} });
    const start = performance.now();
    const looping = await sandbox.evaluate(request("local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); f(40)"));
    const ms = performance.now() - start;
    const next = await sandbox.evaluate(request("{ claims: { a: 1 } }"));
    sandbox.close();
    return { failure: looping.failure, ms, next: next.value };
  });
  expect(result.failure.kind).toBe("timeout");
  expect(result.failure.message).toBe(
    "failed to run jsonnet within 1s (Ory's limit), so its worker was terminated",
  );
  expect(result.ms).toBeLessThan(4000);
  expect(result.next).toEqual({ claims: { a: 1 } });
});
