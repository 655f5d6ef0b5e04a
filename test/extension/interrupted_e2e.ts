// An interrupted run (Ctrl-C, or the test runner's SIGTERM, which skip every `after` hook) leaves no
// temporary folder behind: no workspace copy, no Chromium profile, and none of Chromium's own.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OPEN_AND_WAIT = `import("./test/extension/workbench.ts").then(async ({ openWorkbench }) => {
  await openWorkbench();
  console.log("open");
  setInterval(() => {}, 1000);
});`;

/** What a child left in its temporary folder, leaving out tsx's compile cache. */
function leftBehind(folder: string): string[] {
  return readdirSync(folder).filter((name) => !name.startsWith("tsx-"));
}

describe("an interrupted extension run", { timeout: 180_000 }, () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`removes its temporary folders on ${signal}, even when the signal comes twice`, async () => {
      const temp = mkdtempSync(join(tmpdir(), "ory-tokenizer-interrupted-"));
      const child = spawn(process.execPath, ["--import", "tsx", "-e", OPEN_AND_WAIT], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: temp },
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        let output = "";
        child.stderr!.on("data", (chunk) => (output += chunk));
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on("data", (chunk) => String(chunk).includes("open") && resolve());
          void exited.then((code) => reject(new Error(`the workbench exited with ${code}: ${output}`)));
        });
        assert.ok(leftBehind(temp).length > 0, "the open workbench has its folders");
        // As a process group gets it: the runner's signal, then the terminal's or timeout's own.
        child.kill(signal);
        child.kill(signal);
        const code = await Promise.race([
          exited,
          new Promise((resolve) => setTimeout(resolve, 30_000, "still running")),
        ]);
        assert.equal(code, signal === "SIGINT" ? 130 : 143, output);
        assert.deepEqual(leftBehind(temp), []);
      } finally {
        // A child that ignored the signal (the failure this tests) is not left running.
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        rmSync(temp, { recursive: true, force: true });
      }
    });
  }
});
