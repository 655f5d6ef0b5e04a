import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright's own browser downloads are not reachable from our machines.
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
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
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
