// The language server as a browser's Worker (dist/lsp_worker.js), driven from a page by vscode-jsonrpc's
// browser client, as a web editor (VS Code for the Web, lsp-web-extension-sample) drives it: diagnostics at
// lib's ranges, completion and hover, a runaway mapper stopped at Ory's 1 s, and no file read.
import { expect, test } from "@playwright/test";
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The page's client: vscode-jsonrpc over the Worker, bundled for the page (never written to disk). */
async function clientScript(): Promise<string> {
  const result = await esbuild.build({
    stdin: {
      contents: `
        import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection } from "vscode-jsonrpc/browser";
        window.startLsp = async (files) => {
          const worker = new Worker("/dist/lsp_worker.js", { type: "module" });
          const connection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
          const published = [];
          const messages = [];
          connection.onNotification("textDocument/publishDiagnostics", (params) => published.push(params));
          connection.onNotification("window/logMessage", () => {});
          connection.onRequest("window/showMessageRequest", (params) => { messages.push(params.message); return null; });
          connection.onRequest("oryTokenizer/readFile", (params) =>
            files && params.uri in files ? { text: files[params.uri] } : null);
          connection.onRequest("workspace/configuration", (params) =>
            params.items.map(() => ({ debounceMs: 0, sampleSession: "whoami.json" })));
          connection.listen();
          const initialized = await connection.sendRequest("initialize", {
            processId: null,
            rootUri: "file:///workspace",
            capabilities: { workspace: { configuration: true } },
            initializationOptions: { clientReadsFiles: files !== undefined },
          });
          await connection.sendNotification("initialized", {});
          const diagnosticsOf = (uri, version) => new Promise((resolve) => {
            const look = () => {
              const found = published.find((p) => p.uri === uri && p.version === version);
              if (found) resolve(found.diagnostics); else setTimeout(look, 10);
            };
            look();
          });
          const open = (uri, text) => connection.sendNotification("textDocument/didOpen", {
            textDocument: { uri, languageId: "jsonnet", version: 1, text },
          });
          return { connection, initialized, diagnosticsOf, open, messages };
        };`,
      resolveDir: root,
      loader: "js",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
  });
  return result.outputFiles[0]!.text;
}

test("serves a mapper from a Worker: diagnostics, completion, hover, a stopped runaway, no file read", async ({ page }) => {
  await page.goto("/test/browser/blank.html");
  await page.addScriptTag({ content: await clientScript() });
  const result = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const lsp = await (window as any).startLsp();
    const mapper = "local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email, a: s.identity.id } }";
    await lsp.open("file:///workspace/claims.jsonnet", mapper);
    const diagnostics = await lsp.diagnosticsOf("file:///workspace/claims.jsonnet", 1);
    const completion = await lsp.connection.sendRequest("textDocument/completion", {
      textDocument: { uri: "file:///workspace/claims.jsonnet" },
      position: { line: 1, character: 30 },
    });
    const hover = await lsp.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: "file:///workspace/claims.jsonnet" },
      position: { line: 1, character: 57 },
    });
    const start = performance.now();
    await lsp.open(
      "file:///workspace/claims_runaway.jsonnet",
      "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { n: f(40) } }",
    );
    const runaway = await lsp.diagnosticsOf("file:///workspace/claims_runaway.jsonnet", 1);
    const runawayMs = performance.now() - start;
    return {
      name: lsp.initialized.serverInfo.name,
      // deno-lint-ignore no-explicit-any
      diagnostics: diagnostics.map((d: any) => [d.code, d.range.start.line, d.range.start.character]),
      // deno-lint-ignore no-explicit-any
      completion: completion.items.map((item: any) => item.label).includes("traits"),
      hover: hover.contents.value,
      // deno-lint-ignore no-explicit-any
      runaway: runaway.map((d: any) => d.code),
      runawayMs,
      messages: lsp.messages,
    };
  });
  expect(result.name).toBe("ory-tokenizer");
  expect(result.diagnostics).toEqual([["session-path-unknown", 1, 30]]);
  expect(result.completion).toBe(true);
  expect(result.hover).toMatch(/^`session\.identity\.id`: a string/);
  expect(result.runaway).toContain("jsonnet-limit");
  // The cause is asserted above; the bound only tells a stopped runaway from one that ran on.
  expect(result.runawayMs).toBeLessThan(5000);
  expect(result.messages).toEqual([
    "This language server cannot read files here (and its client offers none), so oryTokenizer.sampleSession is not read",
  ]);
});

test("reads the settings' files through its client (oryTokenizer/readFile), which a Worker has no other way to", async ({ page }) => {
  await page.goto("/test/browser/blank.html");
  await page.addScriptTag({ content: await clientScript() });
  const result = await page.evaluate(async () => {
    const session = {
      id: "s1",
      active: true,
      identity: { id: "i1", schema_id: "default", traits: { plan: "pro" } },
    };
    // deno-lint-ignore no-explicit-any
    const lsp = await (window as any).startLsp({ "file:///workspace/whoami.json": JSON.stringify(session) });
    await lsp.open(
      "file:///workspace/claims.jsonnet",
      "{ claims: { plan: std.extVar('session').identity.traits.plan } }",
    );
    const diagnostics = await lsp.diagnosticsOf("file:///workspace/claims.jsonnet", 1);
    const preview = await lsp.connection.sendRequest("oryTokenizer/preview", {
      textDocument: { uri: "file:///workspace/claims.jsonnet" },
    });
    return { diagnostics, plan: preview.preview.claims.plan, origin: preview.sessionOrigin, messages: lsp.messages };
  });
  expect(result.diagnostics).toEqual([]);
  expect(result.plan).toBe("pro");
  expect(result.origin).toBe("whoami.json");
  expect(result.messages).toEqual([]);
});
