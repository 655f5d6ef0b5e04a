// The repository's .pre-commit-hooks.yaml run by the pre-commit framework for real (`pre-commit try-repo`,
// which takes the hooks as they are in the working tree) on a project that installs ory-tokenizer.
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, it } from "node:test";
import { ROOT } from "./_cli.ts";
import { tempDir, write } from "./_temp_files.ts";

const NO_PRE_COMMIT = (() => {
  try {
    execFileSync("pre-commit", ["--version"], { stdio: "ignore", timeout: 30_000 });
    return false;
  } catch {
    return "pre-commit is not installed (apt-get install pre-commit)";
  }
})();

/** A git repository holding the docs' mapper and its golden tests, with ory-tokenizer "installed". */
function project(dir: string, mapper?: string): string {
  mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(ROOT.replace(/\/$/, ""), join(dir, "node_modules", "ory-tokenizer"));
  symlinkSync(join(ROOT, "bin", "ory-tokenizer"), join(dir, "node_modules", ".bin", "ory-tokenizer"));
  cpSync(join(ROOT, "examples", "basic"), dir, { recursive: true });
  if (mapper !== undefined) write(dir, "claims.jsonnet", mapper);
  write(dir, ".gitignore", "node_modules\n");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  return dir;
}

function tryRepo(cwd: string, hook: string, home: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "pre-commit",
      ["try-repo", ROOT, hook, "--all-files", "--color", "never"],
      {
        cwd,
        timeout: 120_000,
        env: { ...process.env, PRE_COMMIT_HOME: home, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com" },
      },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          output: stdout + stderr,
        });
      },
    );
  });
}

describe("the pre-commit hooks", { skip: NO_PRE_COMMIT }, () => {
  const dir = tempDir("pre-commit");
  const home = join(dir, "cache");

  it("ory-tokenizer-lint passes the docs' mapper and fails a commit whose mapper Ory would refuse", async () => {
    const good = await tryRepo(project(join(dir, "good")), "ory-tokenizer-lint", home);
    assert.equal(good.code, 0, good.output);
    assert.match(good.output, /ory-tokenizer lint\.+Passed/);
    const bad = await tryRepo(
      project(join(dir, "bad"), "local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email } }\n"),
      "ory-tokenizer-lint",
      home,
    );
    assert.equal(bad.code, 1, bad.output);
    assert.match(bad.output, /ory-tokenizer lint\.+Failed/);
    assert.match(
      bad.output,
      /claims\.jsonnet:2:31: error: Kratos's session has no identity\.trait.*\[session-path-unknown\]/,
    );
  });

  it("ory-tokenizer-test runs the golden tests and fails when a claim changes", async () => {
    const good = await tryRepo(project(join(dir, "golden")), "ory-tokenizer-test", home);
    assert.equal(good.code, 0, good.output);
    assert.match(good.output, /ory-tokenizer test\.+Passed/);
    const changed = await tryRepo(
      project(join(dir, "changed"), "{ claims: { changed: true } }\n"),
      "ory-tokenizer-test",
      home,
    );
    assert.equal(changed.code, 1, changed.output);
    assert.match(changed.output, /ory-tokenizer test\.+Failed/);
  });
});
