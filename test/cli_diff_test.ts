// `ory-tokenizer diff` against `serve` standing in for the real Ory: with the same configuration (no
// difference, exit 0), and with a different one (another claim and another kid: exit 1, each listed).
// The session token never appears in what the command prints.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encodeTemplate, generateJwks, type JwkSet, sampleSession, toKratosConfig } from "../lib/mod.ts";
import { runCli } from "./_cli.ts";
import { type ServeProcess, startServe } from "./_serve_process.ts";
import { tempDir, write } from "./_temp_files.ts";

const TOKEN = "ory_st_diff_test_token_0123456789a";
const dir = tempDir("diff");

function config(name: string, jwks: JwkSet, role: string): string {
  const claimsMapper = `local session = std.extVar('session');
{ claims: { role: '${role}', email: session.identity.traits.email } }
`;
  return write(dir, name, toKratosConfig({ jwt: encodeTemplate({ jwks, claimsMapper, ttl: "10m" }) }, "yaml"));
}

describe("ory-tokenizer diff", () => {
  let local: string;
  let same: ServeProcess;
  let different: ServeProcess;

  before(async () => {
    const jwks = await generateJwks({ alg: "ES256", kid: "local-kid" });
    const renamed: JwkSet = { ...jwks, keys: [{ ...jwks.keys[0]!, kid: "ory-kid" }] };
    local = config("local.yml", jwks, "authenticated");
    const sessions = write(
      dir,
      "sessions.json",
      JSON.stringify({ [TOKEN]: sampleSession({ expires_at: "2999-01-01T00:00:00Z" }) }),
    );
    [same, different] = await Promise.all([
      startServe(["--config", local, "--sessions", sessions]),
      startServe(["--config", config("ory.yml", renamed, "admin"), "--sessions", sessions]),
    ]);
  });
  after(async () => {
    await Promise.all([same?.stop(), different?.stop()]);
  });

  it("agrees with an Ory running the same configuration (exit 0)", async () => {
    const result = await runCli(
      ["diff", "--url", same.url, "--session-token", "-", "--template", "jwt", "--config", local],
      { stdin: `${TOKEN}\n` },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /agree on template "jwt": 3 header members and 9 claims, and the signature/);
    assert.ok(!(result.stdout + result.stderr).includes(TOKEN));
  });

  it("lists a differing claim, a differing kid and the signature's kid mismatch (exit 1)", async () => {
    const result = await runCli(
      ["diff", "--url", different.url, "--session-token", "-", "--template", "jwt", "--config", local],
      { stdin: TOKEN },
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /- header\.kid: "ory-kid"\n\s+\+ header\.kid: "local-kid"/);
    assert.match(result.stdout, /- claims\.role: "admin"\n\s+\+ claims\.role: "authenticated"/);
    assert.match(result.stdout, /signature: Ory's token does not verify with the local key set/);
    assert.match(result.stdout, /3 differences/);
    assert.ok(!(result.stdout + result.stderr).includes(TOKEN));
  });

  it("reports the differences as JSON with --format json", async () => {
    const result = await runCli([
      "diff",
      "--url",
      different.url.replace(/\/$/, ""),
      "--session-token",
      TOKEN,
      "--template",
      "jwt",
      "--config",
      local,
      "--format",
      "json",
    ]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.equal, false);
    assert.equal(report.issuer, different.url);
    const byPath = Object.fromEntries(report.differences.map((d: { path: string }) => [d.path, d]));
    assert.deepEqual(Object.keys(byPath).sort(), ["claims.role", "header.kid", "signature"]);
    assert.deepEqual(byPath["claims.role"], {
      path: "claims.role",
      kind: "changed",
      ory: "admin",
      emulation: "authenticated",
    });
    assert.ok(!result.stdout.includes(TOKEN));
  });

  it("compares exp - iat, not the times: another ttl is a difference", async () => {
    const jwks = await generateJwks({ alg: "ES256", kid: "local-kid" });
    const jwksFile = write(dir, "jwks.json", JSON.stringify({ ...jwks, keys: [{ ...jwks.keys[0]!, kid: "ory-kid" }] }));
    const result = await runCli([
      "diff",
      "--url",
      same.url,
      "--session-token",
      "-",
      "--template",
      "jwt",
      "--jwks",
      jwksFile,
      "--ttl",
      "5m",
      "--format",
      "json",
    ], { stdin: TOKEN });
    assert.equal(result.code, 1, result.stderr);
    const paths = JSON.parse(result.stdout).differences.map((d: { path: string }) => d.path).sort();
    // No mapper locally: role and email are Ory's only; exp is 5 min after iat instead of 10.
    assert.deepEqual(paths, ["claims.email", "claims.exp", "claims.role", "header.kid", "signature"]);
  });

  it("says what Ory answered when it refuses (unknown template, unknown session token)", async () => {
    const jwks = await generateJwks();
    const localOnly = write(dir, "local-only.yml", toKratosConfig({ not_in_ory: encodeTemplate({ jwks }) }, "yaml"));
    const template = await runCli(
      ["diff", "--url", same.url, "--session-token", "-", "--template", "not_in_ory", "--config", localOnly],
      { stdin: TOKEN },
    );
    assert.equal(template.code, 1);
    assert.match(template.stderr, /Ory answered 400: Unable to find tokenizer template "not_in_ory"/);
    assert.match(template.stderr, /is the template deployed under this name\?/);
    const session = await runCli(
      ["diff", "--url", same.url, "--session-token", "-", "--template", "jwt", "--config", local],
      { stdin: "ory_st_unknown" },
    );
    assert.equal(session.code, 1);
    assert.match(session.stderr, /Ory answered 401/);
    assert.ok(!session.stderr.includes("ory_st_unknown"));
  });

  it("explains usage mistakes (exit 2), and a template the local config lacks before asking Ory", async () => {
    const missing = await runCli(["diff", "--url", same.url, "--template", "jwt", "--config", local]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Missing --session-token/);
    const url = await runCli(["diff", "--url", "nope", "--session-token", "-", "--template", "jwt", "--config", local]);
    assert.equal(url.code, 2);
    assert.match(url.stderr, /--url must be an http\(s\) URL/);
    const local404 = await runCli(
      ["diff", "--url", "http://127.0.0.1:9/", "--session-token", "-", "--template", "other", "--config", local],
      { stdin: TOKEN },
    );
    assert.equal(local404.code, 1);
    assert.match(local404.stderr, /Unable to find tokenizer template "other"/);
    assert.doesNotMatch(local404.stderr, /Cannot reach Ory/);
    const help = await runCli(["diff", "--help"]);
    assert.match(help.stdout, /Examples:/);
  });
});
