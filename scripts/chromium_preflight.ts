/**
 * `npm test`'s first step: a Chromium can start (test/chromium.ts finds it, unpacking the npm package's
 * on first use). Prints which one on stdout; when none can start, prints one line on stderr saying
 * what to install and exits 1, before the suites that need it fail one by one.
 */
import { chromium } from "playwright-core";
import { chromiumLaunchOptions, firstLine, INSTALL_HINT, NoChromiumError, resolveChromium } from "../test/chromium.ts";

const start = performance.now();
let found;
try {
  found = resolveChromium();
} catch (error) {
  if (!(error instanceof NoChromiumError)) throw error;
  console.error(error.message);
  process.exit(1);
}
try {
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), timeout: 30_000 });
  try {
    const page = await browser.newPage();
    // A renderer, not just the browser process.
    await page.evaluate(() => 1 + 1);
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    console.log(`Chromium ${browser.version()}: ${found.source} (${found.executablePath}), started in ${seconds} s`);
  } finally {
    await browser.close();
  }
} catch (error) {
  const reason = firstLine(error instanceof Error ? error.message : String(error));
  console.error(`Chromium cannot start (${found.source}, ${found.executablePath}: ${reason}): ${INSTALL_HINT}`);
  process.exit(1);
}
