// The CLI's file safety and config reading: `jwk create --out` writes only regular files, atomically,
// never through a symbolic link; kratos.yml merge keys apply as in Kratos; nothing the CLI prints on a
// mistyped source or a YAML oddity holds key material.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import type { JwkSet } from "../lib/mod.ts";
import { encodeBase64 } from "../lib/encoding/base64.ts";
import { ROOT, runCli } from "./_cli.ts";
import { fixture } from "./_helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "ory-tokenizer-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const ES256 = fixture("jwk.es256.json");
const SECRET = (JSON.parse(ES256) as JwkSet).keys[0]!.d!;
const SET_B64 = encodeBase64(new TextEncoder().encode(ES256));
const posix = process.platform !== "win32";

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function assertNothingSecret(text: string): void {
  for (const piece of [SECRET, SET_B64.slice(20, 60), SET_B64.slice(100, 140)]) {
    assert.ok(!text.includes(piece), "key material in the output");
  }
}

describe("jwk create --out", () => {
  it("refuses a symbolic link at the target, with or without --force, and leaves its target alone", {
    skip: !posix,
  }, async () => {
    const victim = write("victim.txt", "do not touch\n");
    const link = join(dir, "link.json");
    symlinkSync(victim, link);
    for (const extra of [[], ["--force"]]) {
      const { code, stderr } = await runCli(["jwk", "create", "s", "--out", link, ...extra]);
      assert.equal(code, 2);
      assert.match(stderr, /is a symbolic link; refusing to write through it/);
    }
    assert.equal(readFileSync(victim, "utf8"), "do not touch\n");
    assert.equal(statSync(victim).mode & 0o777, 0o644 & ~process.umask());
    assert.ok(lstatSync(link).isSymbolicLink());
  });

  it("refuses a FIFO and a directory instead of writing into them", { skip: !posix }, async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const sub = join(dir, "sub");
    mkdirSync(sub);
    const intoFifo = await runCli(["jwk", "create", "s", "--out", fifo, "--force"]);
    assert.equal(intoFifo.code, 2);
    assert.match(intoFifo.stderr, /is not a regular file \(a FIFO, socket or device\)/);
    const intoDir = await runCli(["jwk", "create", "s", "--out", sub, "--force"]);
    assert.equal(intoDir.code, 2);
    assert.match(intoDir.stderr, /is a directory, not a file/);
  });

  it("replaces a regular file atomically with --force: mode 0600, no temporary file left", async () => {
    const out = write("keys.json", "old\n");
    const { code } = await runCli(["jwk", "create", "s", "--out", out, "--force"]);
    assert.equal(code, 0);
    assert.equal((JSON.parse(readFileSync(out, "utf8")) as JwkSet).set, "s");
    if (posix) assert.equal(statSync(out).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith(".tmp")), []);
  });
});

describe("endless inputs", () => {
  // /dev/zero stands for any input that never ends: a device, an endless pipe, a file that keeps growing.
  const endless = { skip: !(posix && existsSync("/dev/zero")) && "no /dev/zero here" };

  it("a session, a key set or a config that never ends is refused once past the input bound", endless, async () => {
    for (
      const args of [
        ["tokenize", "--jwks", write("keys.json", ES256), "--session", "/dev/zero"],
        ["jwk", "public", "/dev/zero"],
        ["tokenize", "--session", "-", "--config", "/dev/zero", "--template", "t"],
      ]
    ) {
      const { code, stderr } = await runCli(args);
      assert.equal(code, 1, args.join(" "));
      assert.match(stderr, /read \/dev\/zero: the file is larger than 67108864 bytes/, args.join(" "));
    }
  });

  it("a key set to encode that never ends is refused at the input bound", endless, async () => {
    const { code, stderr } = await runCli(["encode", "--jwks", "/dev/zero", "--name", "t"]);
    assert.equal(code, 1);
    assert.match(stderr, /larger than \d+ bytes/);
  });
});

describe("a reader that stops early", () => {
  it("closing the output pipe (`| head`) ends the CLI quietly, not with an EPIPE crash", { skip: !posix }, async () => {
    // Megabytes of output: far more than a pipe holds, so writes go on after the reader has gone.
    const key = (JSON.parse(ES256) as JwkSet).keys[0]!;
    const keys = Array.from({ length: 8000 }, (_, i) => ({ ...key, kid: `k${i}` }));
    const big = write("many-keys.json", JSON.stringify({ keys }));
    const [command, prefix] = "Deno" in globalThis
      ? [process.execPath, ["run", "--allow-all", "--quiet", join(ROOT, "lib/cli/run.ts")]]
      : [process.execPath, [join(ROOT, "bin/ory-tokenizer")]];
    const child = spawn(command, [...prefix, "encode", "--jwks", big, "--name", "t", "--format", "json"]);
    let stderr = "";
    child.stderr.on("data", (chunk) => stderr += chunk);
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });
});

describe("kratos.yml reading", () => {
  const jwks = write("jwks.json", ES256);

  it("applies YAML merge keys, as Kratos's YAML library does", async () => {
    const config = write(
      "merge.yml",
      `base: &base\n  jwks_url: file://${jwks}\n  ttl: 1h\nsession:\n  whoami:\n    tokenizer:\n      templates:\n        merged:\n          <<: *base\n          ttl: 2h\n`,
    );
    const { code, stdout, stderr } = await runCli([
      "tokenize",
      "--config",
      config,
      "--template",
      "merged",
      "--format",
      "json",
    ]);
    assert.equal(code, 0, stderr);
    const { claims } = JSON.parse(stdout);
    assert.equal(claims.exp - claims.iat, 7200, "the template's own ttl wins over the merged one");
  });

  it("prints no YAML warning or code frame for an unknown tag", async () => {
    const config = write(
      "tag.yml",
      `session:\n  whoami:\n    tokenizer:\n      templates:\n        t:\n          jwks_url: !secret base64://${SET_B64}\n`,
    );
    const { code, stderr } = await runCli(["tokenize", "--config", config, "--template", "t", "--format", "json"]);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, "");
  });

  it("a YAML syntax error says where, without a code frame of the line", async () => {
    const config = write("broken.yml", `session:\n  whoami: {\n    jwks_url: base64://${SET_B64}\n`);
    const { code, stderr } = await runCli(["tokenize", "--config", config, "--template", "t"]);
    assert.equal(code, 1);
    assert.match(stderr, /at line \d+, column \d+/);
    assertNothingSecret(stderr);
  });

  it("a JSON config syntax error quotes nothing of the file", {
    skip: "Bun" in globalThis && "Bun's JSON.parse errors carry no position for lib/cli/load_config.ts to report",
  }, async () => {
    const config = write("broken.json", `{"session": {"jwks_url": "base64://${SET_B64}" x}}`);
    const { code, stderr } = await runCli(["tokenize", "--config", config, "--template", "t"]);
    assert.equal(code, 1);
    assert.match(stderr, /not valid JSON at byte \d+/);
    assertNothingSecret(stderr);
  });

  it("a config without templates, or one that does not parse, exits 1 in tokenize, serve and encode alike", async () => {
    // What a file holds is data (exit 1, Ory's 400); exit 2 is for a wrong command line.
    const empty = write("no-templates.yml", "serve: {}\n");
    const broken = write("unparsable.yml", "session: [whoami\n");
    for (const config of [empty, broken]) {
      for (
        const args of [
          ["tokenize", "--config", config, "--template", "t"],
          ["serve", "--port", "0", "--config", config],
          ["encode", "--decode", config],
        ]
      ) {
        const { code, stderr } = await runCli(args);
        assert.equal(code, 1, `${args.join(" ")}\n${stderr}`);
        assert.match(stderr, /^error: Cannot (find tokenizer templates in|parse) /, args.join(" "));
        assert.match(stderr, /\(status 400, ERR_INVALID_INPUT\)/, args.join(" "));
        assert.doesNotMatch(stderr, /--help/, args.join(" "));
      }
    }
  });

  it("a mistyped scheme prints nothing of the set, plain or --json", async () => {
    const config = write(
      "scheme.yml",
      `session:\n  whoami:\n    tokenizer:\n      templates:\n        t:\n          jwks_url: "Base64://${SET_B64}"\n`,
    );
    for (const extra of [[], ["--json"]]) {
      const { code, stderr } = await runCli(["tokenize", "--config", config, "--template", "t", ...extra]);
      assert.equal(code, 1);
      assert.match(stderr, /Base64:\[redacted\]/);
      assertNothingSecret(stderr);
    }
  });
});
