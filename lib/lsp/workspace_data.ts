/**
 * The files the settings name (sample session, key set, identity schema), read for the language server
 * and kept until a watched file or the settings change. An untrusted workspace reads none of them, and
 * a missing or broken file is a problem to report, never a failure: the built-in sample session or a
 * throwaway key stands in. Nothing read here is ever logged.
 *
 * @module
 */

import { generateJwks } from "../keys/generate_jwks.ts";
import { parseJwks } from "../keys/parse_jwks.ts";
import { parseSession } from "../session/parse_session.ts";
import { sampleSession, type Session } from "../session/session.ts";
import type { JwkSet } from "../types.ts";
import { PATH_SETTINGS, type ServerSettings, SETTINGS_SECTION } from "./protocol.ts";

/** Reads a file's bytes; the host's (absent in a browser, where the settings' files cannot be read). */
export type ReadUri = (uri: URL) => Promise<Uint8Array>;

/** What the settings' files provided, where each value came from, and what went wrong. */
export interface WorkspaceData {
  session: Session;
  sessionOrigin: string;
  identitySchema: unknown;
  /** The key set the preview signs with; undefined: the throwaway one. */
  keySet: JwkSet | undefined;
  keySetOrigin: string;
  /** Why a setting's file was not used. */
  problems: string[];
  /** The files read (or tried), for the watcher. */
  files: URL[];
}

/** The largest settings file read: a whoami session or a key set is kilobytes. */
const MAX_SETTINGS_FILE_BYTES = 4 * 1024 * 1024;

/** A setting's path as a URL: absolute, a URI, or relative to the workspace folder. */
export function settingUrl(path: string, folder: string | undefined): URL | undefined {
  const trimmed = path.trim();
  if (trimmed === "") return undefined;
  try {
    if (/^[a-z][a-z0-9+.-]+:/i.test(trimmed) && !/^[a-z]:[\\/]/i.test(trimmed)) return new URL(trimmed);
    if (trimmed.startsWith("/")) return new URL(`file://${encodeURI(trimmed)}`);
    if (folder === undefined) return undefined;
    return new URL(encodeURI(trimmed), folder.endsWith("/") ? folder : `${folder}/`);
  } catch {
    return undefined;
  }
}

/** What a file name looks like in messages: relative to the folder when inside it. */
function label(url: URL, folder: string | undefined): string {
  const base = folder === undefined ? undefined : folder.endsWith("/") ? folder : `${folder}/`;
  const text = url.href;
  const path = base !== undefined && text.startsWith(base) ? text.slice(base.length) : url.pathname;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === "no such file" ? "the file does not exist" : message;
}

/**
 * Reads the settings' files for one workspace folder.
 *
 * @param settings the folder's settings.
 * @param folder the workspace folder's URI, which relative paths start from.
 * @param trusted whether the workspace is trusted; when not, no file is read.
 * @param read the host's file reader; absent, no file is read.
 */
export async function loadWorkspaceData(
  settings: ServerSettings,
  folder: string | undefined,
  trusted: boolean,
  read: ReadUri | undefined,
): Promise<WorkspaceData> {
  const problems: string[] = [];
  const files: URL[] = [];
  const urls: Partial<Record<(typeof PATH_SETTINGS)[number], URL>> = {};
  for (const setting of PATH_SETTINGS) {
    if (settings[setting].trim() === "") continue;
    const where = `${SETTINGS_SECTION}.${setting}`;
    if (!trusted) {
      problems.push(`The workspace is not trusted, so ${where} ("${settings[setting]}") is not read`);
    } else if (read === undefined) {
      problems.push(
        `This language server cannot read files here (and its client offers none), so ${where} is not read`,
      );
    } else {
      const url = settingUrl(settings[setting], folder);
      if (url === undefined) problems.push(`${where} ("${settings[setting]}") is not a path this server can resolve`);
      else urls[setting] = url;
    }
  }
  const text = async (url: URL): Promise<string> => {
    files.push(url);
    const bytes = await read!(url);
    if (bytes.byteLength > MAX_SETTINGS_FILE_BYTES) {
      throw new Error(`it is larger than ${MAX_SETTINGS_FILE_BYTES / 1024 / 1024} MiB`);
    }
    return new TextDecoder().decode(bytes);
  };
  let session = sampleSession();
  let sessionOrigin = "the built-in sample session";
  if (urls.sampleSession !== undefined) {
    const name = label(urls.sampleSession, folder);
    try {
      session = parseSession(await text(urls.sampleSession), name);
      sessionOrigin = name;
    } catch (error) {
      problems.push(
        `The sample session ${name} (${SETTINGS_SECTION}.sampleSession) cannot be used: ${describe(error)}. ` +
          "Using the built-in sample session instead",
      );
    }
  }
  let identitySchema: unknown;
  if (urls.identitySchema !== undefined) {
    const name = label(urls.identitySchema, folder);
    try {
      identitySchema = JSON.parse(await text(urls.identitySchema));
    } catch (error) {
      problems.push(
        `The identity schema ${name} (${SETTINGS_SECTION}.identitySchema) cannot be used: ${describe(error)}`,
      );
    }
  }
  let keySet: JwkSet | undefined;
  let keySetOrigin = `a throwaway ES256 key (set ${SETTINGS_SECTION}.keySet to use yours)`;
  if (urls.keySet !== undefined) {
    const name = label(urls.keySet, folder);
    try {
      keySet = parseJwks(await text(urls.keySet));
      keySetOrigin = name;
    } catch (error) {
      problems.push(
        `The key set ${name} (${SETTINGS_SECTION}.keySet) cannot be used: ${describe(error)}. Using a throwaway key`,
      );
    }
  }
  return { session, sessionOrigin, identitySchema, keySet, keySetOrigin, problems, files };
}

let throwaway: Promise<JwkSet> | undefined;

/** The preview's stand-in key set, made once per server. */
export function throwawayKeySet(): Promise<JwkSet> {
  throwaway ??= generateJwks({ alg: "ES256", set: "preview" });
  return throwaway;
}
