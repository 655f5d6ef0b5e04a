// The CLI as a subprocess: `jwk create`, `jwk public`, `tokenize`, good runs and every kind of bad input.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type JwkSet, publicJwks } from "../lib/mod.ts";
import { runCli } from "./_cli.ts";
import { assertClean as assertCleanOf, fixture, segmentText, STUB_MAPPER } from "./_helpers.ts";
import { tempDir, write as writeIn } from "./_temp_files.ts";

const dir = tempDir("cli");
const ES256 = fixture("jwk.es256.json");
const SECRET = (JSON.parse(ES256) as JwkSet).keys[0]!.d!;

const write = (name: string, content: string) => writeIn(dir, name, content);
const assertClean = (output: string) => assertCleanOf(output, [SECRET]);

describe("ory-tokenizer jwk", () => {
  it("jwk create prints a set shaped like `ory create jwk`", async () => {
    const { code, stdout } = await runCli(["jwk", "create", "my-set", "--alg", "ES512"]);
    assert.equal(code, 0);
    const set = JSON.parse(stdout) as JwkSet;
    assert.equal(set.set, "my-set");
    assert.deepEqual(Object.keys(set.keys[0]!), ["alg", "crv", "d", "kid", "kty", "use", "x", "y"]);
    assert.equal(set.keys[0]!.crv, "P-521");
    assert.match(set.keys[0]!.kid!, /^[0-9a-f-]{36}$/);
  });

  it("jwk create --out writes mode 0600 and refuses to overwrite without --force", async () => {
    const out = join(dir, "private.json");
    assert.equal((await runCli(["jwk", "create", "s", "--out", out])).code, 0);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    const again = await runCli(["jwk", "create", "s", "--out", out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);
    assert.equal((await runCli(["jwk", "create", "s", "--out", out, "--force"])).code, 0);
  });

  it("jwk public drops private members, from a file or stdin", async () => {
    const fromFile = await runCli(["jwk", "public", write("es256.json", ES256)]);
    const fromStdin = await runCli(["jwk", "public", "-"], { stdin: ES256 });
    assert.equal(fromFile.code, 0);
    assert.deepEqual(JSON.parse(fromFile.stdout), publicJwks(JSON.parse(ES256)));
    assert.equal(fromStdin.stdout, fromFile.stdout);
    assertClean(fromFile.stdout);
  });

  it("jwk create --thumbprint-kid uses the RFC 7638 thumbprint", async () => {
    const { stdout } = await runCli(["jwk", "create", "s", "--alg", "EdDSA", "--thumbprint-kid"]);
    assert.match((JSON.parse(stdout) as JwkSet).keys[0]!.kid!, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe("ory-tokenizer tokenize", () => {
  const jwks = write("jwks.json", ES256);
  const mapper = write("claims.jsonnet", STUB_MAPPER);
  const session = write(
    "session.json",
    JSON.stringify({
      id: "s-1",
      active: true,
      authenticator_assurance_level: "aal2",
      identity: { id: "i-1", schema_id: "customer", traits: {} },
    }),
  );

  it("issues a reproducible token with --now and --jti", async () => {
    const args = [
      "tokenize",
      "--jwks",
      jwks,
      "--claims",
      mapper,
      "--ttl",
      "1m",
      "--session",
      session,
      "--issuer",
      "http://localhost/",
      "--now",
      "2023-02-01T00:00:00Z",
      "--jti",
      "00000000-0000-4000-8000-000000000000",
    ];
    const { code, stdout, stderr } = await runCli(args);
    assert.equal(code, 0, stderr);
    const [header, payload] = stdout.trim().split(".");
    assert.equal(segmentText(header!), '{"alg":"ES256","kid":"247f1420-e581-4023-88e0-07ee662f80da","typ":"JWT"}');
    assert.equal(
      segmentText(payload!),
      '{"aal":"aal2","exp":1675209660,"foo":"bar","iat":1675209600,"iss":"http://localhost/","jti":"00000000-0000-4000-8000-000000000000","nbf":1675209600,"schema_id":"customer","second_claim":1675209660,"sid":"s-1","sub":"i-1"}',
    );
  });

  it("reads templates from a kratos.yml", async () => {
    const config = write(
      "kratos.yml",
      `session:\n  whoami:\n    tokenizer:\n      templates:\n        jwt_example_template1:\n          jwks_url: file://${jwks}\n          claims_mapper_url: file://${mapper}\n          ttl: 1h\n`,
    );
    const { code, stdout } = await runCli([
      "tokenize",
      "--config",
      config,
      "--template",
      "jwt_example_template1",
      "--format",
      "json",
    ]);
    assert.equal(code, 0);
    const { claims } = JSON.parse(stdout);
    assert.equal(claims.exp - claims.iat, 3600);
    assert.equal(claims.foo, "bar");
  });

  const key = (JSON.parse(ES256) as JwkSet).keys[0]!;
  const badInputs: [string, string[], RegExp][] = [
    [
      "a broken key set",
      ["--jwks", write("broken.json", fixture("jwk.es512.broken.json"))],
      /^error: failed to parse JWK set\n/,
    ],
    [
      "a public-only key",
      ["--jwks", write("public.json", JSON.stringify(publicJwks(JSON.parse(ES256))))],
      /^error: Unable to sign JSON Web Token\.\n.*public key/,
    ],
    [
      "a key without alg",
      ["--jwks", write("noalg.json", JSON.stringify({ keys: [{ ...key, alg: undefined }] }))],
      /^error: The JSON Web Key must include a valid "alg" parameter but "" was given\.\n/,
    ],
    [
      "a bad ttl",
      ["--jwks", jwks, "--ttl", "10x"],
      /^error: Unable to decode tokenizer template "cli": error decoding 'ttl': time: unknown unit "x" in duration "10x"\n/,
    ],
    [
      "a mapper runtime error",
      ["--jwks", jwks, "--claims", write("boom.jsonnet", "{\n  claims: error 'boom',\n}")],
      /^error: Unable to execute tokenizer JsonNet\.\n\s+\S*boom\.jsonnet:2:11: runtime error: boom\n/,
    ],
    [
      "a mapper syntax error",
      ["--jwks", jwks, "--claims", write("syntax.jsonnet", "{ claims: ")],
      /^error: Unable to execute tokenizer JsonNet\.\n.*syntax error/,
    ],
    [
      "a mapper without claims",
      ["--jwks", jwks, "--claims", write("noclaims.jsonnet", "{ other: 1 }")],
      /^error: Expected tokenizer JsonNet to return a claims object but it did not\.\n/,
    ],
    [
      "a missing mapper file",
      ["--jwks", jwks, "--claims", join(dir, "missing.jsonnet")],
      /^error: read file: file:\/\/.*missing\.jsonnet: open .*missing\.jsonnet: no such file or directory\n/,
    ],
  ];
  for (const [name, args, expected] of badInputs) {
    it(`${name}: Ory's reason on stderr, exit 1, nothing secret`, async () => {
      const { code, stdout, stderr } = await runCli(["tokenize", ...args]);
      assert.equal(code, 1, stderr);
      assert.equal(stdout, "");
      assert.match(stderr, expected);
      assertClean(stderr);
    });
  }

  it("takes the issuer from the config's serve.public.base_url, as Kratos does, unless a flag names one", async () => {
    const jwks = Buffer.from(ES256).toString("base64");
    const config = write(
      "base_url.yml",
      `serve:\n  public:\n    base_url: https://auth.example.test/\n` +
        `session:\n  whoami:\n    tokenizer:\n      templates:\n        t:\n          jwks_url: base64://${jwks}\n`,
    );
    const claimsOf = async (...flags: string[]) => {
      const { code, stdout, stderr } = await runCli([
        "tokenize",
        "--config",
        config,
        "--template",
        "t",
        "--format",
        "json",
        ...flags,
      ]);
      assert.equal(code, 0, stderr);
      return JSON.parse(stdout).claims as Record<string, unknown>;
    };
    assert.equal((await claimsOf()).iss, "https://auth.example.test/");
    assert.equal((await claimsOf("--issuer", "https://other.example.test/")).iss, "https://other.example.test/");
    assert.equal((await claimsOf("--project-slug", "demo")).iss, "https://demo.projects.oryapis.com");
  });

  it("bad base64 and unknown schemes in a config: Ory's 500 messages", async () => {
    const config = write(
      "bad.yml",
      `session:\n  whoami:\n    tokenizer:\n      templates:\n        b64:\n          jwks_url: base64://not_url-safe\n        https:\n          jwks_url: https://example.test/jwks.json\n`,
    );
    const b64 = await runCli(["tokenize", "--config", config, "--template", "b64"]);
    assert.equal(b64.code, 1);
    assert.match(b64.stderr, /^error: base64decode: base64:\/\/\[redacted\]: illegal base64 data at input byte 3\n/);
    const https = await runCli(["tokenize", "--config", config, "--template", "https", "--json"]);
    assert.equal(https.code, 1);
    const body = JSON.parse(https.stderr);
    assert.equal(
      body.error.message,
      'unknown scheme: in source "https://example.test/jwks.json": allowed schemes: file, base64',
    );
    assert.equal(body.error.code, 500);
    assert.match(body.error.debug, /base64:\/\//);
  });

  it("a template that is not an object: Ory's schema wording, not an unknown scheme", async () => {
    for (const [value, got] of [["[1]", "array"], ["text", "string"]]) {
      const config = write(
        `not_object_${got}.yml`,
        `session:\n  whoami:\n    tokenizer:\n      templates:\n        t: ${value}\n`,
      );
      const { code, stderr } = await runCli(["tokenize", "--config", config, "--template", "t", "--json"]);
      assert.equal(code, 1, stderr);
      const body = JSON.parse(stderr);
      assert.equal(body.error.code, 500);
      assert.equal(body.error.id, "invalid_configuration");
      assert.equal(body.error.reason, `Unable to decode tokenizer template "t": expected object, but got ${got}`);
      assert.match(body.error.debug, /config schema requires session\.whoami\.tokenizer\.templates\.t /);
    }
  });

  it("a config with one template that is not an object is refused whole, as Ory's schema refuses it", async () => {
    const config = write(
      "one_not_object.yml",
      `session:\n  whoami:\n    tokenizer:\n      templates:\n        bad: [1]\n        good:\n          jwks_url: base64://e30=\n`,
    );
    const { code, stderr } = await runCli(["tokenize", "--config", config, "--template", "good"]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^error: Unable to decode tokenizer template "bad": expected object, but got array\n/);
  });

  it("--json prints Ory's error body with the detail in debug", async () => {
    const { code, stderr } = await runCli([
      "tokenize",
      "--jwks",
      jwks,
      "--claims",
      join(dir, "boom.jsonnet"),
      "--json",
    ]);
    assert.equal(code, 1);
    const body = JSON.parse(stderr);
    assert.deepEqual(Object.keys(body.error), ["code", "status", "reason", "message", "debug"]);
    assert.equal(body.error.message, "The request was malformed or contained invalid parameters");
  });

  it("usage mistakes exit 2 and point at --help", async () => {
    for (
      const args of [["tokenize"], ["tokenize", "--jwks"], ["tokenize", "--jwks", jwks, "--now", "yesterday"], ["nope"]]
    ) {
      const { code, stderr } = await runCli(args);
      assert.equal(code, 2, args.join(" "));
      assert.match(stderr, /^error: .*\n.*--help/s);
    }
  });

  it("a group word alone lists its sub-commands; a typo gets a suggestion", async () => {
    const jwk = await runCli(["jwk"]);
    assert.equal(jwk.code, 2);
    assert.match(jwk.stderr, /^error: "jwk" needs a sub-command \(jwk create, jwk public\)\n/);
    const typo = await runCli(["verfy"]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Did you mean `ory-tokenizer verify`\?/);
  });

  it("--help teaches with examples", async () => {
    const { code, stdout } = await runCli(["tokenize", "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /Examples:\n {2}ory-tokenizer tokenize --jwks/);
    assert.ok(readFileSync(jwks, "utf8").length > 0);
  });
});

describe("hostile mappers through the CLI", () => {
  const hostile: [string, string][] = [
    ["an endless recursion", "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { x: f(60) } }"],
    ["a deep recursion", "local f(n) = f(n + 1) + 1; { claims: { x: f(0) } }"],
    [
      "exponential string growth",
      "local f(s, n) = if n == 0 then s else f(s + s, n - 1); { claims: { x: f('ab', 40) } }",
    ],
    ["a huge output", "{ claims: { x: std.repeat('a', 300000) } }"],
    ["an import", "local x = import '/etc/passwd'; { claims: x }"],
  ];
  for (const [name, source] of hostile) {
    it(`tokenize stops ${name} with Ory's reason, exit 1, within 5 s`, async () => {
      const mapper = write(`hostile-${name.replace(/\W+/g, "-")}.jsonnet`, source);
      const started = Date.now();
      const { code, stderr } = await runCli([
        "tokenize",
        "--jwks",
        write("hostile-keys.json", ES256),
        "--claims",
        mapper,
      ]);
      assert.equal(code, 1, stderr);
      assert.match(stderr, /^error: Unable to execute tokenizer JsonNet\.\n/);
      assertClean(stderr);
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    });
  }
});
