/**
 * *Encode Template into Config*: the key set and the mapper (from settings, the active editor or a
 * pick) as Ory's `base64://` template, written into a `kratos.yml` or JSON config of the workspace
 * with a WorkspaceEdit (one undo), or copied as the `ory patch identity-config` command.
 *
 * @module
 */

import * as vscode from "vscode";
import {
  checkTemplateName,
  configFormat,
  encodeTemplate,
  parseJwks,
  TokenizerError,
  toOryPatchCommand,
} from "../../../lib/mod.ts";
import { templateConfigEdit } from "../logic/config_edit.ts";
import { isMapperDocument } from "./mapper_documents.ts";
import { findWorkspaceFiles, pickWorkspaceFile, readWorkspaceText } from "./documents.ts";
import { readSettings, settingUri } from "./settings.ts";

/** What a caller (a keybinding, a task, a test) may pass instead of answering the picks. */
export interface EncodeArguments {
  keySet?: string;
  mapper?: string;
  /** A config file's URI, or `clipboard` for the `ory patch` command. */
  target?: string;
  name?: string;
}

const CONFIG_GLOB = "**/*.{yml,yaml,json}";
const CLIPBOARD = "clipboard";

function looksLikeConfig(uri: vscode.Uri): boolean {
  return /(kratos|identity[-_]config|config)[^/]*\.(ya?ml|json)$/i.test(uri.path);
}

async function chooseTarget(): Promise<string | undefined> {
  const configs = (await findWorkspaceFiles(CONFIG_GLOB)).filter(looksLikeConfig);
  const picked = await vscode.window.showQuickPick([
    ...configs.map((uri) => ({
      label: vscode.workspace.asRelativePath(uri, false),
      description: "update the template",
      target: uri.toString(),
    })),
    { label: "Copy the `ory patch identity-config` command", description: "Ory Network", target: CLIPBOARD },
  ], { title: "Where should the template go?" });
  return picked?.target;
}

async function chooseMapper(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active !== undefined && isMapperDocument(active)) return active.uri;
  return await pickWorkspaceFile("**/*.jsonnet", "Pick the claims mapper");
}

/** Registers the command. */
export function registerEncode(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("oryTokenizer.encodeTemplate", async (args: EncodeArguments = {}) => {
      try {
        const keysUri = args.keySet !== undefined ? vscode.Uri.parse(args.keySet) : settingUri("keySet") ??
          await pickWorkspaceFile(
            "**/*.json",
            "Pick the key set (the first key signs)",
            (u) => /jwk|key/i.test(u.path),
          );
        if (keysUri === undefined) {
          return;
        }
        const mapperUri = args.mapper !== undefined ? vscode.Uri.parse(args.mapper) : await chooseMapper();
        if (mapperUri === undefined) {
          return;
        }
        const settings = readSettings(mapperUri);
        const keysText = await readWorkspaceText(keysUri);
        parseJwks(keysText); // Ory's own check first, so a broken set is never encoded
        const template = encodeTemplate({
          jwks: keysText,
          claimsMapper: await readWorkspaceText(mapperUri),
          ttl: settings.ttl,
        });
        const name = checkTemplateName(args.name ?? settings.templateName);
        const target = args.target ?? await chooseTarget();
        if (target === undefined) return;
        if (target === CLIPBOARD) {
          await vscode.env.clipboard.writeText(toOryPatchCommand(name, template));
          void vscode.window.showInformationMessage(`Copied the ory patch command for template "${name}".`);
          return;
        }
        const configUri = vscode.Uri.parse(target);
        const document = await vscode.workspace.openTextDocument(configUri);
        const label = vscode.workspace.asRelativePath(configUri, false);
        const edit = templateConfigEdit({ text: document.getText(), format: configFormat(configUri.path), label }, {
          name,
          template,
        });
        const workspaceEdit = new vscode.WorkspaceEdit();
        workspaceEdit.replace(
          configUri,
          new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
          edit.newText,
        );
        await vscode.workspace.applyEdit(workspaceEdit);
        await vscode.window.showTextDocument(document, { preview: false });
        void vscode.window.showInformationMessage(
          `Template "${name}" written into ${label} (unsaved; Undo reverts it).`,
        );
      } catch (error) {
        // lib's errors never carry key material; show Ory's reason and our detail.
        const message = error instanceof TokenizerError
          ? `${error.reason} ${error.detail ?? ""}`
          : (error as Error).message;
        void vscode.window.showErrorMessage(`Cannot encode the template: ${message}`);
      }
    }),
  );
}
