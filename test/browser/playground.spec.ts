// The playground (playground/, built into dist/playground/) in Chromium: live claims, lint markers
// with Ory's reason, every algorithm, the runaway-mapper watchdog, no request off the page's origin,
// served by a plain static server and by the emulator (`ory-tokenizer serve`, a subprocess).
import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { expect, type Page, test } from "@playwright/test";
import { generateJwks, JWK_ALGS, publicJwks } from "../../lib/mod.ts";
import { type ServeProcess, startServe } from "./serve_process.ts";

const PAGE = "/dist/playground/index.html";

/** Fails the test on any request to another origin than the page's own. */
function stayOnOrigin(page: Page, origin: string): string[] {
  const away: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "blob:" && url.protocol !== "data:" && url.origin !== origin) away.push(url.origin);
  });
  return away;
}

async function typeMapper(page: Page, text: string): Promise<void> {
  const editor = page.locator('[aria-label="Claims mapper"]');
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

async function openPlayground(page: Page, url = PAGE): Promise<void> {
  await page.goto(url);
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
}

test.beforeEach(async ({ page }) => {
  // Each test starts from the defaults, not from what an earlier test left in storage.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("kept")) localStorage.clear();
  });
});

test("a folder URL serves the page's index.html on a plain static host", async ({ page }) => {
  await openPlayground(page, "/dist/playground/");
});

test("editing the mapper updates the claims, each marked with where it came from", async ({ page, baseURL }) => {
  const away = stayOnOrigin(page, new URL(baseURL!).origin);
  await openPlayground(page);
  await expect(page.locator('tr[data-claim="schema_id"] td').last()).toHaveText("the mapper");
  await expect(page.locator('tr[data-claim="sub"] td').last()).toHaveText("Ory (forced)");
  await expect(page.locator('tr[data-claim="jti"] td').last()).toHaveText("Ory default");
  await expect(page.locator("#verification")).toHaveAttribute("data-valid", "true");
  await typeMapper(page, "local s = std.extVar('session');\n{ claims: { email: s.identity.traits.email } }\n");
  await expect(page.locator('tr[data-claim="email"] td').first()).toHaveText('"alice@example.com"');
  await expect(page.locator('tr[data-claim="schema_id"]')).toHaveCount(0);
  await expect(page.locator("#config")).toContainText("ory patch identity-config");
  expect(away).toEqual([]);
});

test("a syntax error puts a marker on its line and the token panel shows Ory's reason", async ({ page }) => {
  await openPlayground(page);
  const token = await page.locator("#token").textContent();
  await typeMapper(page, "{\n  claims: {\n    a: 1,\n    b: ]\n  },\n}\n");
  await expect(page.locator("#error-reason")).toContainText("ERR_JSONNET");
  await expect(page.locator("#status")).toHaveAttribute("data-state", "stale");
  await expect(page.locator("#token")).toHaveText(token!);
  await expect(page.locator("#token")).toHaveAttribute("data-stale", "true");
  const markedLine = await page.locator("#mapper-editor .cm-lintRange-error").first().evaluate((node) => {
    const line = node.closest(".cm-line")!;
    return [...line.parentElement!.querySelectorAll(":scope > .cm-line")].indexOf(line);
  });
  expect(markedLine).toBe(3);
});

test("hovering a marker shows lib's message, and its quick fix edits the mapper", async ({ page }) => {
  await openPlayground(page);
  await typeMapper(page, "{\n  claims: {\n    sub: 'x',\n    a: 1,\n  },\n}\n");
  const marked = page.locator("#mapper-editor .cm-lintRange-warning").first();
  await expect(marked).toHaveText("sub"); // lib's range: the member's name
  await marked.hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await expect(tooltip).toContainText("Ory overwrites sub after the mapper runs");
  await tooltip.getByText("Remove the sub claim").click();
  await expect(page.locator('[aria-label="Claims mapper"]')).not.toContainText("sub:");
  await expect(page.locator('tr[data-claim="a"]')).toHaveCount(1);
  await expect(page.locator("#mapper-editor .cm-lintRange-warning")).toHaveCount(0);
});

test("the keyboard reaches the controls, with a visible focus ring", async ({ page }) => {
  await openPlayground(page);
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveId("share");
  expect(await focused.evaluate((node) => getComputedStyle(node).outlineStyle)).toBe("solid");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveId("template-name");
});

test("a chosen moment signs the token then, and the table shows it expired", async ({ page }) => {
  await openPlayground(page);
  await expect(page.locator('tr[data-claim="exp"] .time')).toContainText("expires in 9 min");
  await page.selectOption("#clock-mode", "fixed");
  await page.fill("#clock", "2024-05-01T12:00:00");
  await page.locator("#clock").dispatchEvent("change");
  await expect(page.locator('tr[data-claim="exp"] .time')).toContainText("expired");
  const iat = Number(await page.locator('tr[data-claim="iat"] code').textContent());
  expect(iat).toBe(await page.evaluate(() => new Date("2024-05-01T12:00:00").getTime() / 1000));
});

test("every algorithm generates, signs and verifies", async ({ page }) => {
  await openPlayground(page);
  for (const alg of JWK_ALGS) {
    await page.selectOption("#alg", alg);
    await page.click("#generate");
    await expect(page.locator("#header")).toContainText(`"alg": "${alg}"`, { timeout: 20_000 });
    await expect(page.locator("#status")).toHaveAttribute("data-state", "ok");
    await expect(page.locator("#verification")).toHaveAttribute("data-valid", "true");
  }
});

test("a runaway mapper is stopped, the page stays responsive, and the next edit works", async ({ page }) => {
  await openPlayground(page);
  await typeMapper(page, "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1);\n{ claims: { x: f(40) } }\n");
  await expect(page.locator("#status")).toHaveAttribute("data-state", "working");
  // Responsive while the runaway runs: a click is handled before the evaluation is stopped, a second
  // later. No clock bound: a loaded machine delays both alike, and a blocked page handles nothing first.
  const tab = page.locator('[data-config="yaml"]');
  const handled = await tab.evaluate(async (button) => {
    (button as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const state = document.querySelector("#status")?.getAttribute("data-state");
    return { selected: button.getAttribute("aria-selected"), state };
  });
  expect(handled).toEqual({ selected: "true", state: "working" });
  await expect(page.locator("#status")).toHaveAttribute("data-state", "stopped", { timeout: 5_000 });
  await expect(page.locator("#status")).toContainText("within 1s (Ory's limit)");
  await typeMapper(page, "{ claims: { back: true } }\n");
  await expect(page.locator('tr[data-claim="back"]')).toHaveCount(1);
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok");
});

test("bad key sets and session JSON get a message at their input", async ({ page }) => {
  await openPlayground(page);
  const keys = page.locator('[aria-label="Key set JSON"]');
  await keys.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText('{"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}');
  await expect(page.locator("#keys-problem")).toContainText("public only");
  await expect(page.locator("#status")).toHaveAttribute("data-state", "stale");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText("[1, 2]");
  await expect(page.locator("#keys-problem")).toContainText("not a JSON Web Key Set");
  await page.click("#generate");
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok");
  const session = page.locator('[aria-label="Session JSON"]');
  await session.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText(",");
  await expect(page.locator("#session-problem")).toBeVisible();
  await expect(page.locator("#session-editor .cm-lintRange-error, #session-editor .cm-lintPoint-error")).not
    .toHaveCount(0);
  await expect(page.locator("#status")).toHaveAttribute("data-state", "stale");
});

test("a key set imported from a file, as a user picks it, signs the token", async ({ page }) => {
  await openPlayground(page);
  const imported = await generateJwks({ alg: "ES384" });
  const kid = imported.keys[0]!.kid;
  for (let round = 0; round < 2; round++) {
    // The same file twice: the second pick must count too.
    const chooser = page.waitForEvent("filechooser");
    await page.getByText("Import file").click();
    await (await chooser).setFiles({
      name: "jwks.json",
      mimeType: "application/json",
      buffer: Buffer.from(`\ufeff${JSON.stringify(imported, null, 2)}\n`), // as some editors save it
    });
    await expect(page.locator("#header")).toContainText(`"kid": "${kid}"`);
    await expect(page.locator("#status")).toHaveAttribute("data-state", "ok");
    await expect(page.locator("#verification")).toHaveAttribute("data-valid", "true");
    if (round > 0) break;
    await page.click("#generate");
    await expect(page.locator("#header")).not.toContainText(`"kid": "${kid}"`);
  }
});

test("a key set file that cannot be read says so at the key set, which stays as it was", async ({ page }) => {
  await openPlayground(page);
  const before = await page.locator("#header").textContent();
  // What Chromium does when the picked file changed on disk before it is read.
  await page.evaluate(() => {
    File.prototype.text = () =>
      Promise.reject(new DOMException("The requested file could not be read.", "NotReadableError"));
  });
  const chooser = page.waitForEvent("filechooser");
  await page.getByText("Import file").click();
  await (await chooser).setFiles({ name: "jwks.json", mimeType: "application/json", buffer: Buffer.from("{}") });
  await expect(page.locator("#keys-problem")).toBeVisible();
  await expect(page.locator("#keys-problem")).toHaveText(
    "Could not read jwks.json: The requested file could not be read. Pick it again; the key set above is unchanged.",
  );
  expect(await page.locator("#header").textContent()).toBe(before);
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok");
});

test("a public key set imported after opening a share link is called public, not the link's", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  await page.click("#share");
  // The link is written when sharing has finished: reading the address before that races it.
  await expect(page.locator("#share-status")).toContainText("public key set only");
  const other = await context.newPage();
  await other.addInitScript(() => localStorage.clear());
  await other.goto(page.url());
  await expect(other.locator("#keys-problem")).toContainText("The link carries the public key set only");
  const someoneElses = publicJwks(await generateJwks());
  const chooser = other.waitForEvent("filechooser");
  await other.getByText("Import file").click();
  await (await chooser).setFiles({
    name: "public.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(someoneElses)),
  });
  await expect(other.locator("#keys-problem")).toContainText("The first key is public only");
  await expect(other.locator("#keys-problem")).not.toContainText("link");
});

/** The JSON a share fragment holds, read as the page reads it (without trusting the page's own code). */
async function fragmentJson(page: Page, fragment: string): Promise<unknown> {
  return await page.evaluate(async (body) => {
    const data = body.slice(body.indexOf(".") + 1).replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0)).slice(8);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return JSON.parse(await new Response(stream).text());
  }, fragment.slice("#share=".length));
}

test("a share link restores the state and carries no private key member", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  await page.selectOption("#alg", "RS256");
  await page.click("#generate");
  await expect(page.locator("#header")).toContainText('"alg": "RS256"', { timeout: 20_000 });
  await typeMapper(page, "{ claims: { shared: 'yes ✓' } }\n");
  await page.fill("#ttl", "1h");
  await expect(page.locator('tr[data-claim="shared"]')).toHaveCount(1);
  await page.click("#share");
  await expect(page.locator("#share-status")).toContainText("public key set only");
  const link = page.url();
  const fragment = new URL(link).hash;
  const shared = await fragmentJson(page, fragment) as { publicJwks: { keys: Record<string, unknown>[] } };
  const members = JSON.stringify(shared);
  for (const name of ["d", "p", "q", "dp", "dq", "qi", "k"]) {
    expect(shared.publicJwks.keys.every((key) => !(name in key))).toBe(true);
    expect(members).not.toContain(`"${name}":`);
  }
  const other = await context.newPage();
  await other.addInitScript(() => localStorage.clear());
  await other.goto(link);
  await expect(other.locator("#share-status")).toHaveText("Restored from the link.");
  await expect(other.locator("#ttl")).toHaveValue("1h");
  await expect(other.locator('[aria-label="Claims mapper"]')).toContainText("shared: 'yes ✓'");
  await expect(other.locator("#keys-problem")).toContainText("public key set only");
  await other.click("#generate");
  await expect(other.locator('tr[data-claim="shared"] td').first()).toHaveText('"yes ✓"');
  await expect(other.locator("#status")).toHaveAttribute("data-state", "ok");

  const [body, data] = [fragment.slice(0, fragment.indexOf(".") + 1), fragment.slice(fragment.indexOf(".") + 1)];
  // One character of the check itself edited: the text decompresses, and the check catches it.
  const flipped = data.slice(0, 3) + (data[3] === "A" ? "B" : "A") + data.slice(4);
  for (const [broken, words] of [[`${body}${data.slice(0, -10)}`, "cut short"], [`${body}${flipped}`, "changed"]]) {
    const page3 = await context.newPage();
    await page3.goto(`${PAGE}${broken}`);
    await expect(page3.locator("#share-status")).toContainText(words!);
    await expect(page3.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
    await page3.close();
  }
});

test("a share link that inflates past what the page ever writes is stopped there, not inflated whole", async ({ page }) => {
  // 256 MiB of one byte deflates to a quarter of a megabyte: a link a page could be sent.
  const text = Buffer.alloc(256 * 1024 * 1024, 0x20);
  const payload = Buffer.concat([createHash("sha256").update(text).digest().subarray(0, 8), deflateRawSync(text)]);
  expect(payload.length).toBeLessThan(512 * 1024);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${PAGE}#share=1.${payload.toString("base64url")}`);
  await expect(page.locator("#share-status")).toContainText("holds more than any link this page makes");
  // The page goes on as if there had been no link.
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
  expect(errors).toEqual([]);
});

/** A link as the page makes them (version 1: hash, then deflate-raw) around any text. */
function shareLinkOf(text: string): string {
  const bytes = Buffer.from(text);
  const payload = Buffer.concat([createHash("sha256").update(bytes).digest().subarray(0, 8), deflateRawSync(bytes)]);
  return `${PAGE}#share=1.${payload.toString("base64url")}`;
}

test("a share link that smuggles a private key set under __proto__, or sets what links never do, is left aside", async ({ page }) => {
  // Copied over the page's state, "__proto__" became its prototype: the key set the page then signed
  // with, and put into the config to paste into Ory, was one the link's author holds.
  const planted = await generateJwks({ alg: "ES256", kid: "planted-by-the-link" });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(
    shareLinkOf(`{"mapper":"{ claims: {} }","__proto__":{"jwks":${JSON.stringify(JSON.stringify(planted))}}}`),
  );
  await expect(page.locator("#share-status")).toContainText('This share link sets "__proto__"');
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
  await expect(page.locator("#header")).not.toContainText("planted-by-the-link");

  // Another query: a new fragment alone would not load the page again.
  await page.goto(shareLinkOf('{"mapper":"{ claims: {} }","clock":"yesterday"}').replace("#", "?again#"));
  await expect(page.locator("#share-status")).toContainText('sets a wrong value for "clock"');
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
  expect(errors).toEqual([]);
});

test("a share link of an HS* key set says, on both pages, why it holds no key set", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  await page.selectOption("#alg", "HS384");
  await page.click("#generate");
  await expect(page.locator("#header")).toContainText('"alg": "HS384"');
  await page.click("#share");
  const sent = page.locator("#share-status");
  await expect(sent).toHaveAttribute("data-state", "warn");
  await expect(sent).toContainText("without the key set: an HS384 key is a secret with no public half");
  const link = page.url();
  const shared = await fragmentJson(page, new URL(link).hash) as Record<string, unknown>;
  expect(shared["secretKeysAlg"]).toBe("HS384");
  expect(shared["publicJwks"]).toBeUndefined();
  expect(JSON.stringify(shared)).not.toContain('"k":');

  const other = await context.newPage();
  await other.addInitScript(() => localStorage.clear());
  await other.goto(link);
  const restored = other.locator("#share-status");
  await expect(restored).toHaveAttribute("data-state", "warn");
  await expect(restored).toContainText("except its key set: the sender signed with an HS384 secret key");
  await expect(restored).toContainText("This page made a new HS384 key set");
  await expect(other.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
  await expect(other.locator("#header")).toContainText('"alg": "HS384"');
  await expect(other.locator("#alg")).toHaveValue("HS384");
});

test("nothing typed is lost on reload; the private key set only when opted in", async ({ page }) => {
  await openPlayground(page);
  await page.evaluate(() => sessionStorage.setItem("kept", "1"));
  await typeMapper(page, "{ claims: { kept: 1 } }\n");
  await page.fill("#template-name", "kept_template");
  const firstKid = JSON.parse(await page.locator("#header").textContent() ?? "{}").kid;
  await expect(page.locator('tr[data-claim="kept"]')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('tr[data-claim="kept"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(page.locator("#template-name")).toHaveValue("kept_template");
  expect(await page.evaluate(() => localStorage.getItem("ory-tokenizer.playground.v1"))).not.toContain('"d":');
  const secondKid = JSON.parse(await page.locator("#header").textContent() ?? "{}").kid;
  expect(secondKid).not.toBe(firstKid);
  await page.check("#store-private");
  await page.reload();
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ok", { timeout: 15_000 });
  expect(JSON.parse(await page.locator("#header").textContent() ?? "{}").kid).toBe(secondKid);
});

test.describe("served by the emulator", () => {
  let serve: ServeProcess;
  let emulator: string;

  test.beforeAll(async () => {
    serve = await startServe();
    emulator = serve.url;
  });

  test.afterAll(async () => await serve.stop());

  test("at / with no request off its origin", async ({ page }) => {
    const away = stayOnOrigin(page, new URL(emulator).origin);
    await openPlayground(page, emulator);
    await expect(page.locator('tr[data-claim="sub"]')).toHaveCount(1);
    expect(away).toEqual([]);
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 800]) {
    test(`screenshot: ${colorScheme}, ${width} px`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      // Tall enough for the whole page: CodeMirror draws only the lines inside the window.
      await page.setViewportSize({ width, height: 1800 });
      await openPlayground(page);
      await page.screenshot({ path: testInfo.outputPath(`playground-${colorScheme}-${width}.png`), fullPage: true });
    });
  }
}
