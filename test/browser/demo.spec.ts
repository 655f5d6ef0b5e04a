// The guide's end-to-end demo page (demo/, built into dist/demo/) in Chromium: Ory's own client calls
// the emulator (`ory-tokenizer serve`, a subprocess) with tokenizeAs, and lib verifies the token with
// the emulator's public key set. Once from another origin (CORS with the session cookie), once from
// the emulator itself at /demo/.
import { expect, type Page, test } from "@playwright/test";
import { type ServeProcess, startServe } from "./serve_process.ts";

const IDENTITY_ID = "7458af86-c1d8-401c-978a-8da89133f78b";

let serve: ServeProcess;
let emulator: string;

// deno-lint-ignore no-empty-pattern -- Playwright reads the fixtures a hook wants from its first parameter
test.beforeAll(async ({}, testInfo) => {
  const pageOrigin = new URL(testInfo.project.use.baseURL!).origin;
  serve = await startServe(["--cors-origin", pageOrigin]);
  emulator = serve.url;
});

test.afterAll(async () => await serve.stop());

async function signInAndTokenize(page: Page): Promise<void> {
  await expect(page.locator("#status")).toHaveText("Ready. Sign in, then call toSession.");
  await page.click("#sign-in");
  await expect(page.locator("#status")).toContainText("Signed in");
  await page.click("#tokenize");
  await expect(page.locator("#status")).toHaveAttribute("data-state", "verified");
  await expect(page.locator("#status")).toContainText(`Verified: ES256 signature by kid`);
  const claims = JSON.parse(await page.locator("#claims").textContent() ?? "{}");
  expect(claims.sub).toBe(IDENTITY_ID);
  expect(claims.schema_id).toBe("default");
  expect(claims.iss).toBe(`${emulator}/additional-component`);
  expect(claims.session.identity.id).toBe(IDENTITY_ID);
  expect(claims.exp - claims.iat).toBe(600);
}

test("from another origin: toSession with the session cookie across origins, verified in the page", async ({ page }) => {
  await page.goto(`/dist/demo/index.html?emulator=${encodeURIComponent(emulator)}`);
  await signInAndTokenize(page);
});

test("served by the emulator at /demo/", async ({ page }) => {
  await page.goto(new URL("demo/", emulator).href);
  await signInAndTokenize(page);
});

test("without signing in, the page shows Kratos's 401", async ({ page }) => {
  await page.goto(new URL("demo/", emulator).href);
  await page.click("#tokenize");
  await expect(page.locator("#status")).toHaveAttribute("data-state", "error");
  await expect(page.locator("#status")).toContainText("401: No valid session credentials found in the request.");
});

test("an unknown template shows Ory's 400 with the detail Ory hides", async ({ page }) => {
  await page.goto(new URL("demo/", emulator).href);
  await page.click("#sign-in");
  // The cookie is set when the sign-in answers: a call sent before that has no session (it raced, once).
  await expect(page.locator("#status")).toContainText("Signed in");
  await page.fill("#template", "nope");
  await page.click("#tokenize");
  await expect(page.locator("#status")).toContainText('400: Unable to find tokenizer template "nope".');
  await expect(page.locator("#status")).toContainText("Known templates: jwt_example_template1");
});
