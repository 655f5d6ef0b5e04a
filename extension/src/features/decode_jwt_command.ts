/**
 * *Decode JWT*: the selection (or the clipboard) read as a token, never verified: header, claims,
 * times in words, sizes and what is wrong with it, in an untitled editor.
 *
 * @module
 */

import * as vscode from "vscode";
import { decodeToken, TokenizerError } from "../../../lib/mod.ts";
import { showUntitled } from "./documents.ts";

/** Registers the command. */
export function registerDecodeJwt(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand("oryTokenizer.decodeJwt", async (token?: string) => {
    const editor = vscode.window.activeTextEditor;
    const selected = editor === undefined || editor.selection.isEmpty ? "" : editor.document.getText(editor.selection);
    const text = token ?? (selected.trim() !== "" ? selected : await vscode.env.clipboard.readText());
    try {
      const decoded = decodeToken(text);
      await showUntitled(`${JSON.stringify(decoded, null, 2)}\n`, "json");
    } catch (error) {
      // Never echo the token: it may be a live credential.
      const message = error instanceof TokenizerError ? error.message : "the text is not a token";
      void vscode.window.showErrorMessage(`Cannot decode the selection or clipboard: ${message}`);
    }
  }));
}
