/**
 * The settings the extension's own features read (`oryTokenizer.*`): the commands, the preview's
 * header and the Test Explorer. The language server asks for the same section through
 * `workspace/configuration` and reads the files the path settings name itself.
 *
 * @module
 */

import * as vscode from "vscode";
import { SETTINGS_SECTION as SECTION } from "../../../lib/lsp/protocol.ts";
import { DEFAULT_MAPPER_PATTERNS } from "../../../lib/lsp/mapper_documents.ts";

export { SECTION };

/** What the features read from settings. */
export interface TokenizerSettings {
  issuer: string;
  templateName: string;
  ttl: string;
  mapperPatterns: readonly string[];
  debounceMs: number;
}

/** Reads the plain settings. */
export function readSettings(scope?: vscode.Uri): TokenizerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    issuer: config.get<string>("issuer") || "http://localhost:4433/",
    templateName: config.get<string>("templateName") || "jwt_example_template1",
    ttl: config.get<string>("ttl") || "10m",
    mapperPatterns: config.get<string[]>("mapperPatterns") ??
      DEFAULT_MAPPER_PATTERNS,
    debounceMs: config.get<number>("debounceMs") ?? 300,
  };
}

/** A setting's path resolved against the workspace folder of `scope` (or the first folder). */
export function settingUri(
  setting: string,
  scope?: vscode.Uri,
): vscode.Uri | undefined {
  const path = vscode.workspace.getConfiguration(SECTION, scope).get<string>(
    setting,
  )?.trim();
  if (!path) return undefined;
  if (/^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) {
    return vscode.Uri.parse(path);
  }
  if (path.startsWith("/")) return vscode.Uri.file(path);
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ??
    vscode.workspace.workspaceFolders?.[0];
  return folder === undefined ? undefined : vscode.Uri.joinPath(folder.uri, path);
}
