// The issuer kit (`issuerDocuments`, `ory-tokenizer issuer`) and the shared secrets of `jwk create`
// (Zendesk's HS256 keys).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { jwtVerify } from "jose";
import { createSessionStore, createWhoamiHandler, DISCOVERY_SUFFIX, issuerDocuments } from "../lib/entries/whoami.ts";
import { encodeTemplate, generateJwks, type JwkSet, Tokenizer, TokenizerError, toKratosConfig } from "../lib/mod.ts";
import { runCli } from "./_cli.ts";
import { tempDir, write } from "./_temp_files.ts";

const dir = tempDir("issuer");

function rejectsWith(action: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof TokenizerError, String(error));
    assert.equal(error.code, code);
    assert.match(error.reason, pattern);
    return true;
  });
}

describe("issuerDocuments()", () => {
  it("makes the discovery document and the public set for an issuer, iss kept to the byte", async () => {
    const jwks = await generateJwks({ alg: "ES256", kid: "k1" });
    const kit = issuerDocuments(jwks, "https://auth.example.com/");
    assert.equal(kit.discoveryUrl, "https://auth.example.com/.well-known/openid-configuration");
    assert.equal(kit.jwksUrl, "https://auth.example.com/.well-known/jwks.json");
    assert.deepEqual(kit.discovery, {
      issuer: "https://auth.example.com/",
      jwks_uri: "https://auth.example.com/.well-known/jwks.json",
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256"],
    });
    const { d: _d, ...pub } = jwks.keys[0]!;
    assert.deepEqual(kit.jwks, { keys: [pub] });
  });

  it("puts the documents under the issuer's path, without doubling a trailing slash", async () => {
    const jwks = await generateJwks({ alg: "EdDSA" });
    for (const issuer of ["https://example.com/tokens", "https://example.com/tokens/"]) {
      const kit = issuerDocuments(jwks, issuer);
      assert.equal(kit.discoveryUrl, `https://example.com/tokens${DISCOVERY_SUFFIX}`);
      assert.equal(kit.discovery.issuer, issuer);
      assert.equal(kit.discovery.jwks_uri, "https://example.com/tokens/.well-known/jwks.json");
    }
    const elsewhere = issuerDocuments(jwks, "https://example.com/", { jwksUri: "https://keys.example.net/set.json" });
    assert.equal(elsewhere.discovery.jwks_uri, "https://keys.example.net/set.json");
  });

  it("lists each algorithm once, in key order, and infers it from the curve where there is one choice", async () => {
    const es = (await generateJwks({ alg: "ES384" })).keys[0]!;
    const { alg: _alg, ...noAlg } = (await generateJwks({ alg: "ES256" })).keys[0]!;
    const kit = issuerDocuments({ keys: [es, noAlg, es] }, "https://example.com/");
    assert.deepEqual(kit.discovery.id_token_signing_alg_values_supported, ["ES384", "ES256"]);
    assert.equal(kit.jwks.keys[1]!.alg, "ES256");
  });

  it("refuses an oct key (a shared secret is never published), and names it", async () => {
    const es = (await generateJwks({ alg: "ES256" })).keys[0]!;
    const hs = (await generateJwks({ alg: "HS256", kid: "zendesk" })).keys[0]!;
    rejectsWith(
      () => issuerDocuments({ keys: [es, hs] }, "https://example.com/"),
      "ERR_KEY_PUBLIC",
      /Cannot publish key 2 \(kid "zendesk"\): an oct \(HMAC\) key is a shared secret/,
    );
  });

  it("refuses an issuer that is not an http(s) URL or has a query, an empty set, and an RSA key without alg", async () => {
    const jwks = await generateJwks({ alg: "ES256" });
    rejectsWith(() => issuerDocuments(jwks, "auth.example.com"), "ERR_INVALID_INPUT", /not an http\(s\) URL/);
    rejectsWith(() => issuerDocuments(jwks, "ftp://example.com/"), "ERR_INVALID_INPUT", /not an http\(s\) URL/);
    rejectsWith(() => issuerDocuments(jwks, "https://example.com/?a=1"), "ERR_INVALID_INPUT", /query or fragment/);
    rejectsWith(() => issuerDocuments({ keys: [] }, "https://example.com/"), "ERR_INVALID_INPUT", /empty key set/);
    rejectsWith(
      () => issuerDocuments({ keys: [{ kty: "RSA", n: "AQAB", e: "AQAB" }] }, "https://example.com/"),
      "ERR_INVALID_INPUT",
      /has no "alg" and its type \(RSA\) does not tell one/,
    );
  });
});

describe("createWhoamiHandler({ issuerDocuments })", () => {
  it("serves the discovery document and the key set at the issuer's path, and nothing private", async () => {
    const jwks = await generateJwks({ alg: "ES256" });
    const kit = issuerDocuments(jwks, "https://auth.example.com/tokens");
    const handler = createWhoamiHandler({
      tokenizer: new Tokenizer({ templates: {} }),
      sessions: createSessionStore({}),
      issuerDocuments: kit,
    });
    const get = async (path: string) => {
      const response = await handler(new Request(`http://127.0.0.1:4433${path}`));
      return { status: response.status, type: response.headers.get("Content-Type"), body: await response.text() };
    };
    const discovery = await get("/tokens/.well-known/openid-configuration");
    assert.equal(discovery.status, 200);
    assert.equal(discovery.type, "application/json; charset=utf-8");
    assert.deepEqual(JSON.parse(discovery.body), kit.discovery);
    const keys = await get("/tokens/.well-known/jwks.json");
    assert.deepEqual(JSON.parse(keys.body), kit.jwks);
    assert.ok(!keys.body.includes(jwks.keys[0]!.d!));
    assert.equal((await get("/.well-known/openid-configuration")).status, 404);
  });
});

describe("ory-tokenizer issuer", () => {
  it("writes both files under the issuer's path and says where each must be served", async () => {
    const jwks = await generateJwks({ alg: "ES256", kid: "k1" });
    const out = join(dir, "site");
    const result = await runCli([
      "issuer",
      "--issuer",
      "https://example.com/auth",
      "--jwks",
      write(dir, "es.json", JSON.stringify(jwks)),
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const discoveryFile = join(out, "auth", ".well-known", "openid-configuration");
    const jwksFile = join(out, "auth", ".well-known", "jwks.json");
    const discovery = JSON.parse(readFileSync(discoveryFile, "utf8"));
    assert.equal(discovery.issuer, "https://example.com/auth");
    assert.equal(discovery.jwks_uri, "https://example.com/auth/.well-known/jwks.json");
    const published = JSON.parse(readFileSync(jwksFile, "utf8")) as JwkSet;
    assert.equal(published.keys.length, 1);
    assert.equal(published.keys[0]!.d, undefined);
    assert.ok(
      result.stdout.includes(`${discoveryFile}  ->  https://example.com/auth/.well-known/openid-configuration`),
    );
    assert.ok(result.stdout.includes("https://example.com/auth/.well-known/jwks.json"));
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(jwks.keys[0]!.d!));
  });

  it("merges every template's public keys from a config, leaving HS* templates out with a note", async () => {
    const es = await generateJwks({ alg: "ES256", kid: "es" });
    const rs = await generateJwks({ alg: "RS256", kid: "rs", modulusLength: 2048 });
    const hs = await generateJwks({ alg: "HS256", kid: "hs" });
    const config = write(
      dir,
      "kratos.yml",
      toKratosConfig({
        a: encodeTemplate({ jwks: es }),
        b: encodeTemplate({ jwks: rs }),
        zendesk: encodeTemplate({ jwks: hs }),
      }, "yaml"),
    );
    const out = join(dir, "merged");
    const result = await runCli(["issuer", "--issuer", "http://localhost:4433/", "--config", config, "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /left out template "zendesk": an HS\* \(oct\) key is a shared secret/);
    assert.match(result.stderr, /the issuer is http/);
    const discovery = JSON.parse(readFileSync(join(out, ".well-known", "openid-configuration"), "utf8"));
    assert.deepEqual(discovery.id_token_signing_alg_values_supported, ["ES256", "RS256"]);
    const published = JSON.parse(readFileSync(join(out, ".well-known", "jwks.json"), "utf8")) as JwkSet;
    assert.deepEqual(published.keys.map((key) => key.kid), ["es", "rs"]);

    const one = await runCli([
      "issuer",
      "--issuer",
      "https://x.example/",
      "--config",
      config,
      "--template",
      "b",
      "--out",
      join(dir, "one"),
    ]);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /1 public key \(RS256\)/);

    const secret = await runCli([
      "issuer",
      "--issuer",
      "https://x.example/",
      "--config",
      config,
      "--template",
      "zendesk",
      "--out",
      join(dir, "never"),
    ]);
    assert.equal(secret.code, 1);
    assert.match(secret.stderr, /an oct \(HMAC\) key is a shared secret/);
    assert.doesNotMatch(secret.stderr, new RegExp(hs.keys[0]!.k!));
  });

  it("explains usage mistakes (exit 2) and an unknown template (exit 1)", async () => {
    const jwks = write(dir, "usage.json", JSON.stringify(await generateJwks()));
    assert.match((await runCli(["issuer", "--jwks", jwks, "--out", dir])).stderr, /Missing --issuer/);
    const both = await runCli(["issuer", "--issuer", "https://x/", "--out", dir]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /either --jwks <file> or --config/);
    const config = write(dir, "one.yml", toKratosConfig({ a: encodeTemplate({ jwks: await generateJwks() }) }, "yaml"));
    const missing = await runCli([
      "issuer",
      "--issuer",
      "https://x/",
      "--config",
      config,
      "--template",
      "nope",
      "--out",
      dir,
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Unable to find tokenizer template "nope"/);
    const odd = await runCli(["issuer", "--issuer", "https://x/a%20b", "--jwks", jwks, "--out", dir]);
    assert.equal(odd.code, 2);
    assert.match(odd.stderr, /is not a plain name/);
  });

  it("has --help with examples", async () => {
    const help = await runCli(["issuer", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:\n\s+ory-tokenizer issuer --issuer/);
  });
});

describe("ory-tokenizer jwk create with a shared secret (Zendesk)", () => {
  // The form Zendesk's admin center shows: a long string of letters and digits.
  const SECRET = "pQ7r9XkV2mB4nL8sT1wZ6yC3dF5gH0jKaE2uR7iO";

  it("makes an HS256 oct key whose k is the base64url of the secret's bytes; tokens verify with the secret", async () => {
    const file = write(dir, "zendesk-secret.txt", `${SECRET}\n`);
    const made = await runCli(["jwk", "create", "zendesk", "--secret-file", file, "--kid", "app_64b0c0ffee"]);
    assert.equal(made.code, 0, made.stderr);
    const jwks = JSON.parse(made.stdout) as JwkSet;
    const key = jwks.keys[0]!;
    assert.equal(key.kty, "oct");
    assert.equal(key.alg, "HS256");
    assert.equal(key.kid, "app_64b0c0ffee");
    assert.equal(key.k, Buffer.from(SECRET).toString("base64url"));
    assert.doesNotMatch(made.stderr, /warning/);

    const jwksFile = write(dir, "zendesk.jwks.json", made.stdout);
    const token = (await runCli(["tokenize", "--jwks", jwksFile])).stdout.trim();
    const verified = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ["HS256"] });
    assert.equal(verified.protectedHeader.kid, "app_64b0c0ffee");
  });

  it("reads the secret from standard input with --secret -, and warns when it is on the command line", async () => {
    const piped = await runCli(["jwk", "create", "z", "--secret", "-"], { stdin: `${SECRET}\r\n` });
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal((JSON.parse(piped.stdout) as JwkSet).keys[0]!.k, Buffer.from(SECRET).toString("base64url"));
    const inline = await runCli(["jwk", "create", "z", "--secret", SECRET]);
    assert.equal(inline.code, 0);
    assert.match(inline.stderr, /warning: a secret on the command line stays in your shell's history/);
  });

  it("refuses a secret shorter than the hash, an asymmetric algorithm, and an empty secret", async () => {
    const short = await runCli(["jwk", "create", "z", "--secret", "-"], { stdin: "tooshort" });
    assert.equal(short.code, 1);
    assert.match(short.stderr, /Cannot use a 8-byte secret for HS256: it needs at least 32 bytes/);
    assert.doesNotMatch(short.stderr, /tooshort/);
    const hs512 = await runCli(["jwk", "create", "z", "--alg", "HS512", "--secret", "-"], { stdin: SECRET });
    assert.match(hs512.stderr, /needs at least 64 bytes/);
    const es = await runCli(["jwk", "create", "z", "--alg", "ES256", "--secret", "-"], { stdin: SECRET });
    assert.equal(es.code, 2);
    assert.match(es.stderr, /A shared secret makes an HS256, HS384 or HS512 key, not ES256/);
    // An empty file is data (exit 1); an empty --secret value is a command-line mistake (exit 2).
    const empty = await runCli(["jwk", "create", "z", "--secret-file", write(dir, "empty.txt", "\n")]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /^error: The secret in \S+empty\.txt is empty\n/);
    const emptyStdin = await runCli(["jwk", "create", "z", "--secret", "-"], { stdin: "\n" });
    assert.equal(emptyStdin.code, 1);
    assert.match(emptyStdin.stderr, /^error: The secret on standard input is empty\n/);
    const emptyValue = await runCli(["jwk", "create", "z", "--secret", ""]);
    assert.equal(emptyValue.code, 2);
    assert.match(emptyValue.stderr, /\nerror: The secret given is empty\n/);
  });
});
