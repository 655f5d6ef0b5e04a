// The Deno half of the guide's demo (demo/whoami_demo.ts) under Deno: Ory's client gets a token from
// an in-process emulator and lib verifies it with the emulator's public key set.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import process from "node:process";
import { it } from "node:test";
import { ROOT } from "./_cli.ts";

it("demo/whoami_demo.ts gets a token with toSession({ tokenizeAs }) and verifies it", {
  skip: !("Deno" in globalThis) && "a Deno script: run under deno test",
}, async () => {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["run", "--allow-read", "--allow-net=127.0.0.1", "--quiet", "demo/whoami_demo.ts"],
      { cwd: ROOT, timeout: 60_000 },
      (error, out, err) => error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    )
  );
  assert.match(stdout, /verified: ES256 signature by kid [0-9a-f-]{36}/);
  assert.match(stdout, /"schema_id": "default"/);
  assert.match(stdout, /"iss": "http:\/\/127\.0\.0\.1:\d+\/\/additional-component"/);
  assert.doesNotMatch(stdout, /"d":/);
});
