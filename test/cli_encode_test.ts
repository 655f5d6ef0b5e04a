// `ory-tokenizer encode` and `encode --decode` as subprocesses: every format parses back to the same
// template, the patch command through a real shell; private keys appear only when asked for.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { generateJwks, type JwkSet, publicJwks, type TokenizerTemplate } from "../lib/mod.ts";
import { type CliResult, runSourceCli } from "./_cli.ts";
import { assertClean, fixture } from "./_helpers.ts";
import { tempDir } from "./_temp_files.ts";

const MAPPER = "\uFEFFlocal s = std.extVar('session');\r\n{ claims: { hi: 'Zoë 👋 $HOME `x`', id: s.id } }\r\n\n";
const dir = tempDir("encode");
let jwks: JwkSet;
let jwksPath: string;
let claimsPath: string;

before(async () => {
  jwks = await generateJwks({ alg: "ES384", set: "cli" });
  jwksPath = join(dir, "jwks.json");
  claimsPath = join(dir, "claims.jsonnet");
  writeFileSync(jwksPath, `${JSON.stringify(jwks, null, 2)}\n`);
  writeFileSync(claimsPath, MAPPER);
  writeFileSync(join(dir, "public.json"), JSON.stringify(publicJwks(jwks)));
  writeFileSync(join(dir, "broken.json"), fixture("jwk.es512.broken.json"));
});

function encode(args: string[]): Promise<CliResult> {
  return runSourceCli(["encode", ...args]);
}

function secret(): string {
  return jwks.keys[0]!.d!;
}

function bytesOf(url: string): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    Uint8Array.from(atob(url.slice("base64://".length)), (c) => c.charCodeAt(0)),
  );
}

function bashArguments(command: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", `ory() { printf '%s\\0' "$@"; }\n${command}`], (error, stdout) => {
      if (error !== null) reject(error);
      else resolve(stdout.split("\0").slice(0, -1));
    });
  });
}

function expectedTemplate(): TokenizerTemplate {
  return {
    jwks_url: `base64://${btoa(String.fromCharCode(...readFileSync(jwksPath)))}`,
    claims_mapper_url: `base64://${btoa(String.fromCharCode(...readFileSync(claimsPath)))}`,
    ttl: "15m",
    subject_source: "external_id",
  };
}

const ENCODE = () => [
  "--jwks",
  jwksPath,
  "--claims",
  claimsPath,
  "--name",
  "jwt_example_template1",
  "--ttl",
  "15m",
  "--subject-source",
  "external_id",
];

describe("ory-tokenizer encode", () => {
  it("prints the ory patch command, which bash parses back to the files' exact bytes", async () => {
    const result = await encode([...ENCODE(), "--project", "my project", "--workspace", "ws-1"]);
    assert.equal(result.code, 0, result.stderr);
    const args = await bashArguments(result.stdout);
    assert.deepEqual(args.slice(0, 6), ["patch", "identity-config", "--project", "my project", "--workspace", "ws-1"]);
    const add = args[args.indexOf("--add") + 1]!;
    assert.ok(add.startsWith("/session/whoami/tokenizer/templates/jwt_example_template1={"));
    const template = JSON.parse(add.slice(add.indexOf("=") + 1)) as TokenizerTemplate;
    assert.deepEqual(template, expectedTemplate());
    assert.equal(bytesOf(template.claims_mapper_url!), MAPPER);
    assert.equal(bytesOf(template.jwks_url), readFileSync(jwksPath, "utf8"));
  });

  it("prints the same template as YAML, JSON and JSON Patch", async () => {
    const [yaml, json, patch] = await Promise.all(
      ["yaml", "json", "json-patch"].map((format) => encode([...ENCODE(), "--format", format])),
    );
    const block = { session: { whoami: { tokenizer: { templates: { jwt_example_template1: expectedTemplate() } } } } };
    assert.equal(yaml!.code, 0, yaml!.stderr);
    assert.deepEqual(parseYaml(yaml!.stdout), block);
    assert.deepEqual(JSON.parse(json!.stdout), block);
    assert.deepEqual(JSON.parse(patch!.stdout), [
      { op: "add", path: "/session/whoami/tokenizer/templates/jwt_example_template1", value: expectedTemplate() },
    ]);
  });

  it("writes ttl 10m when none is given", async () => {
    const result = await encode(["--jwks", jwksPath, "--name", "t", "--format", "json-patch"]);
    assert.deepEqual(JSON.parse(result.stdout)[0].value, { jwks_url: expectedTemplate().jwks_url, ttl: "10m" });
  });

  it("refuses key sets Ory could not sign with (exit 1), saying why without key material", {
    skip: "Bun" in globalThis &&
      "Bun's JSON.parse errors carry no position, so lib calls the truncated set invalid JSON (lib/keys/parse_jwks.ts)",
  }, async () => {
    const [broken, pub] = await Promise.all([
      encode(["--jwks", join(dir, "broken.json"), "--name", "t"]),
      encode(["--jwks", join(dir, "public.json"), "--name", "t"]),
    ]);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /^error: failed to parse JWK set\n {2}the JSON ends early.*\n {2}\(status 400, ERR_JWKS_PARSE\)\n$/,
    );
    assert.equal(pub.code, 1);
    assert.match(pub.stderr, /^error: Unable to sign JSON Web Token\.\n {2}the first key is a public key/);
    for (const result of [broken, pub]) {
      assert.equal(result.stdout, "");
      assertClean(result.stderr);
      assert.ok(!result.stderr.includes(secret()));
    }
  });

  it("refuses a file that is not UTF-8 as data (exit 1 with ERR_INVALID_INPUT), not as a usage mistake", async () => {
    const latin1 = join(dir, "latin1.jsonnet");
    writeFileSync(latin1, Uint8Array.of(0x7b, 0x20, 0xe9, 0x20, 0x7d));
    const [claims, keys] = await Promise.all([
      encode(["--jwks", jwksPath, "--claims", latin1, "--name", "t", "--json"]),
      encode(["--jwks", latin1, "--name", "t"]),
    ]);
    assert.equal(claims.code, 1, claims.stderr);
    const body = JSON.parse(claims.stderr);
    assert.equal(body.error.code, 400);
    assert.equal(body.error.reason, `--claims ${latin1} is not UTF-8 text`);
    assert.equal(keys.code, 1, keys.stderr);
    assert.match(
      keys.stderr,
      /^error: --jwks \S+latin1\.jsonnet is not UTF-8 text\n {2}Ory reads .*\n {2}\(status 400, ERR_INVALID_INPUT\)\n$/,
    );
  });

  it("exits 2 for usage mistakes", async () => {
    const cases = await Promise.all([
      encode(["--jwks", jwksPath]),
      encode(["--jwks", jwksPath, "--name", "my template"]),
      encode(["--jwks", jwksPath, "--name", "t", "--ttl", "10 minutes"]),
      encode(["--jwks", jwksPath, "--name", "t", "--format", "toml"]),
      encode(["--jwks", jwksPath, "--name", "t", "--subject-source", "email"]),
      encode(["--jwks", jwksPath, "--name", "t", "--format", "yaml", "--project", "p"]),
      encode(["--name", "t"]),
    ]);
    for (const result of cases) {
      assert.equal(result.code, 2, `${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /^error: .+\nRun `ory-tokenizer encode --help` for usage\.\n$/);
    }
    assert.match(cases[1]!.stderr, /--name: Cannot use the template name "my template": it may only contain letters/);
  });

  it("has --help with complete examples of both directions", async () => {
    const result = await encode(["--help"]);
    assert.equal(result.code, 0);
    assert.match(
      result.stdout,
      /ory-tokenizer encode --jwks es256\.jwks\.json --claims claims\.jsonnet --name jwt_example_template1/,
    );
    assert.match(result.stdout, /ory-tokenizer encode --decode identity-config\.yaml --name jwt_example_template1/);
  });
});

describe("ory-tokenizer encode --decode", () => {
  let files: Record<string, string>;

  before(async () => {
    files = {};
    for (const format of ["ory-patch", "yaml", "json", "json-patch"]) {
      const result = await encode([...ENCODE(), "--format", format]);
      assert.equal(result.code, 0, result.stderr);
      files[format] = join(dir, `config.${format}`);
      writeFileSync(files[format], result.stdout);
    }
  });

  it("shows every format's template with the public half of the key set only", async () => {
    const results = await Promise.all(Object.values(files).map((path) => encode(["--decode", path])));
    for (const result of results) {
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^template "jwt_example_template1"\n {2}ttl: 15m\n {2}subject_source: external_id\n/);
      assert.match(result.stdout, /key 1 \(signs\): kid "[0-9a-f-]{36}", ES384, EC P-384, use sig, private\n/);
      assert.match(result.stdout, /key set \(public half; --show-private shows the private members\):/);
      assert.match(result.stdout, /claims_mapper_url: base64, \d+ characters: \d+ bytes, 3 lines, CRLF line ends\n/);
      assert.ok(result.stdout.includes("    | { claims: { hi: 'Zoë 👋 $HOME `x`', id: s.id } }\n"));
      assert.ok(!result.stdout.includes(secret()), "no private key without --show-private");
      assert.ok(!result.stdout.includes('"d"'));
    }
  });

  it("shows the private key with --show-private, and exact sources with --format json", async () => {
    const result = await encode(["--decode", files["yaml"]!, "--show-private", "--format", "json"]);
    assert.equal(result.code, 0, result.stderr);
    const shown = JSON.parse(result.stdout).jwt_example_template1;
    assert.deepEqual(shown.jwks, jwks);
    assert.equal(shown.claims_mapper, MAPPER);
    assert.deepEqual(shown.problems, []);
  });

  it("reads file:// sources and a lone base64:// value", async () => {
    const config = join(dir, "kratos.yml");
    writeFileSync(
      config,
      `session:\n  whoami:\n    tokenizer:\n      templates:\n        local:\n          jwks_url: file://${jwksPath}\n`,
    );
    const [fromFile, value, mapper] = await Promise.all([
      encode(["--decode", config, "--format", "json"]),
      encode(["--decode", expectedTemplate().jwks_url]),
      encode(["--decode", expectedTemplate().claims_mapper_url!]),
    ]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const local = JSON.parse(fromFile.stdout).local;
    assert.equal(local.jwks.keys[0].d, undefined);
    assert.equal(local.jwks.keys[0].x, jwks.keys[0]!.x);
    assert.match(value.stdout, /^template "value"\n {2}jwks_url: base64, \d+ characters: 1 key\n/);
    assert.ok(!value.stdout.includes(secret()));
    assert.match(mapper.stdout, /^template "value"\n {2}claims_mapper_url: base64/);
  });

  it("warns when Ory could not sign with a deployed template, and hides an HMAC secret", async () => {
    const hs = await generateJwks({ alg: "HS256" });
    const config = join(dir, "hs.json");
    writeFileSync(
      config,
      JSON.stringify({
        jwks_url: `base64://${
          btoa(JSON.stringify({ keys: [{ kty: "EC", crv: "P-256", alg: "ES256", x: "AA", y: "AA" }, ...hs.keys] }))
        }`,
      }),
    );
    const result = await encode(["--decode", config]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /\n {2}warning: Ory cannot sign with this template: Unable to (decode the given private key|sign JSON Web Token)\./,
    );
    assert.ok(!result.stdout.includes(hs.keys[0]!.k!));
    assert.match(result.stdout, /"k": "\[hidden: an HMAC secret; --show-private shows it\]"/);
  });

  it("fails with Ory's error for a value Ory could not decode (exit 1)", async () => {
    const result = await encode(["--decode", "base64://eyJrZXlzIjpbXX0"]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error: base64decode: base64:\/\/\[redacted\]: illegal base64 data at input byte 12\n/,
    );
  });

  it("exits 2 for a template name that is not there", async () => {
    const result = await encode(["--decode", files["json"]!, "--name", "nope"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: No template "nope" in .+ \(it has jwt_example_template1\)\n/);
  });
});
