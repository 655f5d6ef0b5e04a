// The language server over stdio, driven by a real LSP client (vscode-languageserver-protocol's client
// side over the child's pipes): diagnostics pushed and pulled at lib's ranges, quick fixes, completion,
// hover, the preview, the settings and their files, untrusted workspaces, cancellation and bad input.
import assert from "node:assert/strict";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { type Diagnostic, LSPErrorCodes, ResponseError } from "vscode-languageserver-protocol/node";
import { change, type LspSession, open, startLsp } from "./_lsp_client.ts";
import { EXPONENTIAL } from "./_helpers.ts";
import { runCli } from "./_cli.ts";
import { tempDir, write } from "./_temp_files.ts";
import { generateJwks } from "../lib/mod.ts";

const MISSPELT = "local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email } }";
const GOOD = "local s = std.extVar('session');\n{ claims: { email: s.identity.traits.email } }";

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

describe("the language server over stdio (push diagnostics)", () => {
  let lsp: LspSession;
  const dir = tempDir("lsp");
  const folder = pathToFileURL(dir).href;
  before(async () => {
    lsp = await startLsp({ settings: { debounceMs: 0 }, rootUri: folder });
  });
  after(async () => {
    await lsp.close();
    if (process.env["LSP_DEBUG"]) console.error(lsp.stderr());
  });

  it("names itself and its features in initialize", () => {
    assert.equal(lsp.initialized.serverInfo?.name, "ory-tokenizer");
    const capabilities = lsp.initialized.capabilities;
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ["."]);
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.diagnosticProvider, undefined, "a client without pull diagnostics gets them pushed");
  });

  it("pushes lib's findings at their exact ranges, linked to the rule's page, with the fix as a code action", async () => {
    const uri = `${folder}/claims.jsonnet`;
    await open(lsp, uri, MISSPELT);
    const [finding] = await lsp.diagnosticsFor(uri, (d) => d.length > 0);
    assert.equal(finding?.code, "session-path-unknown");
    assert.deepEqual(finding?.range, { start: { line: 1, character: 30 }, end: { line: 1, character: 35 } });
    assert.equal(finding?.severity, 1);
    assert.match(finding?.codeDescription?.href ?? "", /docs\/lint-rules\.md#session-path-unknown$/);
    const actions = await lsp.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: finding!.range,
      context: { diagnostics: [finding] },
    }) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    assert.deepEqual(actions.map((a) => [a.title, a.edit.changes[uri]?.[0]?.newText]), [["Use traits", "traits"]]);
    // A client that drops `data`, or sends no diagnostics at all, still gets the fix.
    const { data: _data, ...withoutData } = finding!;
    for (const diagnostics of [[withoutData], []]) {
      const fallback = await lsp.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri },
        range: { start: finding!.range.start, end: finding!.range.start },
        context: { diagnostics },
      }) as { title: string }[];
      assert.deepEqual(fallback.map((a) => a.title), ["Use traits"]);
    }
    await change(lsp, uri, GOOD, 2);
    const latest = await lsp.diagnosticsFor(uri, (d) => d.length === 0);
    assert.deepEqual(latest, []);
  });

  it("checks only claims mappers: a Jsonnet library or dashboard gets no findings", async () => {
    const library = `${folder}/lib/dashboard.jsonnet`;
    await open(lsp, library, "{ a: error 'not a mapper' }");
    const reader = `${folder}/lib/reads_session.jsonnet`;
    await open(lsp, reader, MISSPELT);
    const named = `${folder}/mappers/claims_web.jsonnet`;
    await open(lsp, named, "{ a: error 'a mapper by its name' }");
    assert.deepEqual(codes(await lsp.diagnosticsFor(reader, (d) => d.length > 0)), ["session-path-unknown"]);
    assert.deepEqual(codes(await lsp.diagnosticsFor(named, (d) => d.length > 0)), ["jsonnet-runtime"]);
    assert.deepEqual(await lsp.diagnosticsFor(library, () => true), []);
  });

  it("drops stale results: after a burst of edits the last publication is the last version's", async () => {
    const uri = `${folder}/burst.jsonnet`;
    await open(lsp, uri, GOOD);
    for (let version = 2; version <= 6; version++) await change(lsp, uri, version % 2 ? GOOD : MISSPELT, version);
    await change(lsp, uri, MISSPELT, 7);
    assert.deepEqual(codes(await lsp.versionPublished(uri, 7)), ["session-path-unknown"]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing older may arrive after it
    const published = lsp.published.get(uri)!;
    assert.equal(published.at(-1)?.version, 7);
    assert.deepEqual(published.map((p) => p.version), [...published.map((p) => p.version)].sort());
  });

  it("completes session members through locals, std functions, and nothing for a shadowed local", async () => {
    const complete = async (name: string, text: string) => {
      const uri = `${folder}/${name}.jsonnet`;
      await open(lsp, uri, text.replace("|", ""));
      const lines = text.split("\n");
      const position = { line: lines.length - 1, character: lines.at(-1)!.indexOf("|") };
      const list = await lsp.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position });
      return (list as { items: { label: string; detail?: string }[] } | null)?.items ?? null;
    };
    const identity = await complete("identity", "local s = std.extVar('session');\n{ a: s.identity.| }");
    const traits = identity?.find((item) => item.label === "traits");
    assert.equal(traits?.detail, "any JSON your project defines", JSON.stringify(identity));
    const std = await complete("std", "{ a: std.obj| }");
    assert.equal(std?.find((item) => item.label === "objectHas")?.detail, "std.objectHas(o, f)");
    assert.deepEqual(
      await complete("shadowed", "local s = std.extVar('session');\nlocal t = { a: 1 };\n{ c: t.| }"),
      [],
    );
  });

  it("hovers with a member's meaning and a std function's signature and engine difference", async () => {
    const uri = `${folder}/hover.jsonnet`;
    const text = "local s = std.extVar('session');\n{ a: s.identity.external_id, b: std.toString(1) }";
    await open(lsp, uri, text);
    const hover = async (needle: string) =>
      (await lsp.connection.sendRequest("textDocument/hover", {
        textDocument: { uri },
        position: { line: 1, character: text.split("\n")[1]!.indexOf(needle) + 1 },
      }) as { contents: { value: string } } | null)?.contents.value;
    assert.match(await hover("external_id") ?? "", /^`session\.identity\.external_id`: a string\n\n.*May be missing/s);
    assert.match(
      await hover("toString") ?? "",
      /std\.toString\(a\)[\s\S]*\*\*Engine difference:\*\* .*0\.10000000000000001/,
    );
    assert.equal(await hover("{"), undefined);
  });

  it("answers the preview request with the claims the panel shows", async () => {
    const uri = `${folder}/preview.jsonnet`;
    await open(lsp, uri, GOOD);
    const result = await lsp.connection.sendRequest("oryTokenizer/preview", { textDocument: { uri } }) as {
      version: number;
      preview: { claims?: Record<string, unknown>; verification?: { valid: boolean } };
      sessionOrigin: string;
    };
    assert.equal(result.version, 1);
    assert.equal(typeof result.preview.claims?.["email"], "string");
    assert.equal(result.preview.verification?.valid, true);
    assert.equal(result.sessionOrigin, "the built-in sample session");
    assert.equal(
      await lsp.connection.sendRequest("oryTokenizer/preview", { textDocument: { uri: `${folder}/closed.jsonnet` } }),
      null,
    );
  });

  it("survives bad input: a syntax error, a file of megabytes, a runaway mapper, then still answers", async () => {
    const broken = `${folder}/claims_broken.jsonnet`;
    await open(lsp, broken, "{ claims: { a: ");
    assert.deepEqual(codes(await lsp.diagnosticsFor(broken, (d) => d.length > 0)), ["jsonnet-syntax"]);
    const huge = `${folder}/claims_huge.jsonnet`;
    const started = performance.now();
    await open(lsp, huge, `{ claims: { a: "${"x".repeat(3 * 1024 * 1024)}" } }`);
    const [tooLarge] = await lsp.diagnosticsFor(huge, (d) => d.length > 0);
    assert.match(String(tooLarge?.message), /checks mappers up to 262144/);
    assert.ok(performance.now() - started < 10_000, "the too-large finding took over 10 s");
    assert.equal(
      await lsp.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: huge },
        position: { line: 0, character: 3 },
      }),
      null,
    );
    const runaway = `${folder}/claims_runaway.jsonnet`;
    await open(lsp, runaway, EXPONENTIAL);
    assert.ok(
      codes(await lsp.diagnosticsFor(runaway, (d) => d.length > 0)).includes("jsonnet-limit"),
      "expected jsonnet-limit",
    );
    const malformed = `${folder}/claims%E0%A4%A.jsonnet`; // a percent escape that does not decode
    await open(lsp, malformed, MISSPELT);
    assert.deepEqual(codes(await lsp.diagnosticsFor(malformed, (d) => d.length > 0)), ["session-path-unknown"]);
    const after = `${folder}/after.jsonnet`;
    await open(lsp, after, MISSPELT);
    assert.deepEqual(codes(await lsp.diagnosticsFor(after, (d) => d.length > 0)), ["session-path-unknown"]);
  });
});

describe("the language server's settings and files", () => {
  const dir = tempDir("lsp-settings");
  const folder = pathToFileURL(dir).href;
  const mapper = "{ claims: { plan: std.extVar('session').identity.traits.plan } }";
  const sessionWith = (plan: string) =>
    JSON.stringify({
      id: "s1",
      active: true,
      identity: { id: "i1", schema_id: "default", traits: { plan } },
    });

  it("evaluates with the sample session a setting names, and again when the watched file changes", async () => {
    write(dir, "whoami.json", sessionWith("pro"));
    write(dir, "schema.json", JSON.stringify({ properties: { traits: { properties: { plan: { type: "string" } } } } }));
    const lsp = await startLsp({
      settings: { debounceMs: 0, sampleSession: "whoami.json", identitySchema: "schema.json" },
      rootUri: folder,
      watch: true,
    });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, mapper);
      await lsp.diagnosticsFor(uri, (d) => d.length === 0);
      const preview = await lsp.connection.sendRequest("oryTokenizer/preview", { textDocument: { uri } }) as {
        preview: { claims?: Record<string, unknown> };
        sessionOrigin: string;
      };
      assert.equal(preview.preview.claims?.["plan"], "pro");
      assert.equal(preview.sessionOrigin, "whoami.json");
      const watchers = lsp.registrations.filter((r) => r.method === "workspace/didChangeWatchedFiles")
        .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers)
        .map((w) => w.globPattern);
      assert.deepEqual(watchers.at(-1) && watchers.slice(-2).sort(), ["**/schema.json", "**/whoami.json"]);
      const source = "std.extVar('session').identity.traits.";
      await open(lsp, `${folder}/traits.jsonnet`, source);
      const completion = await lsp.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: `${folder}/traits.jsonnet` },
        position: { line: 0, character: source.length },
      }) as { items: { label: string }[] };
      assert.deepEqual(completion.items.map((item) => item.label), ["plan"]);
      write(dir, "whoami.json", "{ not json");
      await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
        changes: [{ uri: `${folder}/whoami.json`, type: 2 }],
      });
      // The built-in sample session has no plan trait: reading it now fails.
      assert.ok(
        codes(await lsp.diagnosticsFor(uri, (d) => d.length > 0)).includes("jsonnet-runtime"),
        "expected jsonnet-runtime",
      );
      assert.ok(
        lsp.messages.some((m) => /The sample session whoami\.json .* cannot be used/.test(m)),
        lsp.messages.join(),
      );
    } finally {
      await lsp.close();
    }
  });

  it("reads no file in an untrusted workspace, whether the client or a setting says so", async () => {
    write(dir, "whoami.json", sessionWith("pro"));
    for (
      const options of [
        {
          initializationOptions: { workspaceTrusted: false },
          settings: { debounceMs: 0, sampleSession: "whoami.json" },
        },
        { settings: { debounceMs: 0, sampleSession: "whoami.json", workspaceTrusted: false } },
      ]
    ) {
      const lsp = await startLsp({ ...options, rootUri: folder });
      try {
        const uri = `${folder}/claims.jsonnet`;
        await open(lsp, uri, mapper);
        assert.ok(
          codes(await lsp.diagnosticsFor(uri, (d) => d.length > 0)).includes("jsonnet-runtime"),
          "expected jsonnet-runtime",
        );
        assert.ok(lsp.messages.some((m) => /not trusted, so oryTokenizer\.sampleSession/.test(m)), lsp.messages.join());
      } finally {
        await lsp.close();
      }
    }
  });

  it("a setting cannot raise the trust the client withheld", async () => {
    const lsp = await startLsp({
      initializationOptions: { workspaceTrusted: false },
      settings: { debounceMs: 0, sampleSession: "whoami.json", workspaceTrusted: true },
      rootUri: folder,
    });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, mapper);
      assert.ok(
        codes(await lsp.diagnosticsFor(uri, (d) => d.length > 0)).includes("jsonnet-runtime"),
        "expected jsonnet-runtime",
      );
    } finally {
      await lsp.close();
    }
  });
});

describe("the language server's targets (oryTokenizer.targets)", () => {
  const dir = tempDir("lsp-targets");
  const folder = pathToFileURL(dir).href;
  const HASURA_DOCS = "https://hasura.io/docs/latest/auth/authentication/jwt/";
  // The namespace written as a string: Hasura wants an object there.
  const NAMESPACE_STRING = "local s = std.extVar('session');\n{\n  claims: {\n" +
    "    'https://hasura.io/jwt/claims': s.identity.id,\n  },\n}";
  // Lint warns (sub is overwritten); the mapper still makes a token for the targets to check.
  const WITH_SUB = "local s = std.extVar('session');\n{ claims: { email: s.identity.traits.email, sub: 'x' } }";
  const ofTarget = (diagnostics: Diagnostic[], name: string) =>
    diagnostics.filter((d) => d.source === `ory-tokenizer target ${name}`);

  it("puts a target's findings beside lint's: at the mapper's range, else on the first line, linked to the service's docs", async () => {
    const lsp = await startLsp({ settings: { debounceMs: 0, targets: ["hasura"] }, rootUri: folder });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, WITH_SUB);
      const diagnostics = await lsp.diagnosticsFor(uri, (d) => ofTarget(d, "hasura").length > 0);
      assert.deepEqual(codes(diagnostics.filter((d) => d.source === "ory-tokenizer")), ["sub-overwritten"]);
      const missing = ofTarget(diagnostics, "hasura").find((d) => d.code === "claims-namespace-missing");
      assert.ok(missing, JSON.stringify(diagnostics));
      assert.equal(missing.severity, 1, "Hasura refuses the token: an error");
      const firstLine = WITH_SUB.split("\n")[0]!;
      assert.deepEqual(missing.range, {
        start: { line: 0, character: 0 },
        end: { line: 0, character: firstLine.length },
      });
      assert.equal(missing.codeDescription?.href, HASURA_DOCS);
      assert.match(
        String(missing.message),
        /^target hasura: https:\/\/hasura\.io\/jwt\/claims: claims key: 'https:\/\/hasura\.io\/jwt\/claims' not found\nFix: Put the x-hasura-\* claims/,
      );
      const skew = ofTarget(diagnostics, "hasura").find((d) => d.code === "zero-skew");
      assert.equal(skew?.severity, 2, "accepted, but something will bite: a warning");

      await change(lsp, uri, NAMESPACE_STRING, 2);
      const written = await lsp.diagnosticsFor(uri, (d) => !d.some((x) => x.code === "claims-namespace-missing"));
      const [atClaim] = ofTarget(written, "hasura").filter((d) => d.severity === 1);
      const line = NAMESPACE_STRING.split("\n")[3]!;
      assert.deepEqual(atClaim?.range.start, { line: 3, character: line.indexOf("'https") }, JSON.stringify(written));
      assert.match(String(atClaim?.message), /^target hasura: https:\/\/hasura\.io\/jwt\/claims: /);
    } finally {
      await lsp.close();
    }
  });

  it("reads the settings by the service's name, and leaves the key findings out with a note without a key set", async () => {
    const lsp = await startLsp({
      settings: {
        debounceMs: 0,
        targets: [{ name: "hasura", settings: { allowed_skew: 30 } }, "apollo-router"],
      },
      rootUri: folder,
    });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, GOOD);
      const diagnostics = await lsp.diagnosticsFor(uri, (d) => ofTarget(d, "hasura").length > 0);
      assert.deepEqual(
        codes(ofTarget(diagnostics, "hasura")),
        ["claims-namespace-missing"],
        "allowed_skew 30: no zero-skew",
      );
      assert.deepEqual(ofTarget(diagnostics, "apollo-router").filter((d) => d.severity === 1), []);
      assert.ok(
        lsp.messages.some((m) =>
          /^the header's alg and kid and the key were not checked \(a throwaway key signed\); set oryTokenizer\.keySet/
            .test(m)
        ),
        lsp.messages.join("\n"),
      );
    } finally {
      await lsp.close();
    }
  });

  it("checks the algorithm and the key with the key set the settings name", async () => {
    write(dir, "jwks.json", JSON.stringify(await generateJwks({ alg: "ES512" })));
    const lsp = await startLsp({
      settings: { debounceMs: 0, keySet: "jwks.json", targets: ["apollo-router"] },
      rootUri: folder,
    });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, GOOD);
      const diagnostics = await lsp.diagnosticsFor(uri, (d) => ofTarget(d, "apollo-router").length > 0);
      const refused = ofTarget(diagnostics, "apollo-router").filter((d) => d.severity === 1);
      assert.equal(refused.length, 1, JSON.stringify(refused));
      assert.match(String(refused[0]!.message), /^target apollo-router: header alg: .*ES512/);
      assert.equal(refused[0]!.range.start.line, 0);
      assert.ok(!lsp.messages.some((m) => /throwaway key/.test(m)), lsp.messages.join("\n"));
    } finally {
      await lsp.close();
    }
  });

  it("says once what is wrong with the setting, naming the closest target, and checks the rest", async () => {
    const lsp = await startLsp({
      settings: {
        debounceMs: 0,
        targets: ["hasur", { name: "supabase" }, { name: "postgrest", settings: { "jwt-aud": 5 } }],
      },
      rootUri: folder,
    });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, GOOD);
      await open(lsp, `${folder}/claims_other.jsonnet`, MISSPELT);
      const diagnostics = await lsp.diagnosticsFor(uri, (d) => ofTarget(d, "supabase").length > 0);
      assert.deepEqual(ofTarget(diagnostics, "postgrest"), []);
      await lsp.diagnosticsFor(`${folder}/claims_other.jsonnet`, (d) => d.length > 0);
      const about = lsp.messages.filter((m) => m.startsWith("oryTokenizer.targets"));
      assert.equal(about.length, 1, about.join("\n"));
      assert.match(about[0]!, /Unknown target "hasur"; did you mean "hasura"\?/);
      assert.match(about[0]!, /"jwtAud" \(jwt-aud\) must be a string/);
      assert.match(about[0]!, /Checked: supabase$/);
    } finally {
      await lsp.close();
    }
  });

  it("answers the preview with each target's verdict and what the verdicts leave out", async () => {
    const lsp = await startLsp({ settings: { debounceMs: 0, targets: ["hasura", "nope"] }, rootUri: folder });
    try {
      const uri = `${folder}/claims.jsonnet`;
      await open(lsp, uri, GOOD);
      const result = await lsp.connection.sendRequest("oryTokenizer/preview", { textDocument: { uri } }) as {
        preview: { targets?: Record<string, { accepted: boolean; findings: { code: string }[] }> };
        targetsNote?: string;
        problems: string[];
      };
      assert.deepEqual(Object.keys(result.preview.targets ?? {}), ["hasura"]);
      assert.equal(result.preview.targets?.["hasura"]?.accepted, false);
      assert.ok(result.preview.targets?.["hasura"]?.findings.some((f) => f.code === "claims-namespace-missing"));
      assert.match(result.targetsNote ?? "", /throwaway key/);
      assert.match(result.problems.join("\n"), /Unknown target "nope"/);
    } finally {
      await lsp.close();
    }
  });
});

describe("the language server (pull diagnostics)", () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await startLsp({ pull: true, settings: { debounceMs: 0 } });
  });
  after(async () => {
    await lsp.close();
    if (process.env["LSP_DEBUG"]) console.error(lsp.stderr());
  });

  it("declares the diagnostic provider and answers textDocument/diagnostic", async () => {
    assert.deepEqual(lsp.initialized.capabilities.diagnosticProvider, {
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
    const uri = "untitled:pull.jsonnet";
    await open(lsp, uri, MISSPELT);
    const report = await lsp.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } }) as {
      kind: string;
      items: Diagnostic[];
    };
    assert.equal(report.kind, "full");
    assert.deepEqual(codes(report.items), ["session-path-unknown"]);
    assert.equal(lsp.published.get(uri), undefined, "nothing pushed to a client that pulls");
  });

  it("drops a stale result: an edit during the lint answers ServerCancelled, asking the client to pull again", async () => {
    const uri = "untitled:claims_slow.jsonnet";
    await open(lsp, uri, EXPONENTIAL);
    const request = lsp.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await change(lsp, uri, MISSPELT, 2);
    const error = await request.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
    assert.equal(error.code, LSPErrorCodes.ServerCancelled);
    assert.deepEqual(error.data, { retriggerRequest: true });
    const report = await lsp.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } }) as {
      items: Diagnostic[];
    };
    assert.deepEqual(codes(report.items), ["session-path-unknown"]);
  });

  it("aborts the lint when the client cancels: a runaway mapper's request ends long before Ory's second", async () => {
    const uri = "untitled:claims_runaway.jsonnet";
    await open(lsp, uri, EXPONENTIAL);
    const source = new (await import("vscode-languageserver-protocol/node")).CancellationTokenSource();
    const started = performance.now();
    const request = lsp.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } }, source.token);
    setTimeout(() => source.cancel(), 100);
    const error = await request.then(() => undefined, (e: unknown) => e);
    const elapsed = performance.now() - started;
    assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
    assert.equal(error.code, LSPErrorCodes.RequestCancelled);
    assert.ok(elapsed < 900, `the cancelled request took ${Math.round(elapsed)} ms`);
    // The server is still there, and its evaluator too.
    const report = await lsp.connection.sendRequest("textDocument/diagnostic", {
      textDocument: { uri: "untitled:pull.jsonnet" },
    }) as { items: Diagnostic[] };
    assert.deepEqual(codes(report.items), ["session-path-unknown"]);
  });
});

describe("ory-tokenizer lsp", () => {
  it("--help says how editors start it, with a snippet per editor", async () => {
    const { code, stdout } = await runCli(["lsp", "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: ory-tokenizer lsp --stdio\n/);
    for (const editor of ["Neovim", "Helix", "Zed", "Emacs"]) assert.match(stdout, new RegExp(`\\n  ${editor} `));
    assert.match(stdout, /workspaceTrusted: false/);
  });

  it("ends when the editor goes away without a word (stdin closed), leaving no process behind", async () => {
    const lsp = await startLsp({ settings: { debounceMs: 0 } });
    await open(lsp, "untitled:gone.jsonnet", GOOD);
    await lsp.diagnosticsFor("untitled:gone.jsonnet", () => true);
    const exited = new Promise<number | null>((resolve) => lsp.child.once("exit", (code) => resolve(code)));
    lsp.child.stdin!.end();
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running"), 10_000))]);
    assert.equal(code, 1, "no shutdown was asked for: exit status 1, as LSP says");
    await lsp.close();
  });

  it("exits 2 without a transport, and the overview lists it", async () => {
    const bare = await runCli(["lsp"]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^error: Give the transport: ory-tokenizer lsp --stdio\n/);
    const overview = await runCli(["--help"]);
    assert.match(overview.stdout, /\n {2}lsp +the language server for claims mappers/);
  });
});
