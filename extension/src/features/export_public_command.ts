/**
 * *Export Public Key Set*: the public half of a key set (like `ory get jwk --public`), for the APIs
 * that verify the tokens. HMAC secrets have no public half and are refused.
 *
 * @module
 */

import * as vscode from "vscode";
import { parseJwks, publicJwks, TokenizerError } from "../../../lib/mod.ts";
import { pickWorkspaceFile, readWorkspaceText, showUntitled } from "./documents.ts";
import { settingUri } from "./settings.ts";

/** Registers the command. */
export function registerExportPublic(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("oryTokenizer.exportPublicJwks", async (keySet?: string) => {
      const uri = keySet !== undefined ? vscode.Uri.parse(keySet) : settingUri("keySet") ??
        await pickWorkspaceFile("**/*.json", "Pick the key set", (u) => /jwk|key/i.test(u.path));
      if (uri === undefined) return;
      try {
        const set = publicJwks(parseJwks(await readWorkspaceText(uri)));
        await showUntitled(`${JSON.stringify(set, null, 2)}\n`, "json");
      } catch (error) {
        const message = error instanceof TokenizerError
          ? `${error.reason} ${error.detail ?? ""}`
          : (error as Error).message;
        void vscode.window.showErrorMessage(`Cannot export ${vscode.workspace.asRelativePath(uri, false)}: ${message}`);
      }
    }),
  );
}
