/**
 * Hover that knows Ory: a session or claims member's type and meaning (and when Kratos omits it),
 * and for `std.*` go-jsonnet's signature, a line of documentation and any engine difference.
 *
 * @module
 */

import * as vscode from "vscode";
import { memberInfo, pathAt } from "../logic/session_paths.ts";
import { stdHover } from "../logic/std_docs.ts";
import { isMapperDocument } from "./diagnostics.ts";
import { loadIdentitySchema, loadSession } from "./settings.ts";

function stdAt(
  document: vscode.TextDocument,
  position: vscode.Position,
): vscode.Hover | undefined {
  const range = document.getWordRangeAtPosition(
    position,
    /[A-Za-z_][A-Za-z0-9_]*/,
  );
  if (range === undefined) return undefined;
  const before = document.lineAt(position.line).text.slice(
    0,
    range.start.character,
  );
  if (!/(^|[^A-Za-z0-9_.])std\s*\.\s*$/.test(before)) return undefined;
  const hover = stdHover(document.getText(range));
  if (hover === undefined) return undefined;
  const text = new vscode.MarkdownString();
  text.appendCodeblock(hover.signature, "jsonnet");
  text.appendMarkdown(
    `${hover.documentation}\n\n${hover.difference ? `**Engine difference:** ${hover.difference}` : ""}`,
  );
  return new vscode.Hover(text, range);
}

/** Registers the hover provider for mappers. */
export function registerHover(context: vscode.ExtensionContext): void {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position) {
      if (!isMapperDocument(document)) return undefined;
      const text = document.getText();
      const at = pathAt(text, document.offsetAt(position));
      if (at === undefined) return stdAt(document, position);
      const [session, schema] = await Promise.all([
        loadSession(document.uri),
        loadIdentitySchema(document.uri),
      ]);
      const info = memberInfo(at, {
        session: session.value,
        identitySchema: schema?.value,
      });
      if (info === undefined) return undefined;
      const path = [at.variable, ...at.path].map((
        step,
      ) => (typeof step === "number" ? `[${step}]` : step)).join(".")
        .replace(/\.\[/g, "[");
      const markdown = new vscode.MarkdownString();
      markdown.appendMarkdown(
        `\`${path}\`: ${info.type}\n\n${info.documentation}`,
      );
      return new vscode.Hover(
        markdown,
        new vscode.Range(
          document.positionAt(at.start),
          document.positionAt(at.end),
        ),
      );
    },
  };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider([{ language: "jsonnet" }, {
      pattern: "**/*.{jsonnet,libsonnet}",
    }], provider),
  );
}
