// Property-based and fuzz tests of every parser and boundary: each outcome is a success or a typed
// TokenizerError (or, for tokens, TokenError) with a stable code, never an uncaught exception, a hang or a leaked secret.
// Seeded and reproducible: FUZZ_SEED (default 20261126) and FUZZ_RUNS (cases per property; `npm test`
// uses the default, `npm run fuzz` many more). A failure prints the seed and path to replay it.
import assert from "node:assert/strict";
import process from "node:process";
import { describe, it } from "node:test";
import fc from "fast-check";
import { inspect } from "node:util";
import {
  encodeTemplate,
  goJsonStringify,
  type JsonValue,
  type JwkSet,
  parseDuration,
  parseJwks,
  publicJwks,
  sampleSession,
  type Session,
  TokenError,
  type TokenErrorCode,
  TokenizerError,
  type TokenizerErrorCode,
  type TokenizerTemplate,
  tokenizeSession,
} from "../lib/mod.ts";
import { Base64InputError, decodeBase64Go, encodeBase64 } from "../lib/encoding/base64.ts";
import { fetchSource } from "../lib/sources/fetch_source.ts";
import { findConfigTemplates } from "../lib/config/find_config_templates.ts";
import { parseConfigYaml } from "../lib/cli/parse_config_yaml.ts";
import { decodeToken, Tokenizer, verifyToken } from "../lib/mod.ts";
import { runCli } from "./_cli.ts";
import { RFC_PRIVATE_MEMBERS } from "./_helpers.ts";
import { tempDir } from "./_temp_files.ts";
import {
  cliArgs,
  configDocumentText,
  configText,
  durationText,
  EC_KEY,
  jwk,
  jwksText,
  mapperText,
  mistypedSourceText,
  OCT_KEY,
  secretPieces,
  sessionValue,
  sourceText,
  tokenText,
} from "./fuzz/arbitraries.ts";

const seed = Number(process.env["FUZZ_SEED"] ?? 20261126);
/** The folder the fuzzed CLI runs in: whatever it writes there is removed afterwards. */
const cliCwd = tempDir("fuzz");
const numRuns = Number(process.env["FUZZ_RUNS"] ?? 200);
const settings = { seed, numRuns };

/** Every message a failure shows, for the secret scan. */
const seen: string[] = [];

function expectTyped(error: unknown, allowed?: readonly (TokenizerErrorCode | TokenErrorCode)[]): void {
  if (!(error instanceof TokenizerError) && !(error instanceof TokenError)) {
    throw new Error(`untyped failure: ${String(error)}`, { cause: error });
  }
  if (allowed !== undefined) assert.ok(allowed.includes(error.code), `unexpected code ${error.code}`);
  const body = error instanceof TokenizerError ? error.toOryBody() : error.toJSON();
  // Everything a user may print: the error itself, its cause chain and util.inspect of both.
  seen.push(error.message, error.detail ?? "", JSON.stringify(body), inspect(error, { depth: 8 }));
  for (let cause = error.cause; cause !== undefined; cause = (cause as { cause?: unknown }).cause) {
    seen.push(cause instanceof Error ? `${cause.message}\n${inspect(cause)}` : String(cause));
    if (!(cause instanceof Error)) break;
  }
}

const options = { readFile: (path: string) => Promise.reject(new Error(`open ${path}: no such file or directory`)) };

describe("fuzz: parsers and boundaries", () => {
  it("parseJwks() returns a set or fails with ERR_JWKS_PARSE", () => {
    fc.assert(
      fc.property(jwksText, (text) => {
        try {
          const set = parseJwks(text);
          assert.ok(Array.isArray(set.keys));
        } catch (error) {
          expectTyped(error, ["ERR_JWKS_PARSE"]);
        }
      }),
      settings,
    );
  });

  it("tokenizeSession() with any key set signs or fails with Ory's key-set codes", async () => {
    await fc.assert(
      fc.asyncProperty(jwksText, async (text) => {
        try {
          const { token } = await tokenizeSession(sampleSession(), encodeTemplate({ jwks: text }), options);
          assert.equal(token.split(".").length, 3);
        } catch (error) {
          expectTyped(error, ["ERR_JWKS_PARSE", "ERR_JWKS_EMPTY", "ERR_JWK_ALG", "ERR_KEY_DECODE", "ERR_SIGN"]);
        }
      }),
      { ...settings, numRuns: Math.ceil(numRuns / 2) },
    );
  });

  it("parseDuration() agrees with a reference for valid input and fails with ERR_DURATION otherwise", () => {
    const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
    fc.assert(
      fc.property(durationText, (text) => {
        let value: number;
        try {
          value = parseDuration(text);
        } catch (error) {
          expectTyped(error, ["ERR_DURATION"]);
          assert.match((error as TokenizerError).reason, /^time: /);
          return;
        }
        assert.ok(Number.isFinite(value));
        if (/^(\d+(ns|us|µs|ms|s|m|h))+$/.test(text)) {
          const expected = [...text.matchAll(/(\d+)(ns|us|µs|ms|s|m|h)/g)].reduce(
            (t, [, n, u]) => t + Number(n) * unit[u!]!,
            0,
          );
          assert.ok(Math.abs(value - expected) <= Math.max(1e-6, expected * 1e-12), `${text}: ${value} != ${expected}`);
        }
      }),
      settings,
    );
  });

  it("decodeBase64Go() round-trips standard base64 with line breaks and rejects the rest with an offset", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 3 }), (bytes, breaks) => {
        let text = encodeBase64(bytes);
        for (const at of breaks) {
          text = `${text.slice(0, at % (text.length + 1))}\r\n${text.slice(at % (text.length + 1))}`;
        }
        assert.deepEqual(decodeBase64Go(text), bytes);
      }),
      settings,
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          decodeBase64Go(text);
        } catch (error) {
          assert.ok(error instanceof Base64InputError);
          assert.ok(error.offset >= 0 && error.offset <= text.length);
        }
      }),
      settings,
    );
  });

  it("fetchSource() reads or fails with Ory's source codes", async () => {
    await fc.assert(
      fc.asyncProperty(sourceText, async (source) => {
        try {
          await fetchSource(source, ["file", "base64"], options);
        } catch (error) {
          expectTyped(error, ["ERR_SOURCE_SCHEME", "ERR_SOURCE_BASE64", "ERR_SOURCE_READ"]);
        }
      }),
      settings,
    );
  });

  it("fetchSource() of a mistyped source holding a key set fails typed and shows none of it", async () => {
    await fc.assert(
      fc.asyncProperty(mistypedSourceText, async (source) => {
        try {
          await fetchSource(source, ["file", "base64"], options);
        } catch (error) {
          expectTyped(error, ["ERR_SOURCE_SCHEME", "ERR_SOURCE_BASE64", "ERR_SOURCE_READ"]);
        }
        const template = { ...encodeTemplate({ jwks: { keys: [EC_KEY] } as JwkSet }), claims_mapper_url: source };
        await tokenizeSession(sampleSession(), template, options).then(
          () => assert.fail("a mistyped mapper source tokenized"),
          (error) => expectTyped(error),
        );
      }),
      { ...settings, numRuns: Math.min(numRuns, 100) },
    );
  });

  it("tokenizeSession() with any session and mapper issues a token or a typed error", async () => {
    const jwks = JSON.stringify({ keys: [EC_KEY] });
    await fc.assert(
      fc.asyncProperty(
        sessionValue,
        mapperText,
        fc.constantFrom<TokenizerTemplate["subject_source"]>("id", "external_id"),
        async (session, mapper, subjectSource) => {
          const template: TokenizerTemplate = {
            ...encodeTemplate({ jwks, claimsMapper: mapper }),
            subject_source: subjectSource!,
          };
          try {
            const { claims } = await tokenizeSession(session as Session, template, options);
            assert.equal(typeof claims["sub"], "string");
            assert.equal(Object.getPrototypeOf(claims), Object.prototype);
          } catch (error) {
            expectTyped(error, [
              "ERR_JSONNET",
              "ERR_CLAIMS_NOT_OBJECT",
              "ERR_SUBJECT_EXTERNAL_ID",
              "ERR_SESSION_ENCODE",
              "ERR_INVALID_INPUT",
            ]);
          }
        },
      ),
      { ...settings, numRuns: Math.ceil(numRuns / 2) },
    );
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined, "no prototype pollution");
  });

  it("goJsonStringify() writes JSON that parses back to the same value, keys sorted", () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        const text = goJsonStringify(value as JsonValue);
        assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
        assert.deepEqual(JSON.parse(text), value); // -0 included: Go writes it as -0
      }),
      settings,
    );
  });
});

describe("fuzz: tokens, configs and the command line", () => {
  const keys = { keys: [EC_KEY, OCT_KEY] } as JwkSet;
  const tokenCodes: TokenErrorCode[] = [
    "ERR_TOKEN_MALFORMED",
    "ERR_TOKEN_KID",
    "ERR_TOKEN_ALG",
    "ERR_TOKEN_SIGNATURE",
    "ERR_TOKEN_EXPIRED",
    "ERR_TOKEN_NOT_YET_VALID",
    "ERR_TOKEN_ISSUER",
    "ERR_TOKEN_AUDIENCE",
    "ERR_TOKEN_CLAIM",
  ];

  it("decodeToken() decodes what it can or fails with ERR_TOKEN_MALFORMED", () => {
    fc.assert(
      fc.property(tokenText, (token) => {
        try {
          const decoded = decodeToken(token);
          assert.ok(Array.isArray(decoded.problems));
        } catch (error) {
          expectTyped(error, ["ERR_TOKEN_MALFORMED"]);
        }
      }),
      settings,
    );
  });

  it("verifyToken() refuses every forged or mangled token with a token code, never echoing it", async () => {
    await fc.assert(
      fc.asyncProperty(tokenText, async (token) => {
        try {
          await verifyToken(token, keys);
          assert.fail("a fuzzed token verified");
        } catch (error) {
          expectTyped(error, tokenCodes);
          if (token.length > 40) {
            assert.ok(!JSON.stringify(error).includes(token) && !(error as Error).message.includes(token));
          }
        }
      }),
      settings,
    );
  });

  it("templates from any config tokenize or fail with a template, source or key code", async () => {
    await fc.assert(
      fc.asyncProperty(configText, async (text) => {
        const templates = JSON.parse(text).session.whoami.tokenizer.templates as Record<string, TokenizerTemplate>;
        const tokenizer = new Tokenizer({ ...options, templates });
        try {
          await tokenizer.tokenize(sampleSession(), Object.keys(templates)[0] ?? "");
        } catch (error) {
          expectTyped(error, [
            "ERR_TEMPLATE_NOT_FOUND",
            "ERR_TEMPLATE_INVALID",
            "ERR_SOURCE_SCHEME",
            "ERR_SOURCE_BASE64",
            "ERR_SOURCE_READ",
            "ERR_JWKS_PARSE",
            "ERR_JWKS_EMPTY",
            "ERR_JWK_ALG",
            "ERR_KEY_DECODE",
            "ERR_SIGN",
            "ERR_SUBJECT_SOURCE",
          ]);
        }
      }),
      settings,
    );
  });

  it("findConfigTemplates() finds object templates or fails with ERR_INVALID_INPUT", () => {
    fc.assert(
      fc.property(configDocumentText, (text) => {
        try {
          const templates = findConfigTemplates(text, { parse: parseConfigYaml, label: "fuzz.yml" });
          assert.ok(Object.keys(templates).length > 0);
          for (const template of Object.values(templates)) {
            assert.ok(typeof template === "object" && template !== null && !Array.isArray(template));
          }
        } catch (error) {
          expectTyped(error, ["ERR_INVALID_INPUT"]);
        }
      }),
      settings,
    );
  });

  it("the CLI exits 0, 1 or 2 on any arguments, without a stack trace", async () => {
    // Each case is a process, so fewer of them; the same seed picks the same vectors.
    for (const args of fc.sample(cliArgs, { seed, numRuns: Math.max(8, Math.ceil(numRuns / 20)) })) {
      const { code, stdout, stderr } = await runCli(args, { cwd: cliCwd });
      assert.ok([0, 1, 2].includes(code), `exit ${code} for ${JSON.stringify(args)}: ${stderr}`);
      assert.doesNotMatch(stderr, /\n\s+at /, `stack trace for ${JSON.stringify(args)}`);
      seen.push(stderr, stdout);
      if (code !== 0) assert.equal(stdout, "", `output on failure for ${JSON.stringify(args)}`);
    }
  });
});

describe("fuzz: key hygiene", () => {
  it("publicJwks() never emits a private member", () => {
    fc.assert(
      fc.property(fc.array(jwk, { maxLength: 4 }), (keys) => {
        try {
          const pub = publicJwks({ keys } as JwkSet);
          for (const key of pub.keys) for (const member of RFC_PRIVATE_MEMBERS) assert.ok(!(member in key), member);
        } catch (error) {
          expectTyped(error, ["ERR_KEY_PUBLIC"]);
        }
      }),
      settings,
    );
  });

  it("no failure seen by the fuzz suite shows key material", () => {
    assert.ok(seen.length > 0);
    const pieces = secretPieces();
    for (const message of seen) {
      for (const piece of pieces) {
        assert.ok(!message.includes(piece), `a piece of a secret in: ${message.slice(0, 200)}`);
      }
    }
  });
});
