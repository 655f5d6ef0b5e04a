import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./test/chromium.ts";

const executablePath = CHROMIUM_PATH;
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
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
