import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./test/chromium.ts";

// The static server's port; set PLAYWRIGHT_PORT to run two suites side by side.
const port = Number(process.env["PLAYWRIGHT_PORT"] ?? 4173);

export default defineConfig({
  testDir: "test/browser",
  testMatch: "*.spec.ts",
  reporter: "list",
  timeout: 30_000,
  workers: 2,
  webServer: {
    command: `node --import tsx test/browser/static_server.ts ${port}`,
    url: `http://127.0.0.1:${port}/test/browser/lib.html`,
    reuseExistingServer: false,
  },
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    // Debian's Chromium, else the npm package's (test/chromium.ts); each worker loads this file again and
    // finds the package's already unpacked.
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
