/**
 * What `activate` wires, for both entries (extension.ts for desktop, extension_web.ts for the web),
 * which differ only in how the language server runs: the server's client (diagnostics, quick fixes,
 * completion, hover, the preview's evaluation), then VS Code's own features, one file each under
 * `features/`; everything that is not VS Code glue is a pure function under `logic/`.
 *
 * @module
 */

import type * as vscode from "vscode";
import { registerCreateJwks } from "./features/create_jwks_command.ts";
import { registerDecodeJwt } from "./features/decode_jwt_command.ts";
import { registerDecodeTemplate } from "./features/decode_template_command.ts";
import { registerEncode } from "./features/encode_command.ts";
import { registerExportPublic } from "./features/export_public_command.ts";
import { registerGoldenTests } from "./features/golden_tests.ts";
import { createJsonnetRuntime } from "./features/jsonnet_runtime.ts";
import { type CreateClient, startLanguageClient } from "./features/language_client.ts";
import { registerPreview } from "./features/preview_panel.ts";

/** Wires the features, with the runtime's language client. */
export async function activateWith(context: vscode.ExtensionContext, createClient: CreateClient): Promise<void> {
  registerEncode(context);
  registerDecodeTemplate(context);
  registerCreateJwks(context);
  registerExportPublic(context);
  registerDecodeJwt(context);
  // The golden tests evaluate in the extension host's own sandbox: the Test Explorer is VS Code's.
  registerGoldenTests(context, await createJsonnetRuntime(context));
  const client = await startLanguageClient(context, createClient);
  registerPreview(context, client);
}
