/**
 * *Create JSON Web Key Set*: like `ory create jwk`, with an algorithm picker; the new file is written
 * with owner-only permissions where the file system has them (local files on the desktop).
 *
 * @module
 */

import * as vscode from "vscode";
import { generateJwks, type JwkAlg } from "../../../lib/mod.ts";

declare const require: ((id: string) => unknown) | undefined;

const ALGORITHMS: readonly { alg: JwkAlg; detail: string }[] = [
  { alg: "ES256", detail: "ECDSA P-256: Ory's docs' choice; small tokens" },
  { alg: "ES384", detail: "ECDSA P-384" },
  { alg: "ES512", detail: "ECDSA P-521" },
  { alg: "EdDSA", detail: "Ed25519" },
  { alg: "RS256", detail: "RSA 4096, PKCS #1 v1.5: for verifiers that only know RSA" },
  { alg: "PS256", detail: "RSA 2048, PSS" },
  { alg: "HS256", detail: "HMAC secret: the verifier holds the signing key (Zendesk); Ory's docs advise against" },
];

/** Owner-only permissions for a local file, where the host is Node; elsewhere nothing to do. */
async function restrictToOwner(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== "file" || typeof require !== "function") return false;
  try {
    const fs = require("node:fs/promises") as { chmod(path: string, mode: number): Promise<void> };
    await fs.chmod(uri.fsPath, 0o600);
    return true;
  } catch {
    return false;
  }
}

/** Registers the command. */
export function registerCreateJwks(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand("oryTokenizer.createJwks", async () => {
    const picked = await vscode.window.showQuickPick(
      ALGORITHMS.map(({ alg, detail }) => ({ label: alg, detail, alg })),
      { title: "Signing algorithm of the new key set" },
    );
    if (picked === undefined) return;
    const set = await vscode.window.showInputBox({
      title: "Key set name (as `ory create jwk <set>`)",
      value: "tokenizer",
    });
    if (set === undefined) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: "Save the key set (private: keep it out of version control)",
      ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, `${set}.jwks.json`) }),
      filters: { "JSON Web Key Set": ["json"] },
    });
    if (target === undefined) return;
    const jwks = await generateJwks({ alg: picked.alg, set, kid: "thumbprint" });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(jwks, null, 2)}\n`));
    const restricted = await restrictToOwner(target);
    const name = vscode.workspace.asRelativePath(target, false);
    void vscode.window.showInformationMessage(
      `Created ${name} (${picked.alg}${restricted ? ", mode 0600" : ""}). Export its public half for verifiers.`,
    );
  }));
}
