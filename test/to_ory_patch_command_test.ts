// toOryPatchCommand(): the command of Ory's guide, parsed back by a real shell.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { encodeTemplate, TokenizerError, type TokenizerTemplate, toOryPatchCommand } from "../lib/mod.ts";
import { fixture, STUB_MAPPER } from "./_helpers.ts";

/** Runs the command in bash with `ory` replaced by a function that prints its arguments, NUL-separated. */
function argumentsAsBashSeesThem(command: string): Promise<string[]> {
  const script = `ory() { printf '%s\\0' "$@"; }\n${command}`;
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", script], { env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent" } }, (error, stdout) => {
      if (error !== null) reject(error);
      else resolve(stdout.split("\0").slice(0, -1));
    });
  });
}

async function parsedBack(command: string): Promise<{ args: string[]; pointer: string; value: unknown }> {
  const args = await argumentsAsBashSeesThem(command);
  const add = args[args.indexOf("--add") + 1]!;
  const at = add.indexOf("=");
  return { args, pointer: add.slice(0, at), value: JSON.parse(add.slice(at + 1)) };
}

describe("toOryPatchCommand()", () => {
  it("writes the guide's command, which bash parses back into the same template", async () => {
    const template = encodeTemplate({ jwks: fixture("jwk.es256.json"), claimsMapper: STUB_MAPPER, ttl: "10m" });
    const command = toOryPatchCommand("jwt_example_template1", template, { project: "p-1", workspace: "w-2" });
    assert.match(
      command,
      /^ory patch identity-config --project p-1 --workspace w-2 \\\n {2}--add '\/session\/whoami\/tokenizer\/templates\/jwt_example_template1=\{"jwks_url":"base64:\/\/[^"]+","claims_mapper_url":"base64:\/\/[^"]+","ttl":"10m"\}' \\\n {2}--format yaml$/,
    );
    const { args, pointer, value } = await parsedBack(command);
    assert.deepEqual(args.slice(0, 6), ["patch", "identity-config", "--project", "p-1", "--workspace", "w-2"]);
    assert.deepEqual(args.slice(-2), ["--format", "yaml"]);
    assert.equal(pointer, "/session/whoami/tokenizer/templates/jwt_example_template1");
    assert.deepEqual(value, template);
  });

  it("leaves out --project and --workspace when none are given (the Ory CLI's current ones apply)", async () => {
    const command = toOryPatchCommand("a", { jwks_url: "base64://e30=" });
    const { args } = await parsedBack(command);
    assert.deepEqual(args, [
      "patch",
      "identity-config",
      "--add",
      '/session/whoami/tokenizer/templates/a={"jwks_url":"base64://e30="}',
      "--format",
      "yaml",
    ]);
  });

  it("keeps shell metacharacters literal in values and flags", async () => {
    const nasty = `it's $HOME \`id\` $(id) !! "q" \\ ; | & > * ? ~ # \n\t ${"'"}${"'"}`;
    const template = {
      jwks_url: `file://${nasty}/jwks.json`,
      claims_mapper_url: `https://example.test/${nasty}`,
      ttl: "1h30m",
      subject_source: "external_id",
    } as TokenizerTemplate;
    const project = `my project's "id" $X`;
    const { args, value } = await parsedBack(toOryPatchCommand("x.y-z_1", template, { project, workspace: "ws" }));
    assert.equal(args[3], project);
    assert.deepEqual(value, template);
  });

  it("puts the members in the guide's order", () => {
    const template = {
      ttl: "1m",
      subject_source: "id",
      claims_mapper_url: "base64://",
      jwks_url: "base64://e30=",
    } as TokenizerTemplate;
    const command = toOryPatchCommand("t", template);
    assert.ok(
      command.includes(
        '={"jwks_url":"base64://e30=","claims_mapper_url":"base64://","ttl":"1m","subject_source":"id"}',
      ),
    );
  });

  for (const name of ["", "my template", "a/b", "x?y", "ü", "a'b"]) {
    it(`refuses the template name ${JSON.stringify(name)} with ERR_TEMPLATE_NAME`, () => {
      assert.throws(() => toOryPatchCommand(name, { jwks_url: "base64://e30=" }), (error: unknown) => {
        assert.ok(error instanceof TokenizerError);
        assert.equal(error.code, "ERR_TEMPLATE_NAME");
        assert.equal(error.status, 400);
        assert.match(error.detail ?? "", /\[a-zA-Z0-9-_\.\]\+/);
        return true;
      });
    });
  }

  it("refuses a template without jwks_url with a TypeError", () => {
    assert.throws(() => toOryPatchCommand("t", {} as TokenizerTemplate), TypeError);
  });
});
