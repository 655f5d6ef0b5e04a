/**
 * The extension's entry (desktop and web): `activate` only wires lib's shared sandbox into each
 * feature; every feature is one file under `features/`, and everything that is not VS Code glue is
 * a pure function under `logic/`.
 *
 * @module
 */

import type * as vscode from "vscode";
import { registerCompletion } from "./features/completion.ts";
import { registerCreateJwks } from "./features/create_jwks_command.ts";
import { registerDecodeJwt } from "./features/decode_jwt_command.ts";
import { registerDecodeTemplate } from "./features/decode_template_command.ts";
import { type FindingsStore, registerDiagnostics } from "./features/diagnostics.ts";
import { registerEncode } from "./features/encode_command.ts";
import { registerExportPublic } from "./features/export_public_command.ts";
import { registerGoldenTests } from "./features/golden_tests.ts";
import { registerHover } from "./features/hover.ts";
import { createJsonnetRuntime } from "./features/jsonnet_runtime.ts";
import { registerPreview } from "./features/preview_panel.ts";
import { registerQuickFixes } from "./features/quick_fixes.ts";

/** Wires the features. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const jsonnet = await createJsonnetRuntime(context);
  const findings: FindingsStore = new Map();
  registerDiagnostics(context, jsonnet, findings);
  registerQuickFixes(context, findings);
  registerCompletion(context);
  registerHover(context);
  registerPreview(context, jsonnet);
  registerEncode(context);
  registerDecodeTemplate(context);
  registerCreateJwks(context);
  registerExportPublic(context);
  registerDecodeJwt(context);
  registerGoldenTests(context, jsonnet);
}

/** Nothing to stop: every disposable is in `context.subscriptions`. */
export function deactivate(): void {}
