/**
 * Golden tests in the Test Explorer: each folder with `claims.jsonnet` and `tests/<case>.session.json`
 * (the `ory-tokenizer test` layout) is a test suite, each case a test. Running one checks it with
 * lib's `checkGoldenCase` over the workspace file system; a claims mismatch shows as a diff of the
 * expected file against the actual claims.
 *
 * @module
 */

import * as vscode from "vscode";
import { checkGoldenCase, type GoldenCase, goldenCases, goldenKeySetUrl } from "../../../lib/entries/golden.ts";
import type { JsonnetEvaluator } from "../../../lib/mod.ts";
import { findWorkspaceFiles } from "./documents.ts";
import { readSettings } from "./settings.ts";

const cases = new WeakMap<vscode.TestItem, { entry: GoldenCase; folder: vscode.Uri }>();

function pathUri(base: vscode.Uri, path: string): vscode.Uri {
  return base.with({ path });
}

async function discover(controller: vscode.TestController): Promise<void> {
  const sessions = await findWorkspaceFiles("**/tests/*.session.json");
  const folders = new Map<string, vscode.Uri>();
  for (const session of sessions) {
    const folder = vscode.Uri.joinPath(session, "..", "..");
    folders.set(folder.toString(), folder);
  }
  const suites: vscode.TestItem[] = [];
  for (const folder of folders.values()) {
    const mapper = vscode.Uri.joinPath(folder, "claims.jsonnet");
    try {
      await vscode.workspace.fs.stat(mapper);
    } catch {
      continue; // not the golden layout
    }
    const tests = vscode.Uri.joinPath(folder, "tests");
    const files = (await vscode.workspace.fs.readDirectory(tests)).map(([name]) => name);
    const suite = controller.createTestItem(folder.toString(), vscode.workspace.asRelativePath(folder, false), mapper);
    for (const entry of goldenCases(files, (file) => vscode.Uri.joinPath(tests, file).path)) {
      const item = controller.createTestItem(
        `${folder.toString()}#${entry.name}`,
        entry.name,
        pathUri(folder, entry.session ?? entry.claims ?? tests.path),
      );
      cases.set(item, { entry, folder });
      suite.children.add(item);
    }
    suites.push(suite);
  }
  controller.items.replace(suites);
}

async function runCase(
  item: vscode.TestItem,
  run: vscode.TestRun,
  using: { jwksUrl: string; jsonnet: JsonnetEvaluator },
): Promise<void> {
  const found = cases.get(item);
  if (found === undefined) return;
  const { entry, folder } = found;
  run.started(item);
  const started = Date.now();
  const check = await checkGoldenCase(entry, {
    mapper: vscode.Uri.joinPath(folder, "claims.jsonnet").path,
    testsDir: vscode.Uri.joinPath(folder, "tests").path,
    readFile: async (path) => await vscode.workspace.fs.readFile(pathUri(folder, path)),
    jwksUrl: using.jwksUrl,
    jsonnet: using.jsonnet,
    ttl: readSettings(folder).ttl,
  });
  if (check.problems.length === 0) {
    run.passed(item, Date.now() - started);
    return;
  }
  const message = new vscode.TestMessage(check.problems.join("\n"));
  if (entry.claims !== undefined && check.claims !== undefined) {
    message.expectedOutput = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(pathUri(folder, entry.claims)),
    );
    message.actualOutput = `${JSON.stringify(check.claims, null, 2)}\n`;
  }
  message.location = new vscode.Location(pathUri(folder, check.file), new vscode.Position(0, 0));
  run.failed(item, message, Date.now() - started);
}

/** Registers the test controller; cases are found at start and whenever a test file changes. */
export function registerGoldenTests(
  context: vscode.ExtensionContext,
  jsonnet: JsonnetEvaluator,
): vscode.TestController {
  const controller = vscode.tests.createTestController("oryTokenizer.golden", "Ory tokenizer golden tests");
  controller.resolveHandler = async () => await discover(controller);
  controller.refreshHandler = async () => await discover(controller);
  controller.createRunProfile("Run", vscode.TestRunProfileKind.Run, async (request, token) => {
    const run = controller.createTestRun(request);
    // One throwaway key signs every case, as in `ory-tokenizer test`: claims never depend on it.
    const jwksUrl = await goldenKeySetUrl();
    const queue: vscode.TestItem[] = [];
    const add = (item: vscode.TestItem) => (cases.has(item) ? queue.push(item) : item.children.forEach(add));
    if (request.include === undefined) controller.items.forEach(add);
    else request.include.forEach(add);
    for (const item of queue) {
      if (token.isCancellationRequested || request.exclude?.includes(item)) continue;
      await runCase(item, run, { jwksUrl, jsonnet });
    }
    run.end();
  }, true);
  const watcher = vscode.workspace.createFileSystemWatcher("**/{claims.jsonnet,tests/*.json}");
  const refresh = () => void discover(controller);
  context.subscriptions.push(controller, watcher, watcher.onDidCreate(refresh), watcher.onDidDelete(refresh));
  void discover(controller);
  return controller;
}
