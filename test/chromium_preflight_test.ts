// Which Chromium the browser tests launch (test/chromium.ts) and `npm test`'s first step
// (scripts/chromium_preflight.ts): Debian's first, the npm package's when the system has none or its
// does not run, and one line saying what to install when nothing can. Node only: under Deno the
// Chromium these would launch is the same, and the package unpacks through Node.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "./_cli.ts";
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT, NoChromiumError } from "./chromium.ts";
import { tempDir, write } from "./_temp_files.ts";

const skip = "Deno" in globalThis && "Node only: run under node --test";
/** The package's Chromium exists for Linux x64 only. */
const skipPackage = skip || (process.platform !== "linux" || process.arch !== "x64") && "Linux x64 only";
const dir = "Deno" in globalThis ? "" : tempDir("chromium");

/** The environment without a CHROMIUM_PATH of the developer's, plus `overrides`. */
function env(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const { CHROMIUM_PATH: _, ...rest } = process.env;
  return { ...rest, ...overrides };
}

/** A stand-in for the system's Chromium: a script that runs `body`. */
function fakeChromium(name: string, body: string): string {
  const path = write(dir, name, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function preflight(overrides: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/chromium_preflight.ts"],
      { cwd: ROOT, env: env(overrides), timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

describe("the Chromium the browser tests launch", () => {
  it("is CHROMIUM_PATH when set, not run", { skip }, () => {
    const path = fakeChromium("set", "exit 1");
    const chromium = findChromium(env({ CHROMIUM_PATH: path }));
    assert.deepEqual(chromium, { source: "CHROMIUM_PATH", executablePath: path, args: CHROMIUM_ARGS });
    assert.throws(
      () => findChromium(env({ CHROMIUM_PATH: "/nonexistent/chromium" })),
      new NoChromiumError(`No Chromium can run (CHROMIUM_PATH /nonexistent/chromium: not found): ${INSTALL_HINT}`),
    );
  });

  it("is the system's when it runs", { skip }, () => {
    const system = fakeChromium("runs", 'echo "Chromium 1.0"');
    const chromium = findChromium(env({ ORY_TOKENIZER_SYSTEM_CHROMIUM: system }));
    assert.deepEqual(chromium, { source: "the system's chromium", executablePath: system, args: CHROMIUM_ARGS });
  });

  it("is the npm package's when the system's does not run", { skip: skipPackage, timeout: 120_000 }, () => {
    const system = fakeChromium("fails", 'echo "error while loading shared libraries" >&2; exit 127');
    const chromium = findChromium(env({ ORY_TOKENIZER_SYSTEM_CHROMIUM: system }));
    assert.match(chromium.source, /^@sparticuz\/chromium \d+\.\d+\.\d+$/);
    assert.match(chromium.executablePath, /\/ory-tokenizer\/chromium-\d+\.\d+\.\d+\/chromium$/);
  });

  it("is none, in one line, when the package cannot unpack", { skip }, () => {
    // A package folder without the package's code; the cache in a temporary folder.
    const folder = join(dir, "package");
    mkdirSync(folder);
    write(folder, "package.json", '{ "version": "0.0.0" }');
    assert.throws(
      () =>
        findChromium(env({
          ORY_TOKENIZER_SYSTEM_CHROMIUM: "/nonexistent",
          ORY_TOKENIZER_PACKAGE_CHROMIUM: folder,
          XDG_CACHE_HOME: join(dir, "cache"),
        })),
      (error: Error) => {
        assert.ok(error instanceof NoChromiumError);
        assert.match(
          error.message,
          process.platform === "linux" && process.arch === "x64"
            ? /^No Chromium can run \(\/nonexistent: not found; @sparticuz\/chromium: cannot unpack it \([^\n]+\)\): /
            : /^No Chromium can run \(\/nonexistent: not found; @sparticuz\/chromium: Linux x64 only\): /,
        );
        assert.ok(error.message.endsWith(INSTALL_HINT));
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
  });
});

describe("npm test's Chromium preflight", () => {
  it(
    "starts the npm package's Chromium when the system has none",
    { skip: skipPackage, timeout: 120_000 },
    async () => {
      const { code, stdout, stderr } = await preflight({ ORY_TOKENIZER_SYSTEM_CHROMIUM: "/nonexistent" });
      assert.equal(code, 0, stderr);
      assert.match(
        stdout,
        /^Chromium \d+[\d.]*: @sparticuz\/chromium \d+\.\d+\.\d+ \([^)]+\/chromium\), started in [\d.]+ s\n$/,
      );
    },
  );

  it("stops with one line saying what to install when no Chromium can run", { skip }, async () => {
    const result = await preflight({
      ORY_TOKENIZER_SYSTEM_CHROMIUM: "/nonexistent",
      ORY_TOKENIZER_PACKAGE_CHROMIUM: "/nonexistent",
    });
    assert.deepEqual(result, {
      code: 1,
      stdout: "",
      stderr: `No Chromium can run (/nonexistent: not found; @sparticuz/chromium: ${
        process.platform === "linux" && process.arch === "x64" ? "not installed" : "Linux x64 only"
      }): ${INSTALL_HINT}\n`,
    });
  });

  it("stops with one line when the Chromium it found cannot start", { skip, timeout: 60_000 }, async () => {
    const path = fakeChromium("crashes", 'echo "Trace/breakpoint trap" >&2; exit 133');
    // Any profile folder Playwright leaves behind goes with `dir`.
    const { code, stdout, stderr } = await preflight({ CHROMIUM_PATH: path, TMPDIR: dir });
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /^Chromium cannot start \(CHROMIUM_PATH, [^\n]+\/crashes: [^\n]+\): [^\n]+\n$/);
    assert.ok(stderr.endsWith(`${INSTALL_HINT}\n`));
  });
});
