// checkGoldenCase and goldenCases over an in-memory readFile: the layout the CLI and the extension share.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkGoldenCase, type GoldenCaseOptions, goldenCases, runGoldenCases } from "../lib/entries/golden.ts";
import { generateJwks, sampleSession, TokenizerError } from "../lib/mod.ts";

const MAPPER = "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }";

async function options(
  files: Record<string, string>,
): Promise<GoldenCaseOptions> {
  const jwks = await generateJwks({ alg: "ES256" });
  return {
    mapper: "/w/claims.jsonnet",
    testsDir: "/w/tests",
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) {
        return Promise.reject(
          new Error(`open ${path}: no such file or directory`),
        );
      }
      return Promise.resolve(text);
    },
    jwksUrl: `base64://${btoa(JSON.stringify(jwks))}`,
    ttl: "10m",
  };
}

const SESSION = JSON.stringify(sampleSession());

describe("goldenCases()", () => {
  it("groups a tests folder's files by case and role, ignoring others", () => {
    assert.deepEqual(
      goldenCases([
        "b.claims.json",
        "a.session.json",
        "README.md",
        "b.session.json",
        "a.error.json",
      ], (f) => `t/${f}`),
      [
        { name: "a", error: "t/a.error.json", session: "t/a.session.json" },
        { name: "b", claims: "t/b.claims.json", session: "t/b.session.json" },
      ],
    );
  });
});

describe("checkGoldenCase()", () => {
  it("passes when the claims match and shows a diff when they do not", async () => {
    const files: Record<string, string> = {
      "/w/claims.jsonnet": MAPPER,
      "/w/tests/a.session.json": SESSION,
    };
    const unrecorded = await checkGoldenCase({
      name: "a",
      session: "/w/tests/a.session.json",
    }, await options(files));
    assert.deepEqual(unrecorded.problems, [
      "no expected file: run with --update to record /w/tests/a.claims.json",
    ]);
    const expected = unrecorded.claims!;
    files["/w/tests/a.claims.json"] = JSON.stringify(expected);
    const entry = {
      name: "a",
      session: "/w/tests/a.session.json",
      claims: "/w/tests/a.claims.json",
    };
    const passed = await checkGoldenCase(entry, await options(files));
    assert.deepEqual(passed.problems, []);
    assert.equal(passed.claims?.["email"], "alice@example.com");

    files["/w/tests/a.claims.json"] = JSON.stringify({
      ...expected,
      email: "bob@example.com",
    });
    const failed = await checkGoldenCase(entry, await options(files));
    assert.equal(failed.recordable, true);
    assert.ok(
      failed.problems.some((line) => line.includes('"bob@example.com"')),
      failed.problems.join("\n"),
    );
  });

  it("names the file of a broken session and does not offer to record over it", async () => {
    const files = {
      "/w/claims.jsonnet": MAPPER,
      "/w/tests/a.session.json": "{",
    };
    const check = await checkGoldenCase({
      name: "a",
      session: "/w/tests/a.session.json",
    }, await options(files));
    assert.equal(check.recordable, false);
    assert.match(
      check.problems[0]!,
      /^\/w\/tests\/a\.session\.json is not JSON/,
    );
    assert.equal(check.file, "/w/tests/a.claims.json");
  });

  it("compares an expected error with Ory's", async () => {
    const files = {
      "/w/claims.jsonnet": "{ claims: error 'boom' }",
      "/w/tests/a.session.json": SESSION,
      "/w/tests/a.error.json": JSON.stringify({
        error: { code: 400, reason: "Unable to execute tokenizer JsonNet." },
      }),
    };
    const entry = {
      name: "a",
      session: "/w/tests/a.session.json",
      error: "/w/tests/a.error.json",
    };
    const check = await checkGoldenCase(entry, await options(files));
    assert.deepEqual(check.problems, []);
    assert.equal(check.failure?.code, "ERR_JSONNET");
  });
});

/** Case files a user may get wrong: each is refused with ERR_INVALID_INPUT naming the file. */
const BAD_FILES: {
  name: string;
  file: "template" | "claims" | "error";
  text: string;
  message: string;
  detail: RegExp;
  syntax?: true;
}[] = [
  {
    name: "a template that is not JSON",
    file: "template",
    text: "{ttl: 1m}",
    message: 'Cannot use the template of golden case "a": it is not JSON',
    detail: /^\/w\/tests\/a\.template\.json: \S/,
    syntax: true,
  },
  {
    name: "a template that is not an object",
    file: "template",
    text: '["ttl", "1m"]',
    message: 'Cannot use the template of golden case "a": it must hold an object',
    detail: /^\/w\/tests\/a\.template\.json holds an array; .*\{"ttl": "1m"\}$/,
  },
  {
    name: "a template with an unknown key",
    file: "template",
    text: '{"tll": "1m"}',
    message: 'Cannot use the template of golden case "a": it has an unknown key "tll"',
    detail: /^\/w\/tests\/a\.template\.json: the known keys are ttl, subject_source, /,
  },
  {
    name: "a template with a setting that is not a string",
    file: "template",
    text: '{"ttl": 60}',
    message: 'Cannot use the template of golden case "a": "ttl" must be a string',
    detail: /^\/w\/tests\/a\.template\.json: "ttl" is a number; /,
  },
  {
    name: "a template whose clock is not a time",
    file: "template",
    text: '{"now": "yesterday"}',
    message: 'Cannot use the template of golden case "a": "now" must be an RFC 3339 time',
    detail: /^\/w\/tests\/a\.template\.json: "now" is "yesterday"; write a time such as "2023-02-01T00:00:00Z"$/,
  },
  {
    name: "expected claims that are not JSON",
    file: "claims",
    text: "{",
    message: 'Cannot use the expected claims of golden case "a": it is not JSON',
    detail: /^\/w\/tests\/a\.claims\.json: \S/,
    syntax: true,
  },
  {
    name: "an expected error that is not JSON",
    file: "error",
    text: "",
    message: 'Cannot use the expected error of golden case "a": it is not JSON',
    detail: /^\/w\/tests\/a\.error\.json: \S/,
    syntax: true,
  },
];

describe("checkGoldenCase() refuses a case file a user got wrong", () => {
  for (const { name, file, text, message, detail, syntax } of BAD_FILES) {
    it(`refuses ${name} with ERR_INVALID_INPUT naming the file`, async () => {
      const path = `/w/tests/a.${file}.json`;
      const files = { "/w/claims.jsonnet": MAPPER, "/w/tests/a.session.json": SESSION, [path]: text };
      const check = await checkGoldenCase(
        { name: "a", session: "/w/tests/a.session.json", [file]: path },
        await options(files),
      );
      const error = check.invalid;
      assert.ok(error instanceof TokenizerError, String(error));
      assert.equal(error.code, "ERR_INVALID_INPUT");
      assert.equal(error.message, message);
      assert.match(error.detail ?? "", detail);
      assert.equal(error.cause instanceof SyntaxError, syntax === true);
      assert.deepEqual(check.problems, [message, error.detail]);
      // A broken template stops the case; a broken expected file is fixed by recording it again.
      assert.equal(check.recordable, file !== "template");
      assert.equal(check.file, file === "template" ? "/w/tests/a.claims.json" : path);
    });
  }

  it("leaves a readFile failure as it is, without calling it an invalid file", async () => {
    const files = { "/w/claims.jsonnet": MAPPER, "/w/tests/a.session.json": SESSION };
    const check = await checkGoldenCase({
      name: "a",
      session: "/w/tests/a.session.json",
      template: "/w/tests/a.template.json",
    }, await options(files));
    assert.equal(check.invalid, undefined);
    assert.deepEqual(check.problems, ["open /w/tests/a.template.json: no such file or directory"]);
  });
});

describe("runGoldenCases()", () => {
  it("signs every case with its own throwaway key and says what --update would write", async () => {
    const email = (sampleSession().identity.traits as Record<string, unknown>)["email"];
    const files: Record<string, string> = {
      "/w/claims.jsonnet": MAPPER,
      "/w/tests/new.session.json": SESSION,
      "/w/tests/same.session.json": SESSION,
      "/w/tests/wrong.session.json": SESSION,
      "/w/tests/wrong.error.json": JSON.stringify({ error: { code: 400 } }),
    };
    const { jwksUrl: _unused, ...rest } = await options(files);
    const actual = await checkGoldenCase({ name: "same", session: "/w/tests/same.session.json" }, await options(files));
    files["/w/tests/same.claims.json"] = JSON.stringify(actual.claims);
    const cases = goldenCases(Object.keys(files).map((path) => path.slice("/w/tests/".length)), (f) => `/w/tests/${f}`);
    const results = await runGoldenCases(cases, rest);
    assert.deepEqual(results.map((r) => [r.name, r.status, r.recording?.file, r.recording?.stale]), [
      ["new", "failed", "/w/tests/new.claims.json", undefined],
      ["same", "passed", undefined, undefined],
      ["wrong", "failed", "/w/tests/wrong.claims.json", "/w/tests/wrong.error.json"],
    ]);
    assert.equal(JSON.parse(results[0]!.recording!.content)["email"], email);
    assert.ok(results[0]!.recording!.content.endsWith("}\n"));
    assert.equal(results[0]!.recording!.summary, "recorded claims");
  });

  it("stops between cases when its signal aborts", async () => {
    const files = { "/w/claims.jsonnet": MAPPER, "/w/tests/a.session.json": SESSION };
    const controller = new AbortController();
    controller.abort();
    const cases = goldenCases(["a.session.json"], (f) => `/w/tests/${f}`);
    await assert.rejects(runGoldenCases(cases, { ...await options(files), signal: controller.signal }), {
      name: "AbortError",
    });
  });
});
