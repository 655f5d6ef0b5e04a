/**
 * The stdio language server as a file of its own (dist/lsp.js): `node dist/lsp.js --stdio`.
 *
 * @module
 */

import { startStdioLanguageServer } from "./lsp_stdio.ts";

await startStdioLanguageServer();
