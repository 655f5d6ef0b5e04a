/**
 * Completion that knows Ory: after `std.extVar('session')` (or a local bound to it) the session's
 * members from Kratos's shape, the sample session's traits and the identity schema's; after
 * `std.extVar('claims')` the default claims; after `std.` go-jsonnet's functions.
 *
 * @module
 */

import * as vscode from "vscode";
import { type MemberInfo, membersAt, pathBeforeCursor } from "../logic/session_paths.ts";
import { stdHover, stdNames } from "../logic/std_docs.ts";
import { isMapperDocument } from "./diagnostics.ts";
import { loadIdentitySchema, loadSession } from "./settings.ts";

const KINDS: Record<MemberInfo["kind"], vscode.CompletionItemKind> = {
  field: vscode.CompletionItemKind.Field,
  object: vscode.CompletionItemKind.Module,
  array: vscode.CompletionItemKind.Value,
};

function stdItems(
  document: vscode.TextDocument,
  position: vscode.Position,
): vscode.CompletionItem[] | undefined {
  const prefix = document.lineAt(position.line).text.slice(
    0,
    position.character,
  );
  if (!/(^|[^A-Za-z0-9_.])std\s*\.\s*[A-Za-z0-9_]*$/.test(prefix)) {
    return undefined;
  }
  return stdNames().map((name) => {
    const hover = stdHover(name)!;
    const item = new vscode.CompletionItem(
      name,
      vscode.CompletionItemKind.Function,
    );
    item.detail = hover.signature;
    item.documentation = new vscode.MarkdownString(
      [hover.documentation, hover.difference].filter(Boolean).join("\n\n"),
    );
    return item;
  });
}

/** Registers the completion provider for mappers. */
export function registerCompletion(context: vscode.ExtensionContext): void {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      if (!isMapperDocument(document)) return undefined;
      const where = pathBeforeCursor(
        document.getText(),
        document.offsetAt(position),
      );
      if (where === undefined) return stdItems(document, position);
      const [session, schema] = await Promise.all([
        loadSession(document.uri),
        loadIdentitySchema(document.uri),
      ]);
      return membersAt(where, {
        session: session.value,
        identitySchema: schema?.value,
      }).map((member) => {
        const item = new vscode.CompletionItem(member.name, KINDS[member.kind]);
        item.detail = member.type;
        item.documentation = new vscode.MarkdownString(member.documentation);
        return item;
      });
    },
  };
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      [{ language: "jsonnet" }, { pattern: "**/*.{jsonnet,libsonnet}" }],
      provider,
      ".",
    ),
  );
}
