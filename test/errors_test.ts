// The two error families: Ory's answers written once (checked here against Ory's texts, typed out
// independently), typed payloads, and verification errors that never pass for Ory's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  encodeTemplate,
  generateJwks,
  sampleSession,
  TokenError,
  TokenizerError,
  type TokenizerErrorCode,
  tokenizeSession,
} from "../lib/mod.ts";
import { ORY_FAILURES } from "../lib/errors.ts";

/** Kratos's fixed reasons (the spec's status table), typed out again so a change to lib's table shows. */
const ORY_FIXED: [TokenizerErrorCode, number, string][] = [
  ["ERR_JWKS_PARSE", 400, "failed to parse JWK set"],
  ["ERR_JWKS_EMPTY", 400, "Could not find key a suitable key for tokenization in the JWKS url."],
  [
    "ERR_SUBJECT_EXTERNAL_ID",
    400,
    "The session's identity does not have an external ID set, but it is required for the subject claim.",
  ],
  ["ERR_JSONNET", 400, "Unable to execute tokenizer JsonNet."],
  ["ERR_CLAIMS_NOT_OBJECT", 400, "Expected tokenizer JsonNet to return a claims object but it did not."],
  ["ERR_KEY_DECODE", 400, "Unable to decode the given private key."],
  ["ERR_SIGN", 400, "Unable to sign JSON Web Token."],
];

describe("TokenizerError", () => {
  for (const [code, status, reason] of ORY_FIXED) {
    it(`${code} is Ory's ${status} "${reason}"`, () => {
      const error = new TokenizerError(code as "ERR_SIGN", { detail: "why" });
      assert.equal(error.status, status);
      assert.equal(error.reason, reason);
      assert.equal(error.message, reason);
      assert.deepEqual(error.toOryBody(), {
        error: {
          code: status,
          status: "Bad Request",
          reason,
          message: "The request was malformed or contained invalid parameters",
        },
      });
    });
  }

  it("builds templated reasons from the varying part, as Ory formats them", () => {
    assert.equal(
      new TokenizerError("ERR_TEMPLATE_NOT_FOUND", { text: "nope" }).reason,
      'Unable to find tokenizer template "nope".',
    );
    assert.equal(
      new TokenizerError("ERR_JWK_ALG", { text: "es256" }).reason,
      'The JSON Web Key must include a valid "alg" parameter but "es256" was given.',
    );
    assert.equal(new TokenizerError("ERR_SUBJECT_SOURCE", { text: "email" }).reason, 'Unknown subject source "email"');
    assert.equal(
      new TokenizerError("ERR_SESSION_ENCODE", { text: "claims" }).reason,
      "Unable to encode claims to JSON.",
    );
  });

  it("writes plain Go errors as herodot does: 500, the text as message, no reason", () => {
    const text = 'unknown scheme: in source "https://x": allowed schemes: file, base64';
    assert.deepEqual(new TokenizerError("ERR_SOURCE_SCHEME", { text }).toOryBody(), {
      error: { code: 500, status: "Internal Server Error", message: text },
    });
    assert.deepEqual(new TokenizerError("ERR_TEMPLATE_INVALID", { text: "bad" }).toOryBody(), {
      error: {
        id: "invalid_configuration",
        code: 500,
        status: "Internal Server Error",
        reason: "bad",
        message: "Invalid configuration",
      },
    });
  });

  it("has exactly one status per code, and no token codes", () => {
    for (const [code, failure] of Object.entries(ORY_FAILURES)) {
      assert.ok(failure.status === 400 || failure.status === 500, code);
      assert.ok(!code.startsWith("ERR_TOKEN_") && code !== "ERR_VERIFY_KEYS", code);
    }
    assert.throws(() => new TokenizerError("ERR_TOKEN_MALFORMED" as "ERR_SIGN"), TypeError);
  });

  it("carries the failure's range on ERR_JSONNET", async () => {
    const jwks = await generateJwks({ alg: "ES256" });
    const mapper = "local s = std.extVar('session');\n{\n  claims: { x: error 'boom' },\n}\n";
    await assert.rejects(
      tokenizeSession(sampleSession(), encodeTemplate({ jwks, claimsMapper: mapper }), {}),
      (error) => {
        assert.ok(error instanceof TokenizerError);
        assert.equal(error.code, "ERR_JSONNET");
        assert.equal(error.range?.start.line, 2);
        assert.ok(error.range.end.column > error.range.start.column);
        assert.match(error.detail ?? "", /boom/);
        return true;
      },
    );
  });
});

describe("TokenError", () => {
  it("is not an Ory error: no status, no Ory body, its own JSON", () => {
    const error = new TokenError("ERR_TOKEN_EXPIRED", "The token expired 5 s ago", { claim: "exp", detail: "why" });
    assert.ok(!(error instanceof TokenizerError));
    assert.equal("status" in error, false);
    assert.equal("toOryBody" in error, false);
    assert.equal(error.name, "TokenError");
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      code: "ERR_TOKEN_EXPIRED",
      message: "The token expired 5 s ago",
      claim: "exp",
      detail: "why",
    });
  });
});
