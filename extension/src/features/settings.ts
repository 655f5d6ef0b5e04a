/**
 * The extension's settings (`oryTokenizer.*`) and the files they name: the sample session, the
 * identity schema and the key set. A missing or broken file is a message naming the file, the setting
 * and what is wrong, with a button to fix the setting; the built-in sample session (or a throwaway
 * key) stands in meanwhile, and the preview says so. Nothing read here is ever logged.
 *
 * @module
 */

import * as vscode from "vscode";
import { generateJwks, type JwkSet, parseJwks, parseSession, sampleSession, type Session } from "../../../lib/mod.ts";
import { DEFAULT_MAPPER_PATTERNS } from "../logic/mapper_selector.ts";

/** The settings' section. */
export const SECTION = "oryTokenizer";

/** What the features read from settings. */
export interface TokenizerSettings {
  issuer: string;
  templateName: string;
  ttl: string;
  mapperPatterns: readonly string[];
  debounceMs: number;
}

/** A value a setting's file provided, and where it came from, or the problem with it. */
export interface Loaded<T> {
  value: T;
  /** Where the value came from, for the preview: a file name, or what stood in. */
  origin: string;
  /** Why the setting's file could not be used, when it could not. */
  problem?: string;
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

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function describe(error: unknown): string {
  if (error instanceof vscode.FileSystemError) {
    return error.code === "FileNotFound" ? "the file does not exist" : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

const reported = new Set<string>();

/** Shows a settings problem once per distinct text, with a button that opens the setting. */
export function reportSettingProblem(setting: string, problem: string): void {
  if (reported.has(problem)) return;
  reported.add(problem);
  void vscode.window.showWarningMessage(problem, "Open Setting").then(
    (choice) => {
      if (choice === "Open Setting") {
        void vscode.commands.executeCommand(
          "workbench.action.openSettings",
          `${SECTION}.${setting}`,
        );
      }
    },
  );
}

/** The session diagnostics and the preview use: the `sampleSession` file, else the built-in one. */
export async function loadSession(
  scope?: vscode.Uri,
): Promise<Loaded<Session>> {
  const builtIn = {
    value: sampleSession(),
    origin: "the built-in sample session",
  };
  const uri = settingUri("sampleSession", scope);
  if (uri === undefined) return builtIn;
  const name = label(uri);
  try {
    return { value: parseSession(await readText(uri), name), origin: name };
  } catch (error) {
    const problem =
      `The sample session ${name} (setting ${SECTION}.sampleSession) cannot be used: ${describe(error)}. ` +
      "Using the built-in sample session instead.";
    return { ...builtIn, problem };
  }
}

/** The identity schema for trait completion, when the `identitySchema` setting names one. */
export async function loadIdentitySchema(
  scope?: vscode.Uri,
): Promise<Loaded<unknown> | undefined> {
  const uri = settingUri("identitySchema", scope);
  if (uri === undefined) return undefined;
  const name = label(uri);
  try {
    return { value: JSON.parse(await readText(uri)), origin: name };
  } catch (error) {
    return {
      value: undefined,
      origin: name,
      problem: `The identity schema ${name} (setting ${SECTION}.identitySchema) cannot be used: ${describe(error)}`,
    };
  }
}

let throwaway: Promise<JwkSet> | undefined;

/** The key set the preview signs with: the `keySet` file, else a throwaway ES256 key made once. */
export async function loadKeySet(scope?: vscode.Uri): Promise<Loaded<JwkSet>> {
  throwaway ??= generateJwks({ alg: "ES256", set: "preview" });
  const standIn = {
    value: await throwaway,
    origin: "a throwaway ES256 key (set oryTokenizer.keySet to use yours)",
  };
  const uri = settingUri("keySet", scope);
  if (uri === undefined) return standIn;
  const name = label(uri);
  try {
    return {
      value: parseJwks(await vscode.workspace.fs.readFile(uri)),
      origin: name,
    };
  } catch (error) {
    // lib's key set errors never quote key material; the file system's name only the path.
    const problem = `The key set ${name} (setting ${SECTION}.keySet) cannot be used: ${
      describe(error)
    }. Using a throwaway key instead.`;
    return { ...standIn, problem };
  }
}
