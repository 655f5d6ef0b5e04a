// The whole per-token path in one hop: with the sandbox, the worker evaluates the mapper, checks and
// merges the claims, writes Go's JSON and signs, so a token is one message each way; the key travels to
// each worker once and never into the engine. The token is byte for byte the one the caller's thread
// makes (EdDSA signs deterministically), and Ory's errors after the evaluation are the same.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  encodeTemplate,
  generateJwks,
  type JsonnetEvaluator,
  type JwkSet,
  sampleSession,
  Tokenizer,
  TokenizerError,
} from "../lib/mod.ts";
import { createJsonnetEngine, createSandboxedJsonnet, type JsonnetSandbox } from "../lib/entries/jsonnet.ts";
import { detectWorkerSpawner } from "../lib/runtime/spawn_worker.ts";
import { assertWorkersStart } from "./_built_worker.ts";
import { NO_WORKER_THREADS } from "./_capabilities.ts";

await assertWorkersStart();

const MAPPER = "local s = std.extVar('session'); { claims: { email: s.identity.traits.email, n: [1, 2.5] } }";
const PINNED = {
  now: () => new Date("2026-12-07T10:00:00Z"),
  randomUUID: () => "7c3f2f0e-4a7b-4c55-9d43-1b1e1c0f1a2b",
};

/** A sandbox whose messages to its workers are recorded. */
async function recordingSandbox(): Promise<{ sandbox: JsonnetSandbox; sent: Record<string, unknown>[] }> {
  const real = (await detectWorkerSpawner()).spawn!;
  const sent: Record<string, unknown>[] = [];
  const sandbox = createSandboxedJsonnet({
    inThreadFallback: "refuse",
    spawn: (events) => {
      const worker = real(events);
      return {
        postMessage: (message) => {
          sent.push(message as Record<string, unknown>);
          worker.postMessage(message);
        },
        terminate: () => worker.terminate(),
      };
    },
  });
  await sandbox.start();
  sent.length = 0;
  return { sandbox, sent };
}

function tokenizer(jwks: JwkSet, jsonnet: JsonnetEvaluator, claimsMapper = MAPPER): Tokenizer {
  return new Tokenizer({
    templates: { t: encodeTemplate({ jwks, claimsMapper }) },
    issuer: "https://auth.example.com/",
    jsonnet,
    ...PINNED,
  });
}

describe("Tokenizer with the sandbox: one hop per token", { skip: NO_WORKER_THREADS }, () => {
  it("posts one message per token, carrying the key to a worker the first time only", async () => {
    const jwks = await generateJwks({ alg: "EdDSA" });
    const { sandbox, sent } = await recordingSandbox();
    try {
      const tokens = tokenizer(jwks, sandbox);
      for (let i = 0; i < 3; i++) await tokens.tokenize(sampleSession(), "t");
      assert.equal(sent.length, 3);
      const keys = sent.map((message) => (message["step"] as { key: { id: string; jwk?: unknown } }).key);
      assert.deepEqual(keys.map((key) => key.jwk !== undefined), [true, false, false]);
      assert.equal(new Set(keys.map((key) => key.id)).size, 1);
      // The key never enters the engine: it is no part of what the mapper is evaluated with.
      const extCode = JSON.stringify(sent.map((message) => message["extCode"]));
      assert.ok(!extCode.includes((jwks.keys[0] as { d: string }).d));
    } finally {
      sandbox.close();
    }
  });

  it("keeps a key that came with a job whose mapper failed: the next job, sent without it, signs", async () => {
    const jwks = await generateJwks({ alg: "ES256" });
    const { sandbox, sent } = await recordingSandbox();
    try {
      // One key set for both templates: one cached key, one id.
      const tokens = new Tokenizer({
        templates: {
          broken: encodeTemplate({ jwks, claimsMapper: "{ claims: error 'no' }" }),
          good: encodeTemplate({ jwks, claimsMapper: MAPPER }),
        },
        jsonnet: sandbox,
      });
      await assert.rejects(tokens.tokenize(sampleSession(), "broken"), { code: "ERR_JSONNET" });
      const { claims } = await tokens.tokenize(sampleSession(), "good");
      assert.equal(claims["email"], (sampleSession().identity.traits as { email: string }).email);
      const keys = sent.map((message) => (message["step"] as { key: { jwk?: unknown } }).key);
      assert.deepEqual(keys.map((key) => key.jwk !== undefined), [true, false]);
    } finally {
      sandbox.close();
    }
  });

  it("posts a token's default claims once, in its step, and the mapper still reads them as ext code", async () => {
    const jwks = await generateJwks({ alg: "EdDSA" });
    const { sandbox, sent } = await recordingSandbox();
    const readsClaims = "local c = std.extVar('claims'); { claims: { seen: c, sid_again: c.sid } }";
    try {
      const hop = await tokenizer(jwks, sandbox, readsClaims).tokenize(sampleSession(), "t");
      const here = await tokenizer(jwks, createJsonnetEngine(), readsClaims).tokenize(sampleSession(), "t");
      assert.equal(sent.length, 1);
      const message = JSON.stringify(sent[0]);
      // The jti is in the defaults only: once in the message means the defaults went once.
      assert.equal(message.split(PINNED.randomUUID()).length - 1, 1, message);
      assert.equal((sent[0]!["extCode"] as Record<string, string>)["claims"], undefined);
      assert.equal(hop.token, here.token);
      assert.equal((hop.claims["seen"] as { jti: string }).jti, PINNED.randomUUID());
      assert.equal(hop.claims["sid_again"], sampleSession().id);
    } finally {
      sandbox.close();
    }
  });

  it("makes the very token the caller's own thread makes, claims in the token's order", async () => {
    const jwks = await generateJwks({ alg: "EdDSA" });
    const { sandbox } = await recordingSandbox();
    try {
      const hop = await tokenizer(jwks, sandbox).tokenize(sampleSession(), "t");
      const here = await tokenizer(jwks, createJsonnetEngine()).tokenize(sampleSession(), "t");
      assert.equal(hop.token, here.token);
      assert.deepEqual(hop.header, here.header);
      assert.deepEqual(Object.entries(hop.claims), Object.entries(here.claims));
      assert.equal(hop.claims["email"], (sampleSession().identity.traits as { email: string }).email);
    } finally {
      sandbox.close();
    }
  });

  it("sends the key again to a worker that replaced one stopped by a runaway mapper", async () => {
    const jwks = await generateJwks({ alg: "ES256" });
    const { sandbox, sent } = await recordingSandbox();
    try {
      const tokens = new Tokenizer({
        templates: {
          t: encodeTemplate({ jwks, claimsMapper: MAPPER }),
          loop: encodeTemplate({ jwks, claimsMapper: "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); f(40)" }),
        },
        jsonnet: sandbox,
      });
      await tokens.tokenize(sampleSession(), "t");
      await assert.rejects(tokens.tokenize(sampleSession(), "loop"), (error: TokenizerError) => {
        assert.equal(error.code, "ERR_JSONNET");
        return true;
      });
      const { claims } = await tokens.tokenize(sampleSession(), "t");
      assert.equal(claims["email"], (sampleSession().identity.traits as { email: string }).email);
      const withKey = sent.filter((m) => m["type"] === "evaluate").map((m) =>
        (m["step"] as { key: { jwk?: unknown } }).key.jwk !== undefined
      );
      assert.deepEqual(withKey, [true, false, true]);
    } finally {
      sandbox.close();
    }
  });

  it("answers Ory's errors after the evaluation as the caller's thread does", async () => {
    const jwks = await generateJwks({ alg: "ES256" });
    // An ES256 key claiming to be an RSA one: Kratos decodes it only after the mapper ran.
    const mislabelled: JwkSet = { keys: [{ ...jwks.keys[0]!, alg: "RS256" }] };
    const cases: [string, JwkSet, string, TokenizerError["code"]][] = [
      ["no claims object", jwks, "{ claim: {} }", "ERR_CLAIMS_NOT_OBJECT"],
      ["a key its alg cannot sign with", mislabelled, MAPPER, "ERR_SIGN"],
    ];
    const { sandbox } = await recordingSandbox();
    try {
      for (const [what, set, mapper, code] of cases) {
        const outcomes = await Promise.all(
          [sandbox, createJsonnetEngine()].map((jsonnet) =>
            tokenizer(set, jsonnet, mapper).tokenize(sampleSession(), "t").then(
              () => assert.fail(`${what}: no error`),
              (error: TokenizerError) => [error.constructor, error.code, error.status, error.reason, error.detail],
            )
          ),
        );
        assert.deepEqual(outcomes[0], outcomes[1], what);
        assert.equal(outcomes[0]![0], TokenizerError, what);
        assert.equal(outcomes[0]![1], code, what);
      }
    } finally {
      sandbox.close();
    }
  });
});
