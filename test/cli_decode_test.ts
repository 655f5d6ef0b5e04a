// `ory-tokenizer decode` as a subprocess.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleSession } from "../lib/mod.ts";
import { runSourceCli } from "./_cli.ts";
import { assertClean, fixture, KRATOS_ISSUER, oryToken as oryTokenOf } from "./_helpers.ts";

const oryToken = () => oryTokenOf(fixture("jwk.es256.json"));

describe("ory-tokenizer decode", () => {
  it("prints the decoded token as JSON (exit 0)", async () => {
    const result = await runSourceCli(["decode", await oryToken(), "--now", "2023-02-01T00:01:00Z"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const decoded = JSON.parse(result.stdout);
    assert.equal(decoded.header.kid, "247f1420-e581-4023-88e0-07ee662f80da");
    assert.equal(decoded.claims.sid, sampleSession().id);
    assert.equal(decoded.times.exp.relative, "in 9 min");
    assert.equal(decoded.lifetime, "10 min");
    assert.deepEqual(decoded.signature, { bytes: 64, expectedBytes: 64 });
  });

  it("decodes a cut-off token from stdin and warns about what is missing", async () => {
    const [h, p] = (await oryToken()).split(".");
    const result = await runSourceCli(["decode", "-"], `${h}.${p}\n`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).claims.iss, KRATOS_ISSUER);
    assert.equal(
      result.stderr,
      "warning: there is no signature segment: the token was cut off after the payload, or its last dot is missing\n",
    );
  });

  it("fails cleanly when nothing can be decoded (exit 1)", async () => {
    const result = await runSourceCli(["decode", "not-a-token"]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^error: Cannot decode the token: .+\n(.+\n)?\s+\(ERR_TOKEN_MALFORMED\)\n$/,
    );
    assertClean(result.stderr);
  });

  it("exits 2 without a token, and has --help", async () => {
    const [missing, help] = await Promise.all([runSourceCli(["decode"]), runSourceCli(["decode", "--help"])]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^error: Missing the token/);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /NOTHING IS VERIFIED/);
  });
});
