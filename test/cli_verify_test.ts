// `ory-tokenizer verify` as a subprocess: exit codes, stdout, stderr, and nothing secret in any of them.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { encodeTemplate, generateJwks, type JwkSet, publicJwks, sampleSession, tokenizeSession } from "../lib/mod.ts";
import { type CliResult, runSourceCli } from "./_cli.ts";
import { assertClean as assertCleanOf, b64url, KRATOS_ISSUER, KRATOS_NOW } from "./_helpers.ts";
import { tempDir } from "./_temp_files.ts";

const dir = tempDir("verify");
let jwks: JwkSet;
let privatePath: string;
let publicPath: string;
let otherPath: string;
let token: string;

before(async () => {
  jwks = await generateJwks({ alg: "ES256", set: "cli" });
  privatePath = join(dir, "jwks.json");
  publicPath = join(dir, "jwks.public.json");
  otherPath = join(dir, "other.public.json");
  writeFileSync(privatePath, JSON.stringify(jwks, null, 2));
  writeFileSync(publicPath, JSON.stringify(publicJwks(jwks), null, 2));
  writeFileSync(otherPath, JSON.stringify(publicJwks(await generateJwks({ alg: "ES256", kid: "other-kid" }))));
  token = (await tokenizeSession(sampleSession(), encodeTemplate({ jwks, ttl: "10m" }), {
    issuer: KRATOS_ISSUER,
    now: () => KRATOS_NOW,
  })).token;
});

function verify(args: string[], stdin?: string): Promise<CliResult> {
  return runSourceCli(["verify", ...args], stdin);
}

/** Nothing secret or whole may leak: the private key, or the token itself. */
const assertClean = (text: string) => assertCleanOf(text, [jwks.keys[0]!.d!, token]);

describe("ory-tokenizer verify", () => {
  it("verifies a token and prints header, claims and key (exit 0)", async () => {
    const result = await verify([
      token,
      "--jwks",
      publicPath,
      "--issuer",
      KRATOS_ISSUER,
      "--now",
      "2023-02-01T00:01:00Z",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.equal(printed.claims.sub, sampleSession().identity.id);
    assert.equal(printed.header.kid, jwks.keys[0]!.kid);
    assert.equal(printed.key.d, undefined);
    assert.equal(
      result.stderr,
      `verified: signed by key "${jwks.keys[0]!.kid}" (ES256); expires 2023-02-01T00:10:00Z\n`,
    );
  });

  it("reads the token from stdin with -, and accepts the private set", async () => {
    const result = await verify(["-", "--jwks", privatePath, "--now", "2023-02-01T00:01:00Z"], `${token}\n`);
    assert.equal(result.code, 0, result.stderr);
    assertClean(result.stdout + result.stderr);
  });

  it("fetches the key set from an http URL", async () => {
    const server: Server = createServer((request, response) => {
      response.writeHead(request.url === "/.well-known/jwks.json" ? 200 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify(publicJwks(jwks)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const ok = await verify([
        token,
        "--jwks",
        `http://127.0.0.1:${port}/.well-known/jwks.json`,
        "--now",
        "2023-02-01T00:01:00Z",
      ]);
      assert.equal(ok.code, 0, ok.stderr);
      const missing = await verify([
        token,
        "--jwks",
        `http://127.0.0.1:${port}/nope.json`,
        "--now",
        "2023-02-01T00:01:00Z",
      ]);
      assert.equal(missing.code, 1);
      assert.match(
        missing.stderr,
        /^error: Cannot fetch the key set from "http:\/\/127.0.0.1:\d+\/nope.json": HTTP status 404\n/,
      );
      assert.match(missing.stderr, /\n {2}\(ERR_VERIFY_KEYS\)\n$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("explains an expired token on stderr (exit 1)", async () => {
    const result = await verify([
      token,
      "--jwks",
      publicPath,
      "--now",
      "2023-02-01T00:10:42Z",
      "--clock-tolerance",
      "5s",
    ]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^error: The token expired 42 s ago \(exp 2023-02-01T00:10:00Z, tolerance 5 s\)\n {2}.+\n {2}\(ERR_TOKEN_EXPIRED\)\n$/,
    );
    assertClean(result.stderr);
  });

  it("prints its own JSON error with --json, not Ory's body (Ory never verifies)", async () => {
    const result = await verify([
      token,
      "--jwks",
      publicPath,
      "--issuer",
      "https://other.example/",
      "--now",
      "2023-02-01T00:01:00Z",
      "--json",
    ]);
    assert.equal(result.code, 1);
    const body = JSON.parse(result.stderr);
    assert.deepEqual(Object.keys(body.error), ["code", "message", "claim", "detail"]);
    assert.equal(body.error.code, "ERR_TOKEN_ISSUER");
    assert.equal(body.error.message, 'The token\'s issuer is "http://localhost/", not "https://other.example/"');
    assert.equal(body.error.claim, "iss");
    assert.equal(typeof body.error.detail, "string");
    assertClean(result.stderr);
  });

  it('refuses an alg "none" token and a foreign kid', async () => {
    const [, payload] = token.split(".");
    const none = `${b64url(JSON.stringify({ alg: "none", kid: jwks.keys[0]!.kid, typ: "JWT" }))}.${payload}.`;
    const [forged, foreign] = await Promise.all([
      verify([none, "--jwks", publicPath, "--now", "2023-02-01T00:01:00Z"]),
      verify([token, "--jwks", otherPath, "--now", "2023-02-01T00:01:00Z"]),
    ]);
    assert.equal(forged.code, 1);
    assert.match(forged.stderr, /^error: The token is unsigned \(alg "none"\) but key ".+" is an EC key for "ES256"\n/);
    assert.match(forged.stderr, /ERR_TOKEN_ALG/);
    assert.equal(foreign.code, 1);
    assert.match(foreign.stderr, /^error: The token's kid ".+" is not in the key set \(it has "other-kid"\)\n/);
    assertClean(forged.stderr + foreign.stderr);
  });

  it("exits 2 for usage mistakes", async () => {
    const cases = await Promise.all([
      verify([token]),
      verify(["--jwks", publicPath]),
      verify([token, "--jwks", publicPath, "--now", "yesterday"]),
      verify([token, "--jwks", publicPath, "--clock-tolerance", "soon"]),
      verify([token, "--jwks", publicPath, "--bogus"]),
    ]);
    for (const result of cases) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /^error: .+\nRun `ory-tokenizer verify --help` for usage\.\n$/);
      assertClean(result.stderr);
    }
  });

  it("explains a key set file that is not there (exit 1)", async () => {
    const result = await verify([token, "--jwks", join(dir, "missing.json")]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: open .*missing\.json: no such file or directory\n$/);
  });

  it("has --help with a complete example", async () => {
    const result = await verify(["--help"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: ory-tokenizer verify <token \| ->/);
    assert.match(result.stdout, /ory-tokenizer jwk create tokenizer --alg ES256 --out jwks.json\n/);
    assert.match(
      result.stdout,
      /ory-tokenizer verify "\$TOKEN" --jwks jwks.public.json --issuer https:\/\/auth.example.com\//,
    );
  });
});
