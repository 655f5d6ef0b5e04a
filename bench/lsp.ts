/**
 * The language server as an editor feels it, through a real LSP client over stdio (`ory-tokenizer lsp
 * --stdio`, the built CLI): p95 from an edit (`didChange`) to its diagnostics (`publishDiagnostics` for
 * that version) on the docs' mapper, with the debounce set to 0 so the figure is the server's own work,
 * and p95 of a completion request after `session.identity.`.
 */
import { change, open, startLsp } from "../test/_lsp_client.ts";
import { DOCS_MAPPER } from "./fixtures.ts";
import type { Measurement } from "./measure.ts";

const URI = "untitled:claims.jsonnet";

function p95(times: number[]): number {
  times.sort((a, b) => a - b);
  return times[Math.ceil(times.length * 0.95) - 1]!;
}

export const lsp: Measurement[] = [
  {
    name: "lsp_edit_diagnostics_p95_ms",
    unit: "ms",
    description: "p95 from an edit of the docs' mapper to its diagnostics, through the language server over stdio",
    target: { max: 20 },
    run: async () => {
      const session = await startLsp({ settings: { debounceMs: 0 } });
      try {
        await open(session, URI, DOCS_MAPPER, 1);
        await session.versionPublished(URI, 1);
        const times: number[] = [];
        for (let version = 2; version < 2 + 20 + 300; version++) {
          const start = performance.now();
          await change(session, URI, `${DOCS_MAPPER}// edit ${version}\n`, version);
          await session.versionPublished(URI, version);
          if (version >= 22) times.push(performance.now() - start);
        }
        return p95(times);
      } finally {
        await session.close();
      }
    },
  },
  {
    name: "lsp_completion_p95_ms",
    unit: "ms",
    description: "p95 of a completion after `session.identity.` in the docs' mapper, through the language server",
    target: { max: 10 },
    run: async () => {
      const session = await startLsp({ settings: { debounceMs: 0 } });
      try {
        const text = DOCS_MAPPER.replace("session.identity.schema_id", "session.identity.");
        const lines = text.split("\n");
        const line = lines.findIndex((l) => l.includes("session.identity."));
        const position = { line, character: lines[line]!.indexOf("session.identity.") + "session.identity.".length };
        await open(session, URI, text, 1);
        const times: number[] = [];
        for (let i = 0; i < 20 + 300; i++) {
          const start = performance.now();
          const list = await session.connection.sendRequest("textDocument/completion", {
            textDocument: { uri: URI },
            position,
          }) as { items: unknown[] } | null;
          if (list === null || list.items.length === 0) throw new Error("The completion came back empty");
          if (i >= 20) times.push(performance.now() - start);
        }
        return p95(times);
      } finally {
        await session.close();
      }
    },
  },
];
