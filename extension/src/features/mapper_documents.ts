/**
 * Which open documents the extension treats as claims mappers, by the server's own rule
 * (lib/lsp/mapper_documents.ts) over the `oryTokenizer.mapperPatterns` setting: the ones whose
 * diagnostics are shown and the preview follows.
 *
 * @module
 */

import * as vscode from "vscode";
import { isClaimsMapper } from "../../../lib/lsp/mapper_documents.ts";
import { readSettings } from "./settings.ts";

/** Whether the extension handles this document. */
export function isMapperDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === "output" || document.uri.scheme === "vscode-settings") return false;
  const path = vscode.workspace.asRelativePath(document.uri, false);
  return isClaimsMapper(path, document.getText(), readSettings(document.uri).mapperPatterns);
}
