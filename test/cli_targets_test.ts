// `ory-tokenizer targets`, `init --target` and `--target` on tokenize, lint, test and serve, as subprocesses:
// the documented stderr lines and exit codes, the JSON shapes, usage mistakes (exit 2, did-you-mean, the
// setting named), a starter that passes its own golden test and the target's check, and no secret printed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, it } from "node:test";
import { generateJwks, TARGET_NAMES } from "../lib/mod.ts";
import { type CliResult, ROOT, runCli } from "./_cli.ts";
import { tempDir, write as writeIn } from "./_temp_files.ts";

const dir = tempDir("targets");
const write = (name: string, content: string) => writeIn(dir, name, content);

const es256 = write("es256.json", JSON.stringify(await generateJwks({ alg: "ES256" })));
/** A mapper Zendesk SSO refuses (no email, a number for name): line 5 writes name. */
const NO_EMAIL = write(
  "no_email.jsonnet",
  "local s = std.extVar('session');\n{\n  claims: {\n    external_id: s.identity.id,\n    name: 42,\n  },\n}\n",
);

/** Every secret member of the key sets a test wrote, so outputs can be searched for them. */
function secretsOf(path: string): string[] {
  const set = JSON.parse(readFileSync(path, "utf8")) as { keys: Record<string, unknown>[] };
  return set.keys.flatMap((key) =>
    ["d", "p", "q", "dp", "dq", "qi", "k"].map((name) => key[name]).filter((v): v is string => typeof v === "string")
  );
}

function assertNoSecret(result: CliResult, secrets: string[]): void {
  for (const secret of secrets) {
    assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), "a secret was printed");
  }
}

describe("ory-tokenizer targets", () => {
  it("lists every profile, the name first on each line, then algorithms, key form and requirements", async () => {
    const { code, stdout } = await runCli(["targets"]);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split("\n");
    assert.deepEqual(lines.map((line) => line.split(/\s+/)[0]), [...TARGET_NAMES]);
    assert.match(lines[0]!, /^zendesk-sso\s+HS256; key: shared secret; requires iat, jti, email, name$/);
  });

  it("prints the profiles as data with --json, one in full by name, and suggests a name for a typo", async () => {
    const json = await runCli(["targets", "--json"]);
    const profiles = JSON.parse(json.stdout) as { name: string; rules: { code: string }[] }[];
    assert.deepEqual(profiles.map((profile) => profile.name), [...TARGET_NAMES]);
    assert.ok(profiles.find((profile) => profile.name === "hasura")!.rules.some((rule) => rule.code === "zero-skew"));
    const one = await runCli(["targets", "hasura"]);
    assert.match(one.stdout, /allowed_skew\s+number, default 0/);
    const typo = await runCli(["targets", "hasur"]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /did you mean "hasura"\?/);
  });
});

describe("ory-tokenizer tokenize --target", () => {
  it("exits 1 when a target refuses, each finding on stderr as `target NAME: <what>: <message> [code]`", async () => {
    const result = await runCli(["tokenize", "--jwks", es256, "--claims", NO_EMAIL, "--target", "zendesk-sso"]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/); // the token is still printed
    const lines = result.stderr.split("\n");
    assert.ok(
      lines.includes(
        'target zendesk-sso: header alg: JWT signature invalid: Zendesk signs in with HS256 only (RS256 and ES256 are refused); the token is signed with "ES256" [alg-refused]',
      ),
      result.stderr,
    );
    assert.ok(
      lines.includes('target zendesk-sso: email: The token has no "email" claim (the user\'s email) [claim-missing]'),
    );
    assert.ok(lines.some((line) => /^target zendesk-sso: exp: warning: .* \[single-use\]$/.test(line)));
    assert.ok(lines.includes('  fix: Add "email" to the claims mapper\'s claims'));
    assert.equal(lines.at(-2), "target zendesk-sso: refused (3 errors, 1 warning)");
  });

  it("adds targets: { NAME: { accepted, findings } } to the JSON output (--json or --format json)", async () => {
    for (const flag of [["--json"], ["--format", "json"]]) {
      const result = await runCli([
        "tokenize",
        "--jwks",
        es256,
        "--claims",
        NO_EMAIL,
        "--target",
        "zendesk-sso",
        ...flag,
      ]);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, "");
      const output = JSON.parse(result.stdout) as Record<string, unknown> & {
        targets: Record<string, { accepted: boolean; findings: { code: string; about: unknown; source: string }[] }>;
      };
      assert.deepEqual(Object.keys(output), ["token", "header", "claims", "targets"]);
      assert.deepEqual(Object.keys(output.targets), ["zendesk-sso"]);
      assert.equal(output.targets["zendesk-sso"]!.accepted, false);
      const first = output.targets["zendesk-sso"]!.findings[0]!;
      assert.equal(first.code, "alg-refused");
      assert.deepEqual(first.about, { kind: "header", name: "alg" });
      assert.match(first.source, /^https:\/\/support\.zendesk\.com\//);
    }
  });

  it("types a setting by the profile: allowed_skew silences Hasura's zero-skew warning", async () => {
    const hasura = write(
      "hasura.jsonnet",
      "{ claims: { 'https://hasura.io/jwt/claims': { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user' } } }\n",
    );
    const base = ["tokenize", "--jwks", es256, "--claims", hasura, "--target", "hasura"];
    const defaults = await runCli(base);
    assert.equal(defaults.code, 0, defaults.stderr);
    assert.match(defaults.stderr, /^target hasura: iat: warning: .*\[zero-skew\]$/m);
    assert.match(defaults.stderr, /^target hasura: accepted \(1 warning\)$/m);
    const skewed = await runCli([...base, "--target-setting", "hasura.allowed_skew=30"]);
    assert.equal(skewed.code, 0);
    assert.equal(skewed.stderr, "target hasura: accepted\n");
    // lib's name for the setting works too.
    assert.equal(
      (await runCli([...base, "--target-setting", "hasura.allowedSkew=30"])).stderr,
      "target hasura: accepted\n",
    );
  });

  it("exits 2 for an unknown target (did you mean), an unknown setting, a wrong type (the setting named)", async () => {
    const base = ["tokenize", "--jwks", es256, "--claims", NO_EMAIL];
    const cases: [string[], RegExp][] = [
      [["--target", "hasur"], /--target: Unknown target "hasur"; did you mean "hasura"\?/],
      [
        ["--target", "hasura", "--target-setting", "hasura.allowed_skw=3"],
        /unknown setting "allowed_skw"; did you mean "allowed_skew"\?/,
      ],
      [
        ["--target", "hasura", "--target-setting", "hasura.allowed_skew=soon"],
        /allowed_skew must be a number, not "soon"/,
      ],
      [
        ["--target", "hasura", "--target-setting", "hasura.claims_format=xml"],
        /claims_format must be one of json, stringified_json/,
      ],
      [["--target", "hasura", "--target-setting", "vault.user_claim=sub"], /add --target vault/],
      [["--target", "hasura", "--target-setting", "allowed_skew=3"], /takes <target>\.<setting>=<value>/],
    ];
    for (const [flags, message] of cases) {
      const result = await runCli([...base, ...flags]);
      assert.equal(result.code, 2, `${flags.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, "");
    }
  });
});

describe("ory-tokenizer lint --target", () => {
  it("reports target findings beside lint's own, at the mapper's range where the claim is written", async () => {
    const text = await runCli(["lint", NO_EMAIL, "--target", "zendesk-sso"]);
    assert.equal(text.code, 1);
    const lines = text.stdout.trimEnd().split("\n");
    assert.ok(
      lines.includes(
        `${NO_EMAIL}:5:5: error: target zendesk-sso: name: "name" is a number (42); the service expects a string [claim-type]`,
      ),
      text.stdout,
    );
    assert.ok(
      lines.includes(
        `${NO_EMAIL}: error: target zendesk-sso: email: The token has no "email" claim (the user's email) [claim-missing]`,
      ),
    );
    // Without --jwks a throwaway key signed: its algorithm is not the author's, so it is not judged.
    assert.ok(!text.stdout.includes("alg-refused"));
    assert.match(text.stderr, /^target zendesk-sso: refused \(2 errors, 1 warning\)$/m);
    assert.match(text.stderr, /^note: .*give --jwks/m);

    const json = await runCli(["lint", NO_EMAIL, "--target", "zendesk-sso", "--jwks", es256, "--format", "json"]);
    const output = JSON.parse(json.stdout) as {
      diagnostics: unknown[];
      targets: Record<string, { accepted: boolean; findings: { code: string; range?: unknown }[] }>;
    };
    assert.deepEqual(output.diagnostics, []);
    const findings = output.targets["zendesk-sso"]!.findings;
    assert.ok(findings.some((finding) => finding.code === "alg-refused"));
    assert.deepEqual(
      findings.find((finding) => finding.code === "claim-type")!.range,
      { start: { line: 4, column: 4 }, end: { line: 4, column: 8 } },
    );
  });
});

describe("ory-tokenizer init --target", () => {
  for (
    const [target, settings, issuer] of [
      ["hasura", [], []],
      ["zendesk-sso", [], []],
      ["aws-http-api", [
        "--target-setting",
        "aws-http-api.Issuer=https://auth.example.com/",
        "--target-setting",
        "aws-http-api.Audience=my-api",
      ], ["--issuer", "https://auth.example.com/"]],
    ] as [string, string[], string[]][]
  ) {
    it(`writes the ${target} starter whose golden test passes and whose token the target accepts`, async () => {
      const folder = join(dir, `starter-${target}`);
      const init = await runCli(["init", "--target", target, folder]);
      assert.equal(init.code, 0, init.stderr);
      assert.match(init.stdout, /Next steps, in /);
      const secrets = secretsOf(join(folder, "jwks.json"));
      assertNoSecret(init, secrets);
      assert.equal(statSync(join(folder, "jwks.json")).mode & 0o777, 0o600);
      assert.match(readFileSync(join(folder, "claims.jsonnet"), "utf8"), /^\/\/ /);
      assert.match(readFileSync(join(folder, "kratos.yml"), "utf8"), /jwks_url: file:\/\/jwks\.json/);
      if (target === "zendesk-sso") assert.match(init.stdout, /jwk create zendesk_sso --alg HS256 --secret-file/);

      const test = await runCli(["test", folder]);
      assert.equal(test.code, 0, test.stdout);
      assert.match(test.stdout, /1 passed, 0 failed/);
      const checked = await runCli([
        "test",
        folder,
        "--target",
        target,
        "--jwks",
        join(folder, "jwks.json"),
        ...settings,
      ]);
      assert.equal(checked.code, 0, checked.stdout);

      const template = target.replace(/-/g, "_");
      const tokenize = await runCli(
        [
          "tokenize",
          "--config",
          "kratos.yml",
          "--template",
          template,
          ...issuer,
          "--target",
          target,
          ...settings,
          "--json",
        ],
        { cwd: folder },
      );
      assert.equal(tokenize.code, 0, tokenize.stdout + tokenize.stderr);
      const output = JSON.parse(tokenize.stdout) as { targets: Record<string, { accepted: boolean }> };
      assert.equal(output.targets[target]!.accepted, true);
      assertNoSecret(tokenize, secrets);

      const again = await runCli(["init", "--target", target, folder]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already exist.*--force/);
      assert.deepEqual(secretsOf(join(folder, "jwks.json")), secrets); // nothing replaced
      const forced = await runCli(["init", "--target", target, folder, "--force"]);
      assert.equal(forced.code, 0, forced.stderr);
    });
  }

  it("needs exactly one target, and suggests a name", async () => {
    assert.equal((await runCli(["init", join(dir, "none")])).code, 2);
    const typo = await runCli(["init", "--target", "zendsk-sso", join(dir, "typo")]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /did you mean "zendesk-sso"\?/);
  });
});

describe("ory-tokenizer test --target", () => {
  it("fails a case whose token a target refuses, its findings under it", async () => {
    const folder = join(dir, "golden-refused");
    assert.equal((await runCli(["init", "--target", "hasura", folder])).code, 0);
    const result = await runCli(["test", folder, "--target", "zendesk-sso"]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^FAIL +sample /m);
    assert.match(result.stdout, /target zendesk-sso refuses the token:\n +email: The token has no "email" claim/);
    assert.match(result.stdout, /0 passed, 1 failed/);
  });
});

describe("ory-tokenizer serve --target", () => {
  it("warns one line per refused token, without the token", async () => {
    const isDeno = "Deno" in globalThis;
    const [command, prefix] = isDeno
      ? [process.execPath, ["run", "--allow-all", "--quiet", `${ROOT}lib/cli/run.ts`]]
      : [process.execPath, [`${ROOT}bin/ory-tokenizer`]];
    const child = spawn(command, [...prefix, "serve", "--port", "0", "--target", "zendesk-sso"], { cwd: ROOT });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    try {
      const until = async (test: () => boolean) => {
        for (const deadline = Date.now() + 20_000; !test();) {
          if (Date.now() > deadline) throw new Error(`timed out:\n${out}\n---\n${err}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await until(() => out.includes("Ctrl-C stops the server"));
      assert.match(out, /targets: +zendesk-sso/);
      const url = /curl -H "X-Session-Token: (ory_st_\w+)" \\\n +"([^"]+)"/.exec(out)!;
      const response = await fetch(url[2]!, { headers: { "X-Session-Token": url[1]! } });
      const token = ((await response.json()) as { tokenized: string }).tokenized;
      await until(() => err.includes("warning: target"));
      // Deno's runtime may add its own notes to stderr; ours are the lines about targets.
      const warnings = err.trimEnd().split("\n").filter((line) => line.includes("target"));
      assert.equal(warnings.length, 1, err);
      assert.match(
        warnings[0]!,
        /^warning: target zendesk-sso refuses template "jwt_example_template1": header alg: .*\[alg-refused\] \(\+\d more; tokenize --target zendesk-sso lists them\)$/,
      );
      assert.ok(!err.includes(token) && !out.includes(token));
    } finally {
      child.kill("SIGINT");
      await exited;
    }
  });
});
