/**
 * The VS Code extension's figures: edit-to-diagnostics latency, on the path its language server runs per
 * pulled check (lintClaimsMapper in the sandbox's worker, then the conversion to LSP diagnostics), for
 * the guide's mapper; and the size of the packaged .vsix.
 */
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSandboxedJsonnet } from "../lib/entries/jsonnet.ts";
import { lintClaimsMapper } from "../lib/entries/lint.ts";
import { sampleSession } from "../lib/mod.ts";
import { toLspDiagnostics } from "../lib/lsp/to_lsp.ts";
import { DOCS_MAPPER } from "./fixtures.ts";
import { type Measurement, percentile } from "./measure.ts";

const VSIX = fileURLToPath(new URL("../extension/ory-tokenizer-vscode.vsix", import.meta.url));

export const extension: Measurement[] = [
  {
    name: "extension_edit_to_diagnostics_p95_ms",
    unit: "ms",
    description: "p95 from an edit of the guide's mapper to the language server's diagnostics (sandbox worker)",
    target: { max: 50 },
    run: async () => {
      const jsonnet = createSandboxedJsonnet();
      const session = sampleSession();
      let edit = 0;
      try {
        await jsonnet.start();
        // Each run is a different text, as after a keystroke (no cache can answer it).
        return await percentile(
          async () => {
            const source = `${DOCS_MAPPER}\n// edit ${edit++}\n`;
            return toLspDiagnostics(await lintClaimsMapper(source, { session, jsonnet }), "file:///claims.jsonnet");
          },
          300,
          95,
        );
      } finally {
        jsonnet.close();
      }
    },
  },
  {
    name: "extension_vsix_kb",
    unit: "KiB",
    description: "size of the packaged extension (npm run package:extension; -1 when not packaged)",
    run: () => Promise.resolve(existsSync(VSIX) ? statSync(VSIX).size / 1024 : -1),
  },
];
