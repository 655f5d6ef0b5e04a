// `ory-tokenizer test` as a subprocess: the example passes, failures show a diff, --update records.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sampleSession } from "../lib/mod.ts";
import { ROOT as REPO_ROOT, runSourceCli as runCliFromSource } from "./_cli.ts";
import { tempDir } from "./_temp_files.ts";

const root = tempDir("golden");

/** A fresh copy of examples/basic to change. */
function copyOfExample(): string {
  const dir = mkdtempSync(join(root, "example-"));
  cpSync(join(REPO_ROOT, "examples", "basic"), dir, { recursive: true });
  return dir;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8"));
}

describe("ory-tokenizer test", () => {
  it("passes the example and prints the summary", async () => {
    const { code, stdout } = await runCliFromSource(["test", "examples/basic"]);
    assert.equal(code, 0, stdout);
    assert.equal(
      stdout,
      "ok       aal2-network-project  examples/basic/tests/aal2-network-project.claims.json\n" +
        "ok       password-login        examples/basic/tests/password-login.claims.json\n" +
        "\n2 passed, 0 failed\n",
    );
  });

  it("matches jti, iat, nbf and exp by kind, so a real token's claims pass", async () => {
    const dir = copyOfExample();
    const file = join(dir, "tests", "password-login.claims.json");
    // As Ory would issue it an hour later: another jti and clock, the same 10m ttl.
    const claims = { ...readJson(file), jti: crypto.randomUUID(), iat: 1675213200, nbf: 1675213200, exp: 1675213800 };
    writeFileSync(file, JSON.stringify(claims));
    assert.equal((await runCliFromSource(["test", dir])).code, 0);

    writeFileSync(file, JSON.stringify({ ...claims, exp: 1675213260 }));
    const { code, stdout } = await runCliFromSource(["test", dir]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /FAIL {5}password-login .*\n {9}- exp: an integer 600 seconds after iat \(like 1675213260\)\n {9}\+ exp: 1675210200\n/,
    );
    assert.match(stdout, /\n1 passed, 1 failed\n$/);
  });

  it("shows a readable diff when the mapper changes, and --update records it", async () => {
    const dir = copyOfExample();
    const mapper = join(dir, "claims.jsonnet");
    writeFileSync(
      mapper,
      readFileSync(mapper, "utf8").replace(
        "schema_id: session.identity.schema_id,",
        "schema: session.identity.schema_id,\n    aal: session.authenticator_assurance_level,",
      ),
    );
    const failing = await runCliFromSource(["test", dir]);
    assert.equal(failing.code, 1);
    assert.ok(
      failing.stdout.includes(
        `FAIL     password-login        ${dir}/tests/password-login.claims.json\n` +
          '         + aal: "aal1"    (unexpected)\n' +
          '         + schema: "default"    (unexpected)\n' +
          '         - schema_id: "default"    (missing)\n',
      ),
      failing.stdout,
    );
    assert.match(failing.stdout, /\n0 passed, 2 failed\n$/);

    const updated = await runCliFromSource(["test", dir, "--update"]);
    assert.equal(updated.code, 0);
    assert.match(updated.stdout, /^recorded aal2-network-project .*\n {9}recorded claims\n/);
    assert.match(updated.stdout, /\n2 passed, 0 failed; 2 recorded\n$/);
    assert.equal(readJson(join(dir, "tests", "aal2-network-project.claims.json"))["aal"], "aal2");
    assert.equal((await runCliFromSource(["test", dir])).code, 0);
  });

  it("records and checks an expected error", async () => {
    const dir = copyOfExample();
    const tests = join(dir, "tests");
    writeFileSync(
      join(tests, "no-external-id.session.json"),
      JSON.stringify(sampleSession({ identity: { external_id: undefined } })),
    );
    writeFileSync(join(tests, "no-external-id.template.json"), JSON.stringify({ subject_source: "external_id" }));
    const missing = await runCliFromSource(["test", dir]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stdout,
      /FAIL {5}no-external-id .*\n {9}no expected file: run with --update to record .*no-external-id\.claims\.json\n/,
    );

    const recorded = await runCliFromSource(["test", dir, "--update"]);
    assert.equal(recorded.code, 0);
    assert.match(
      recorded.stdout,
      /recorded no-external-id .*no-external-id\.error\.json\n {9}recorded error: The session's identity does not have an external ID set/,
    );
    assert.deepEqual(readJson(join(tests, "no-external-id.error.json")), {
      error: {
        code: 400,
        status: "Bad Request",
        reason: "The session's identity does not have an external ID set, but it is required for the subject claim.",
        message: "The request was malformed or contained invalid parameters",
      },
    });
    assert.equal(existsSync(join(tests, "no-external-id.claims.json")), false);
    assert.equal((await runCliFromSource(["test", dir])).code, 0);

    writeFileSync(join(tests, "no-external-id.template.json"), JSON.stringify({ subject_source: "id" }));
    const issued = await runCliFromSource(["test", dir]);
    assert.equal(issued.code, 1);
    assert.match(issued.stdout, /expected an error \(.*\), but the token was issued/);
  });

  it("fails a case whose template has an unknown key", async () => {
    const dir = copyOfExample();
    writeFileSync(join(dir, "tests", "password-login.template.json"), JSON.stringify({ tll: "1m" }));
    const { code, stdout } = await runCliFromSource(["test", dir]);
    assert.equal(code, 1);
    assert.match(stdout, /has an unknown key "tll"/);
  });

  it("exits 2 for a directory without claims.jsonnet", async () => {
    const { code, stderr } = await runCliFromSource(["test", "test"]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /test\/claims\.jsonnet does not exist: a golden test directory holds claims\.jsonnet and tests\//,
    );
  });

  it("--help defines the layout and the matching rules", async () => {
    const { code, stdout } = await runCliFromSource(["test", "--help"]);
    assert.equal(code, 0);
    for (
      const text of [
        "<case>.session.json",
        "<case>.claims.json",
        "<case>.template.json",
        "any UUID v4",
        "ttl seconds after iat",
        "--update",
      ]
    ) {
      assert.ok(stdout.includes(text), text);
    }
  });
});
