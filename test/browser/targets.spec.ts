// The playground's targets in Chromium: the picker, each verdict beside the token with every finding
// (severity, what, message, fix, source), findings at the mapper's range as editor markers, the starters'
// gallery (mapper, template settings, keys of the starter's algorithm), the targets' settings, and share
// links carrying the chosen targets.
import process from "node:process";
import { expect, type Page, test } from "@playwright/test";

const PAGE = "/dist/playground/index.html";
/** Set to a folder to write screenshots of the picker and a refused verdict there (never into the repository). */
const SHOTS = process.env["TARGET_SHOTS"];

async function openPlayground(page: Page, url = PAGE): Promise<void> {
  await page.goto(url);
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
}

async function typeMapper(page: Page, text: string): Promise<void> {
  await page.locator('[aria-label="Claims mapper"]').click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

const pick = (page: Page, name: string) =>
  page.locator(`#target-picker li[data-target="${name}"] input[type=checkbox]`);
const verdict = (page: Page, name: string) => page.locator(`#verdicts .verdict[data-target="${name}"]`);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("kept")) localStorage.clear();
  });
});

test("a picked target's verdict shows beside the token, each finding with what, message, fix and source", async ({ page }) => {
  await openPlayground(page);
  await expect(page.locator("#verdicts-empty")).toBeVisible();
  await expect(page.locator("#target-picker li")).toHaveCount(12);
  await typeMapper(page, "local s = std.extVar('session');\n{\n  claims: {\n    name: 42,\n  },\n}\n");
  await pick(page, "zendesk-sso").check();
  const zendesk = verdict(page, "zendesk-sso");
  await expect(zendesk).toHaveAttribute("data-accepted", "false");
  await expect(page.locator("#verdicts-empty")).toBeHidden();
  await expect(zendesk.locator("h3")).toContainText("Refused by Zendesk SSO (JWT sign-in)");
  const alg = zendesk.locator('.finding[data-code="alg-refused"]');
  await expect(alg).toHaveAttribute("data-severity", "error");
  await expect(alg).toContainText("header alg");
  await expect(alg).toContainText("Zendesk signs in with HS256 only");
  await expect(alg.locator(".fix")).toContainText('Fix: Sign with a key whose "alg" is HS256');
  await expect(alg.locator("a.source")).toHaveAttribute("href", /^https:\/\/support\.zendesk\.com\//);
  // A finding about a claim the mapper writes says where, and is marked there in the editor.
  const type = zendesk.locator('.finding[data-code="claim-type"]');
  await expect(type).toContainText("mapper line 4");
  const marked = page.locator("#mapper-editor .cm-lintRange-error").first();
  await expect(marked).toHaveText("name");
  if (SHOTS !== undefined) {
    await page.locator(".targets").screenshot({ path: `${SHOTS}/picker.png` });
    await zendesk.screenshot({ path: `${SHOTS}/refused.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator(".columns").screenshot({ path: `${SHOTS}/dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
  }
  await marked.hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("zendesk-sso refuses");
  if (SHOTS !== undefined) await page.screenshot({ path: `${SHOTS}/page.png`, fullPage: true });
  await pick(page, "zendesk-sso").uncheck();
  await expect(page.locator("#verdicts .verdict")).toHaveCount(0);
  await expect(page.locator("#mapper-editor .cm-lintRange-error")).toHaveCount(0);
});

test("a starter loads its mapper, template settings and keys, and its target accepts the token", async ({ page }) => {
  await openPlayground(page);
  await page.locator("#starters summary").click();
  await expect(page.locator("#starter-gallery button")).toHaveCount(12);
  if (SHOTS !== undefined) await page.locator("#starters").screenshot({ path: `${SHOTS}/gallery.png` });
  await page.locator('#starter-gallery button[data-starter="hasura"]').click();
  await expect(page.locator('[aria-label="Claims mapper"]')).toContainText("x-hasura-default-role");
  await expect(page.locator("#header")).toContainText('"alg": "RS256"', { timeout: 20_000 });
  await expect(page.locator("#template-name")).toHaveValue("hasura");
  await expect(pick(page, "hasura")).toBeChecked();
  const hasura = verdict(page, "hasura");
  await expect(hasura).toHaveAttribute("data-accepted", "true");
  await expect(hasura.locator('.finding[data-code="zero-skew"]')).toHaveAttribute("data-severity", "warning");
  await expect(page.locator("#starter-status")).toContainText("HASURA_GRAPHQL_JWT_SECRET");
  // The service's settings: allowed_skew set, the zero-skew warning goes; a wrong type is said, not sent.
  await page.locator('#target-picker li[data-target="hasura"] summary').click();
  const skew = page.locator('#target-picker input[data-setting="allowedSkew"]');
  await skew.fill("soon");
  await expect(page.locator("#targets-problem")).toContainText("allowed_skew must be a number");
  await skew.fill("30");
  await expect(page.locator("#targets-problem")).toBeHidden();
  await expect(hasura.locator(".finding")).toHaveCount(0);
  await expect(hasura.locator("h3")).toHaveText("Accepted by Hasura GraphQL Engine (v2, JWT mode)");
  if (SHOTS !== undefined) await page.locator(".targets").screenshot({ path: `${SHOTS}/settings.png` });

  await page.locator("#starters summary").click();
  await page.locator('#starter-gallery button[data-starter="zendesk-sso"]').click();
  await expect(page.locator("#header")).toContainText('"alg": "HS256"', { timeout: 20_000 });
  await expect(verdict(page, "zendesk-sso")).toHaveAttribute("data-accepted", "true");
  await expect(page.locator("#starter-status")).toContainText("--secret-file");
  // Hasura stays chosen, and says what it makes of Zendesk's token.
  await expect(verdict(page, "hasura")).toHaveAttribute("data-accepted", "false");
});

test("a share link carries the chosen targets and their settings", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  await pick(page, "postgrest").check();
  await pick(page, "vault").check();
  await page.locator('#target-picker li[data-target="vault"] summary').click();
  await page.locator('#target-picker input[data-setting="boundAudiences"]').fill("vault, other");
  await expect(verdict(page, "vault")).toHaveAttribute("data-accepted", /true|false/);
  await page.click("#share");
  await expect(page.locator("#share-status")).toContainText("Link copied");
  const url = page.url();
  const other = await context.newPage();
  // A link carries the public key set only: the page opening it waits for a private one, so make one.
  await other.goto(url.slice(url.indexOf("/dist/")));
  await expect(other.locator("#share-status")).toContainText("Restored from the link");
  await other.click("#generate");
  await expect(other.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
  await expect(pick(other, "postgrest")).toBeChecked();
  await expect(pick(other, "vault")).toBeChecked();
  await expect(pick(other, "hasura")).not.toBeChecked();
  await expect(other.locator('#target-picker input[data-setting="boundAudiences"]')).toHaveValue("vault, other");
  await expect(verdict(other, "postgrest")).toHaveAttribute("data-accepted", /true|false/);
});
