/**
 * Small shared glue: reading a workspace file as text, opening generated text in an untitled editor,
 * and picking a workspace file by pattern.
 *
 * @module
 */

import * as vscode from "vscode";
import { globToRegExp } from "../../../lib/lsp/mapper_documents.ts";

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", "dist", ".vscode-test-web"]);
const MAX_DEPTH = 6;
const MAX_FILES = 2000;

/**
 * The workspace files whose folder-relative path matches a glob. A walk over the workspace file
 * system rather than `findFiles`: file search is missing on some virtual file systems (VS Code for
 * the Web's), and mapper folders are small.
 */
export async function findWorkspaceFiles(glob: string): Promise<vscode.Uri[]> {
  const pattern = globToRegExp(glob);
  const found: vscode.Uri[] = [];
  let seen = 0;
  const walk = async (folder: vscode.Uri, relative: string, depth: number): Promise<void> => {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return; // unreadable folders are skipped, as search skips them
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      if (++seen > MAX_FILES) return;
      const path = relative === "" ? name : `${relative}/${name}`;
      const uri = vscode.Uri.joinPath(folder, name);
      if (type & vscode.FileType.Directory) {
        if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(name)) await walk(uri, path, depth + 1);
      } else if (pattern.test(path)) {
        found.push(uri);
      }
    }
  };
  for (const folder of vscode.workspace.workspaceFolders ?? []) await walk(folder.uri, "", 0);
  return found;
}

/** Reads a file through the workspace file system (local, remote or virtual). */
export async function readWorkspaceText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Shows generated text in a new untitled editor beside the current one (nothing is written or logged). */
export async function showUntitled(content: string, language: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/**
 * Lets the user pick a workspace file among those matching `include`, the active editor's first.
 *
 * @returns the chosen file, or undefined when there is none or the pick was dismissed.
 */
export async function pickWorkspaceFile(
  include: string,
  title: string,
  accept: (uri: vscode.Uri) => boolean = () => true,
): Promise<vscode.Uri | undefined> {
  const found = (await findWorkspaceFiles(include)).filter(accept);
  const active = vscode.window.activeTextEditor?.document.uri;
  const uris = active !== undefined && accept(active) && !found.some((u) => u.toString() === active.toString())
    ? [active, ...found]
    : found;
  if (uris.length === 0) {
    const chosen = await vscode.window.showOpenDialog({ title, canSelectMany: false });
    return chosen?.[0];
  }
  const picked = await vscode.window.showQuickPick(
    uris.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri })),
    { title, placeHolder: title },
  );
  return picked?.uri;
}
