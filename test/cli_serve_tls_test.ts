// `serve --tls` and the issuer kit it serves, checked the way a consuming service would: a separate Node
// process that trusts only the printed certificate (NODE_EXTRA_CA_CERTS) fetches
// `<iss>/.well-known/openid-configuration`, then its jwks_uri, and verifies tokens from whoami with
// jose's createRemoteJWKSet (ES256) and AWS's aws-jwt-verify JwtRsaVerifier (RS256). The same client
// without the certificate must refuse the connection, so the check can fail.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encodeTemplate, generateJwks, sampleSession, toKratosConfig } from "../lib/mod.ts";
import { ROOT, runCli } from "./_cli.ts";
import { type ServeProcess, startServe } from "./_serve_process.ts";
import { tempDir, write } from "./_temp_files.ts";

const TOKEN = "ory_st_tls_test_token_0123456789ab";
const dir = tempDir("serve-tls");

/** What the discovery client does, as a service would; prints one JSON line. */
const CLIENT = `
const iss = process.env.ISS;
const out = {};
try {
  const discoveryUrl = iss.replace(/\\/+$/, "") + "/.well-known/openid-configuration";
  const discovery = await (await fetch(discoveryUrl)).json();
  out.discovery = discovery;
  const tokenFor = async (template) => {
    const url = new URL("sessions/whoami?tokenize_as=" + template, iss);
    const whoami = await (await fetch(url, { headers: { "X-Session-Token": process.env.SESSION_TOKEN } })).json();
    return whoami.tokenized;
  };
  const { createRemoteJWKSet, jwtVerify } = await import("jose");
  const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const es = await jwtVerify(await tokenFor("es"), keys, {
    issuer: discovery.issuer,
    algorithms: discovery.id_token_signing_alg_values_supported,
  });
  out.jose = { alg: es.protectedHeader.alg, iss: es.payload.iss };
  const { JwtRsaVerifier } = await import("aws-jwt-verify");
  const verifier = JwtRsaVerifier.create({ issuer: discovery.issuer, audience: null, jwksUri: discovery.jwks_uri });
  const rs = await verifier.verify(await tokenFor("rs"));
  out.aws = { iss: rs.iss, sub: rs.sub };
} catch (error) {
  out.error = { message: error.message, code: error.cause?.code ?? error.code };
}
console.log(JSON.stringify(out));
`;

/** Runs the client in a Node process of its own, trusting `caFile` if given (and nothing else extra). */
/** What the client printed. */
interface ClientResult {
  discovery?: Record<string, unknown>;
  jose?: { alg: string; iss: string };
  aws?: { iss: string; sub: string };
  error?: { message: string; code?: string };
}

function discoveryClient(iss: string, caFile: string | undefined): Promise<ClientResult> {
  const node = "Deno" in globalThis ? "node" : process.execPath;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^NODE_(EXTRA_CA_CERTS|TLS_REJECT_UNAUTHORIZED|OPTIONS)$/.test(name)) env[name] = value;
  }
  Object.assign(env, { ISS: iss, SESSION_TOKEN: TOKEN }, caFile === undefined ? {} : { NODE_EXTRA_CA_CERTS: caFile });
  return new Promise((resolve, reject) => {
    execFile(
      node,
      ["--input-type=module", "-e", CLIENT],
      { cwd: ROOT, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error !== null && stdout === "") reject(new Error(`client failed: ${stderr}`));
        else resolve(JSON.parse(stdout.trim().split("\n").pop()!));
      },
    );
  });
}

describe("ory-tokenizer serve --tls", () => {
  let serve: ServeProcess;
  let caFile: string;

  before(async () => {
    const es = await generateJwks({ alg: "ES256" });
    const rs = await generateJwks({ alg: "RS256", modulusLength: 2048 });
    const config = write(
      dir,
      "kratos.yml",
      toKratosConfig(
        { es: encodeTemplate({ jwks: es, ttl: "5m" }), rs: encodeTemplate({ jwks: rs, ttl: "5m" }) },
        "yaml",
      ),
    );
    const sessions = write(
      dir,
      "sessions.json",
      JSON.stringify({ [TOKEN]: sampleSession({ expires_at: "2999-01-01T00:00:00Z" }) }),
    );
    serve = await startServe(["--tls", "--config", config, "--sessions", sessions]);
    caFile = /NODE_EXTRA_CA_CERTS=(\S+)/.exec(serve.stdout())![1]!;
  });
  after(async () => {
    await serve?.stop();
  });

  it("serves https with the issuer https://127.0.0.1:<port>/ and prints the certificate's file", () => {
    assert.match(serve.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(serve.stdout(), new RegExp(`issuer:\\s+${serve.url.replace(/\./g, "\\.")}\\n`));
    assert.match(serve.stdout(), /self-signed certificate for 127\.0\.0\.1, localhost and ::1/);
    assert.ok(existsSync(caFile), caFile);
  });

  it("a client trusting the printed certificate discovers the keys through iss and verifies ES256 and RS256 tokens", async () => {
    const result = await discoveryClient(serve.url, caFile);
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.deepEqual(result.discovery, {
      issuer: serve.url,
      jwks_uri: `${serve.url}.well-known/jwks.json`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256", "RS256"],
    });
    assert.deepEqual(result.jose, { alg: "ES256", iss: serve.url });
    assert.equal(result.aws?.iss, serve.url);
    assert.equal(result.aws?.sub, sampleSession().identity.id);
  });

  it("a client without the certificate refuses the connection", async () => {
    const result = await discoveryClient(serve.url, undefined);
    assert.equal(result.discovery, undefined);
    assert.match(String(result.error?.code), /SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it("removes the certificate's file when it stops", async () => {
    await serve.stop();
    assert.match(serve.stdout(), /stopped\n$/);
    assert.equal(existsSync(caFile), false);
  });
});

describe("ory-tokenizer serve --tls-cert/--tls-key", () => {
  it("needs both files, and refuses files that hold no PEM", async () => {
    const only = await runCli(["serve", "--port", "0", "--tls-cert", write(dir, "cert.pem", "x")]);
    assert.equal(only.code, 2);
    assert.match(only.stderr, /--tls-cert and --tls-key go together/);
    const bad = await runCli([
      "serve",
      "--port",
      "0",
      "--tls-cert",
      write(dir, "cert2.pem", "not a certificate"),
      "--tls-key",
      write(dir, "key2.pem", "not a key"),
    ]);
    // What a file holds is data: exit 1, as for every other file (2 is for the command line).
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: \S+cert2\.pem holds no PEM certificate\n/);
    assert.match(bad.stderr, /ERR_INVALID_INPUT/);
    const missing = await runCli(
      ["serve", "--port", "0", "--tls-cert", join(dir, "none.pem"), "--tls-key", join(dir, "none.key")],
    );
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: Cannot read the TLS files: /);
  });
});
