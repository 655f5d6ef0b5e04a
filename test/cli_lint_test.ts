// `ory-tokenizer lint` as a subprocess: compiler-style lines, JSON, exit codes, usage mistakes.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sampleSession } from "../lib/mod.ts";
import { runSourceCli as runCliFromSource } from "./_cli.ts";
import { LINE_7_MAPPER } from "./_helpers.ts";
import { tempDir, write as writeIn } from "./_temp_files.ts";

const dir = tempDir("lint");

const write = (name: string, content: string) => writeIn(dir, name, content);

describe("ory-tokenizer lint", () => {
  it("prints <file>:<line>:<column>: <severity>: <message> [<code>], 1-based, and exits 1 on errors", async () => {
    const path = write("line7.jsonnet", LINE_7_MAPPER.replace("%s", "error 'no roles'"));
    const { code, stdout, stderr } = await runCliFromSource(["lint", path]);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      `${path}:7:12: error: runtime error: no roles (Ory answers 400 Unable to execute tokenizer JsonNet.) [jsonnet-runtime]\n`,
    );
    assert.equal(stderr, `${path}: 1 error, 0 warnings, 0 information\n`);
  });

  it("reads the mapper's bytes as Ory does: one U+FFFD per invalid byte, so columns after them are Ory's", async () => {
    const path = join(dir, "broken-utf8.jsonnet");
    const bytes = [
      ...new TextEncoder().encode("{ claims: { a: '"),
      0xe2,
      0x82,
      ...new TextEncoder().encode("' + error 'x' } }"),
    ];
    writeFileSync(path, new Uint8Array(bytes));
    const { code, stdout } = await runCliFromSource(["lint", path]);
    assert.equal(code, 1);
    // go-jsonnet sees '\ufffd\ufffd' (TextDecoder would give one U+FFFD and column 22).
    assert.match(stdout, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:23: error: runtime error: x`));
  });

  it("exits 0 for the docs' mapper, which has only information", async () => {
    const { code, stdout } = await runCliFromSource(["lint", "examples/basic/claims.jsonnet"]);
    assert.equal(code, 0);
    assert.match(
      stdout,
      /^examples\/basic\/claims\.jsonnet:6:5: information: Replaces Ory's default iss claim: .* \[default-claim-overridden\]\n$/,
    );
  });

  it("--format json prints the diagnostics with zero-based ranges", async () => {
    const path = write("json.jsonnet", "local s = std.extVar('session');\n{ claims: { e: s.identity.trait } }\n");
    const { code, stdout } = await runCliFromSource(["lint", path, "--format", "json"]);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.file, path);
    assert.equal(report.diagnostics.length, 1);
    assert.equal(report.diagnostics[0].code, "session-path-unknown");
    assert.deepEqual(report.diagnostics[0].range, { start: { line: 1, column: 26 }, end: { line: 1, column: 31 } });
    assert.equal(report.diagnostics[0].fix.newText, "traits");
  });

  it("evaluates with --session and the template's subject source", async () => {
    const mapper = write(
      "external.jsonnet",
      "local s = std.extVar('session');\n{ claims: { ext: s.identity.external_id } }\n",
    );
    const session = write(
      "no-external-id.json",
      JSON.stringify(sampleSession({ identity: { external_id: undefined } })),
    );
    const { code, stdout } = await runCliFromSource(["lint", mapper, "--session", session]);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      `${mapper}:2:29: error: runtime error: no such field: external_id (Ory answers 400 Unable to execute tokenizer JsonNet.) [jsonnet-runtime]\n` +
        `${mapper}:2:29: warning: session.identity.external_id may be missing (Kratos omits it when the identity has no external ID), ` +
        "and then reading it fails; guard it with std.objectHas(session.identity, 'external_id') or use " +
        "std.get(session.identity, 'external_id') [session-path-optional]\n",
    );
    const subject = await runCliFromSource(["lint", mapper, "--session", session, "--subject-source", "external_id"]);
    assert.match(
      subject.stdout,
      /:1:1: error: The session's identity does not have an external ID set.* \[subject-unavailable\]/,
    );
  });

  it("reads the mapper from standard input", async () => {
    const { code, stdout } = await runCliFromSource(["lint", "-"], "{ claims: { a: import 'x.libsonnet' } }");
    assert.equal(code, 1);
    assert.match(
      stdout,
      /^<stdin>:1:16: error: Ory's sandbox has no files to import: .*import not available x\.libsonnet.* \[import-unavailable\]\n$/,
    );
  });

  const usage: [string, string[], RegExp][] = [
    ["no mapper", ["lint"], /Give the mapper to check/],
    [
      "a bad --format",
      ["lint", "examples/basic/claims.jsonnet", "--format", "xml"],
      /--format must be one of text, json, not "xml"/,
    ],
    ["a session that is not JSON", ["lint", "examples/basic/claims.jsonnet", "--session", "README.md"], /is not JSON/],
    [
      "a ttl that is not a Go duration",
      ["lint", "examples/basic/claims.jsonnet", "--ttl", "10 minutes"],
      /not a Go duration/,
    ],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 for ${name}`, async () => {
      const { code, stderr } = await runCliFromSource(args);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.match(stderr, /ory-tokenizer lint --help/);
    });
  }

  it("checks several files in one run (as the pre-commit hook passes them), exiting 1 when any has errors", async () => {
    const good = write("good.jsonnet", "{ claims: { a: 1 } }");
    const bad = write("bad.jsonnet", "{ claims: { a: error 'boom' } }");
    const text = await runCliFromSource(["lint", good, bad]);
    assert.equal(text.code, 1);
    assert.match(
      text.stdout,
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:16: error: runtime error: boom`),
    );
    assert.equal(
      text.stderr,
      `${good}: 0 errors, 0 warnings, 0 information\n${bad}: 1 error, 0 warnings, 0 information\n`,
    );
    const json = await runCliFromSource(["lint", good, good, "--format", "json"]);
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout), [{ file: good, diagnostics: [] }, { file: good, diagnostics: [] }]);
    const stdin = await runCliFromSource(["lint", good, "-"]);
    assert.equal(stdin.code, 2);
  });

  it("exits 1 with Go's wording for a missing file", async () => {
    const { code, stderr } = await runCliFromSource(["lint", "does/not/exist.jsonnet"]);
    assert.equal(code, 1);
    assert.equal(stderr, "error: open does/not/exist.jsonnet: no such file or directory\n");
  });

  it("--help teaches the output format and the exit status", async () => {
    const { code, stdout } = await runCliFromSource(["lint", "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /<file>:<line>:<column>: <severity>: <message> \[<code>\]/);
    assert.match(stdout, /Exit status: 1 when any file has errors/);
  });
});
