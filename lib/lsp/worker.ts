/**
 * The language server in a browser's Worker (dist/lsp_worker.js), as VS Code for the Web and other
 * browser editors start it: the same server as over stdio, without a file system (the settings' files
 * are not read there).
 *
 * @module
 */

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { startLanguageServer } from "./server.ts";

const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
startLanguageServer(createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope)));
