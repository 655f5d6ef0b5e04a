/**
 * *Decode Template from Config*: what a deployed template holds (its key set's public half, the
 * mapper's source, the ttl and subject source), from a `kratos.yml`, an `ory get identity-config`
 * export or a JSON config. Private keys are never shown.
 *
 * @module
 */

import * as vscode from "vscode";
import {
  configFormat,
  configTemplates,
  decodeTemplate,
  publicJwks,
  TokenizerError,
  type TokenizerTemplate,
} from "../../../lib/mod.ts";
import { templateNames } from "../logic/config_edit.ts";
import { parse as parseYaml } from "yaml";
import { pickWorkspaceFile, readWorkspaceText, showUntitled } from "./documents.ts";

function templatesOf(text: string, format: "json" | "yaml"): Record<string, TokenizerTemplate> {
  return configTemplates(format === "json" ? JSON.parse(text) : parseYaml(text)) ?? {};
}

/** Registers the command. */
export function registerDecodeTemplate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("oryTokenizer.decodeTemplate", async (configArgument?: string) => {
      try {
        const uri = configArgument !== undefined
          ? vscode.Uri.parse(configArgument)
          : await pickWorkspaceFile("**/*.{yml,yaml,json}", "Pick the config holding the template");
        if (uri === undefined) return;
        const text = await readWorkspaceText(uri);
        const format = configFormat(uri.path);
        const label = vscode.workspace.asRelativePath(uri, false);
        const names = templateNames({ text, format, label });
        if (names.length === 0) {
          void vscode.window.showWarningMessage(`${label} has no session.whoami.tokenizer.templates.`);
          return;
        }
        const name = names.length === 1
          ? names[0]
          : await vscode.window.showQuickPick(names, { title: "Which template?" });
        if (name === undefined) return;
        const template = templatesOf(text, format)[name]!;
        const decoded = await decodeTemplate(template, {
          // file:// paths as Kratos reads them: absolute, or relative to the config's folder.
          readFile: async (path) =>
            await vscode.workspace.fs.readFile(
              path.startsWith("/") ? uri.with({ path }) : vscode.Uri.joinPath(uri, "..", path),
            ),
        });
        let keys: unknown;
        try {
          keys = publicJwks(decoded.jwks);
        } catch {
          keys = `an HMAC secret (${decoded.jwks.keys.length} key(s)): not shown`;
        }
        const summary = {
          template: name,
          ttl: template.ttl ?? "(not set: 10m here; see docs/decisions.md)",
          subject_source: template.subject_source || "id",
          public_keys: keys,
          claims_mapper: decoded.claimsMapper ?? null,
        };
        await showUntitled(JSON.stringify(summary, null, 2), "json");
      } catch (error) {
        const message = error instanceof TokenizerError
          ? `${error.reason} ${error.detail ?? ""}`
          : (error as Error).message;
        void vscode.window.showErrorMessage(`Cannot decode the template: ${message}`);
      }
    }),
  );
}
