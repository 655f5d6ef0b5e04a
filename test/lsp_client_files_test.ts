// The language server reading the settings' files through its client (`clientReadsFiles`), as VS Code's
// extension has it do: a browser Worker has no file system, and a virtual workspace's files are the
// editor's. The client answers `oryTokenizer/readFile` from memory here; no file is on disk.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResponseError } from "vscode-languageserver-protocol/node";
import { encodeBase64 } from "../lib/encoding/base64.ts";
import { generateJwks } from "../lib/mod.ts";
import { PreviewRequest, type ReadFileParams, ReadFileRequest } from "../lib/lsp/protocol.ts";
import { type LspSession, open, startLsp } from "./_lsp_client.ts";

const FOLDER = "vscode-test-web://mount/workspace";
const MAPPER = "{ claims: { plan: std.extVar('session').identity.traits.plan } }";
const SESSION = JSON.stringify({
  id: "s1",
  active: true,
  identity: { id: "i1", schema_id: "default", traits: { plan: "pro" } },
});

interface Preview {
  preview: { claims?: Record<string, unknown> };
  sessionOrigin: string;
  keySetOrigin: string;
  problems: string[];
}

/** A server whose client serves `files` (folder-relative names) and records every read. */
async function startWith(files: Record<string, string>, workspaceTrusted = true): Promise<[LspSession, string[]]> {
  const reads: string[] = [];
  const lsp = await startLsp({
    initializationOptions: { clientReadsFiles: true, workspaceTrusted },
    settings: { debounceMs: 0, sampleSession: "whoami.json", keySet: "keys/set.json" },
    rootUri: FOLDER,
  });
  lsp.connection.onRequest(ReadFileRequest.method, (params: ReadFileParams) => {
    reads.push(params.uri);
    const text = files[params.uri.slice(FOLDER.length + 1)];
    if (text === undefined) throw new ResponseError(-32803, "no such file");
    return { base64: encodeBase64(new TextEncoder().encode(text)) };
  });
  return [lsp, reads];
}

function preview(lsp: LspSession, uri: string): Promise<Preview> {
  return lsp.connection.sendRequest(PreviewRequest.method, { textDocument: { uri } }) as Promise<Preview>;
}

describe("the language server reading files through its client", () => {
  it("evaluates and signs with the files the client sends, for any URI scheme", async () => {
    const keys = JSON.stringify(await generateJwks({ alg: "ES256" }));
    const [lsp, reads] = await startWith({ "whoami.json": SESSION, "keys/set.json": keys });
    try {
      const uri = `${FOLDER}/claims.jsonnet`;
      await open(lsp, uri, MAPPER);
      await lsp.diagnosticsFor(uri, (d) => d.length === 0);
      const result = await preview(lsp, uri);
      assert.equal(result.preview.claims?.["plan"], "pro");
      assert.equal(result.sessionOrigin, "whoami.json");
      assert.equal(result.keySetOrigin, "keys/set.json");
      assert.deepEqual(result.problems, []);
      assert.deepEqual(reads.sort(), [`${FOLDER}/keys/set.json`, `${FOLDER}/whoami.json`]);
    } finally {
      await lsp.close();
    }
  });

  it("says which file is missing, and stands in the built-in session", async () => {
    const [lsp] = await startWith({});
    try {
      const uri = `${FOLDER}/claims.jsonnet`;
      await open(lsp, uri, MAPPER);
      const result = await preview(lsp, uri);
      assert.equal(result.sessionOrigin, "the built-in sample session");
      assert.ok(
        result.problems.some((p) => /whoami\.json .* cannot be used: the file does not exist/.test(p)),
        result.problems.join("\n"),
      );
    } finally {
      await lsp.close();
    }
  });

  it("asks the client for no file in an untrusted workspace", async () => {
    const [lsp, reads] = await startWith({ "whoami.json": SESSION }, false);
    try {
      const uri = `${FOLDER}/claims.jsonnet`;
      await open(lsp, uri, MAPPER);
      const result = await preview(lsp, uri);
      assert.equal(result.sessionOrigin, "the built-in sample session");
      assert.ok(result.problems.some((p) => /not trusted/.test(p)), result.problems.join("\n"));
      assert.deepEqual(reads, []);
    } finally {
      await lsp.close();
    }
  });
});
