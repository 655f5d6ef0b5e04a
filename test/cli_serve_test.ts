// `ory-tokenizer serve` as a subprocess (Node runs bin/ory-tokenizer, Deno runs lib/cli/run.ts with
// Deno.serve): start-up, requests, a config edit picked up while running, broken edits refused with
// the last good state kept, one log line per request without tokens, and Ctrl-C (SIGINT) stopping it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encodeTemplate, generateJwks, type JwkSet, sampleSession, toKratosConfig } from "../lib/mod.ts";
import { type ServeProcess, spawnServe, startServe } from "./_serve_process.ts";
import { webCryptoVerify } from "./_webcrypto.ts";

const TOKEN = "ory_st_cli_test_token_0123456789";

/**
 * Exit code 0 after "stopped". Deno's node:child_process reports a child it sent SIGINT to as killed
 * by the signal (code null) even when the child handled it and exited 0, so there only the printed
 * "stopped" tells.
 */
async function assertStoppedCleanly(serve: ServeProcess): Promise<void> {
  const code = await serve.exited;
  assert.match(serve.stdout(), /stopped\n$/);
  assert.equal(code, "Deno" in globalThis && code === null ? null : 0);
}

async function tokenize(url: string, template: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(`sessions/whoami?tokenize_as=${template}`, url), {
    headers: { "X-Session-Token": TOKEN },
  });
  return { status: response.status, body: await response.json() };
}

/** A GET with headers fetch does not let a caller set (Host). */
function rawGet(url: URL, headers: Record<string, string>): Promise<[number, string]> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk) => body += chunk).on("end", () => {
        resolve([response.statusCode ?? 0, body]);
      });
    });
    request.on("error", reject);
  });
}

function lifetime(token: string): number {
  const claims = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
  return claims.exp - claims.iat;
}

describe("ory-tokenizer serve", () => {
  let dir: string;
  let jwks: JwkSet;
  let config: string;
  let sessions: string;
  const writeConfig = (ttl: string) =>
    writeFileSync(config, toKratosConfig({ jwt: encodeTemplate({ jwks, ttl }) }, "yaml"));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "ory-tokenizer-serve-"));
    jwks = await generateJwks({ alg: "ES256" });
    config = join(dir, "kratos.yml");
    sessions = join(dir, "sessions.json");
    writeConfig("1m");
    writeFileSync(sessions, JSON.stringify({ [TOKEN]: sampleSession({ expires_at: "2999-01-01T00:00:00Z" }) }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves, reloads a config edit, keeps the last good state on broken edits, and stops on SIGINT", async () => {
    const serve = await startServe(["--config", config, "--sessions", sessions]);
    try {
      assert.match(serve.stdout(), /templates "jwt"; 1 session/);
      const first = await tokenize(serve.url, "jwt");
      assert.equal(first.status, 200);
      assert.equal(lifetime(first.body["tokenized"] as string), 60);

      // The issuer defaults to the server's own URL, and the public set verifies the token.
      const token = first.body["tokenized"] as string;
      const claims = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
      assert.equal(claims.iss, serve.url);
      const published = await (await fetch(new URL(".well-known/jwks.json", serve.url))).json() as JwkSet;
      assert.equal(await webCryptoVerify(token, published.keys[0]!), true);

      let mark = serve.stdout().length;
      writeConfig("5m");
      await serve.waitFor("stdout", /reloaded .*kratos\.yml: templates "jwt"; 1 session/, mark);
      assert.equal(lifetime((await tokenize(serve.url, "jwt")).body["tokenized"] as string), 300);

      mark = serve.stderr().length;
      writeFileSync(config, "session: [whoami\n");
      await serve.waitFor("stderr", /reload of .*kratos\.yml refused, still serving the last good state/, mark);
      assert.equal(lifetime((await tokenize(serve.url, "jwt")).body["tokenized"] as string), 300);

      mark = serve.stdout().length;
      writeConfig("5m");
      await serve.waitFor("stdout", /reloaded .*kratos\.yml/, mark);
      mark = serve.stderr().length;
      writeFileSync(sessions, JSON.stringify({ [TOKEN]: { id: "nope" } }, null, 2));
      await serve.waitFor("stderr", /sessions\.json:2: entry 1: id must be a UUID/, mark);
      assert.equal((await tokenize(serve.url, "jwt")).status, 200, "the old sessions are still served");

      assert.match(serve.stdout(), /\d\d:\d\d:\d\d GET \/sessions\/whoami 200 [\d.]+ms tokenize_as=jwt/);
      const logged = serve.stdout() + serve.stderr();
      assert.equal(logged.includes(TOKEN), false, "the session token never reaches the log");
      assert.equal(logged.includes(token.split(".")[2]!), false, "nor a token");
      assert.equal(logged.includes(jwks.keys[0]!.d!), false, "nor a private key");
    } finally {
      serve.child.kill("SIGINT");
    }
    await assertStoppedCleanly(serve);
  });

  it("answers a page that rebinds its name to 127.0.0.1 with 403, and logs no control character a query sends", async () => {
    // Files of its own: the test above leaves a broken sessions file behind.
    const ownConfig = join(dir, "hostile.yml");
    const ownSessions = join(dir, "hostile-sessions.json");
    writeFileSync(ownConfig, toKratosConfig({ jwt: encodeTemplate({ jwks, ttl: "1m" }) }, "yaml"));
    writeFileSync(ownSessions, JSON.stringify({ [TOKEN]: sampleSession({ expires_at: "2999-01-01T00:00:00Z" }) }));
    const serve = await startServe(["--config", ownConfig, "--sessions", ownSessions]);
    try {
      const port = new URL(serve.url).port;
      const asHost = (host: string) =>
        rawGet(new URL(`sessions/whoami?tokenize_as=jwt`, serve.url), { Host: host, "X-Session-Token": TOKEN });
      const [rebound, body] = await asHost(`rebind.example:${port}`);
      assert.equal(rebound, 403);
      assert.doesNotMatch(body, /tokenized/);
      assert.equal((await asHost(`localhost:${port}`))[0], 200);

      // An escape sequence (the window title), a bell and a forged log line, as any page can send them.
      const hostile = "\u001b]0;owned\u0007\n12:00:00 GET /forged 200 1.0ms\u009b";
      const mark = serve.stdout().length;
      const answer = await tokenize(serve.url, encodeURIComponent(hostile));
      assert.equal(answer.status, 400);
      await serve.waitFor("stdout", /tokenize_as=\\u001b\]0;owned/, mark);
      const logged = serve.stdout().slice(mark);
      // deno-lint-ignore no-control-regex -- no control character but the line ends may reach the log
      assert.doesNotMatch(logged, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      assert.doesNotMatch(logged, /\n12:00:00 GET \/forged/);
    } finally {
      serve.child.kill("SIGINT");
    }
    await assertStoppedCleanly(serve);
  });

  it("without flags serves the guide's template and a sample session under a printed token", async () => {
    const serve = await startServe([]);
    try {
      const token = /session token \(sample session\): (ory_st_[A-Za-z0-9]{32})/.exec(serve.stdout())![1]!;
      const response = await fetch(new URL("sessions/whoami?tokenize_as=jwt_example_template1", serve.url), {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200);
      const body = await response.json();
      const claims = JSON.parse(atob(body.tokenized.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      assert.equal(claims.schema_id, "default", "the guide's claims.jsonnet ran");
    } finally {
      serve.child.kill("SIGINT");
    }
    await assertStoppedCleanly(serve);
  });

  it("refuses a config without templates at start-up (exit code 1) and says why", async () => {
    const broken = join(dir, "broken.yml");
    writeFileSync(broken, "serve: {}\n");
    const serve = spawnServe(["--config", broken]);
    assert.equal(await serve.exited, 1);
    assert.match(serve.stderr(), /has no session\.whoami\.tokenizer\.templates/);
  });
});
