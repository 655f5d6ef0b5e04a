// The README's first quick-start command: `npm run demo` walks Ory's guide end to end and verifies.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import process from "node:process";
import { it } from "node:test";
import { ROOT } from "./_cli.ts";
import { tempDir } from "./_temp_files.ts";

// The demo keeps its working folder for the reader; under the test it lands in one removed afterwards.
// Not made under Deno: there the only test is skipped and the file's `after` hook never runs.
const tmp = "Deno" in globalThis ? "" : tempDir("demo-test");

// The demo drives bin/ory-tokenizer with Node, so Deno has nothing of its own to check here.
it(
  "npm run demo creates keys, tokenizes, decodes, verifies and prints the config",
  { skip: "Deno" in globalThis },
  async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/demo.ts"],
        { cwd: ROOT, timeout: 60_000, env: { ...process.env, TMPDIR: tmp } },
        (error, out) => error ? reject(error) : resolve(out),
      )
    );
    assert.match(stdout, /verified: ES256 signature by kid [0-9a-f-]{36}; issuer and expiry OK/);
    assert.match(stdout, /"schema_id": "default"/);
    assert.match(stdout, /ory patch identity-config/);
    assert.match(stdout, /open http:\/\/127\.0\.0\.1:4433\/demo\//, "it points at the browser demo");
    assert.match(stdout, /demo\/whoami_demo\.ts/, "and at the Deno script");
    assert.doesNotMatch(stdout, /"d":/, "no private key material in the walkthrough");
  },
);
