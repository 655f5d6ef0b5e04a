import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright's own browser downloads are not reachable from our machines.
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "test/browser",
  testMatch: "*.spec.ts",
  reporter: "list",
  timeout: 30_000,
  workers: 2,
  webServer: {
    command: "node --import tsx test/browser/static_server.ts 4173",
    url: "http://127.0.0.1:4173/test/browser/lib.html",
    reuseExistingServer: false,
  },
  use: {
    baseURL: "http://127.0.0.1:4173/",
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
