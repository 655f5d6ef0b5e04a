// Editors other than VS Code driving the language server for real, where this machine has them
// (Neovim's built-in client headless, Emacs's eglot in batch mode); each is skipped by name where absent. The snippets they
// run mirror the README's "Use it from your editor".
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import process from "node:process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "./_cli.ts";
import { serverCommand } from "./_lsp_client.ts";
import { tempDir, write } from "./_temp_files.ts";

/** Why an editor cannot run here, or false. */
function missing(command: string, install: string): string | false {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore", timeout: 10_000 });
    return false;
  } catch {
    return `${command} is not installed (${install})`;
  }
}

const NO_NEOVIM = missing("nvim", "apt-get install neovim");

/** Emacs with eglot (built in since Emacs 29; Debian 12's Emacs 28 takes the elpa-eglot package). */
const NO_EGLOT = missing("emacs", "apt-get install emacs-nox elpa-eglot") || (() => {
  try {
    execFileSync("emacs", ["--batch", "--no-init-file", "--eval", "(require 'eglot)"], {
      stdio: "ignore",
      timeout: 30_000,
    });
    return false;
  } catch {
    return "Emacs has no eglot (apt-get install elpa-eglot)";
  }
})();

const MAPPER =
  "local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email,\n  aal: s.authenticator_ } }\n";

function run(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

describe("editors driving the language server", () => {
  const dir = tempDir("lsp-editors");

  it("Neovim's built-in client: diagnostics, hover and completion", { skip: NO_NEOVIM }, async () => {
    const mapper = write(dir, "claims.jsonnet", MAPPER);
    const out = join(dir, "neovim.json");
    const code = await run(
      "nvim",
      ["--headless", "-n", "-u", "NONE", "-i", "NONE", "-c", `luafile ${ROOT}test/editors/neovim_check.lua`, mapper],
      { LSP_OUT: out, LSP_CMD: JSON.stringify(serverCommand().flat()), LSP_ROOT: dir },
      dir,
    );
    assert.equal(code, 0);
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      error?: string;
      diagnostics: { line: number; column: number; message: string }[];
      hover: string | null;
      completion: string[];
    };
    assert.equal(result.error, undefined);
    const path = result.diagnostics.find((d) => /has no identity\.trait/.test(d.message));
    assert.deepEqual([path?.line, path?.column], [1, 30]);
    assert.match(result.hover ?? "", /`session\.identity`: an object/);
    assert.ok(result.completion.includes("authenticator_assurance_level"), result.completion.join());
  });

  it("Emacs's eglot: diagnostics, hover and completion", { skip: NO_EGLOT }, async () => {
    const project = join(dir, "emacs");
    mkdirSync(project);
    execFileSync("git", ["init", "-q"], { cwd: project }); // eglot's project: the repository around the file
    const mapper = write(project, "claims.jsonnet", MAPPER);
    const out = join(project, "emacs.json");
    const code = await run(
      "emacs",
      ["--batch", "--no-init-file", "-l", `${ROOT}test/editors/emacs_check.el`],
      { LSP_OUT: out, LSP_CMD: JSON.stringify(serverCommand().flat()), LSP_FILE: mapper },
      project,
    );
    assert.equal(code, 0);
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      error?: string;
      diagnostics: { line: number; message: string }[];
      hover: string | null;
      completion: string[];
    };
    assert.equal(result.error, undefined);
    const path = result.diagnostics.find((d) =>
      /\[session-path-unknown\]: Kratos's session has no identity\.trait/.test(d.message)
    );
    assert.equal(path?.line, 1, JSON.stringify(result.diagnostics));
    assert.match(result.hover ?? "", /`session\.identity`: an object/);
    assert.ok(result.completion.includes("authenticator_assurance_level"), result.completion.join());
  });
});
