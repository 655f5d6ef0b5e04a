/**
 * What the language server and its clients say beyond LSP, written once for both sides (the VS Code
 * extension imports this file): the settings' section and shape, the initialization options, the
 * preview request, and the file request a browser's server sends its client.
 *
 * @module
 */

import { RequestType } from "vscode-languageserver-protocol";
import type { TemplatePreview } from "../preview/preview_template.ts";

/** The section the server asks `workspace/configuration` for (`oryTokenizer.sampleSession`, …). */
export const SETTINGS_SECTION = "oryTokenizer";

/**
 * The settings, as `workspace/configuration` returns the section. Paths are relative to the document's
 * workspace folder (or absolute, or `file:` URIs); empty means the built-in default.
 */
export interface ServerSettings {
  /** A whoami JSON file diagnostics and the preview evaluate with; empty: the built-in sample session. */
  sampleSession: string;
  /** The JSON Web Key Set the preview signs with; empty: a throwaway ES256 key. */
  keySet: string;
  /** An identity JSON schema: `identity.traits` completes from its `properties.traits.properties`. */
  identitySchema: string;
  /** The `iss` claim: Kratos's `serve.public.base_url`. */
  issuer: string;
  /** The template's `ttl`, a Go duration. */
  ttl: string;
  /** The template's name, for Ory's messages in the preview. */
  templateName: string;
  /**
   * Globs of claims mappers (relative to the workspace folder); any file reading `std.extVar('session')`
   * or `std.extVar('claims')` is one too. Other documents get no diagnostics.
   */
  mapperPatterns: string[];
  /**
   * The services the token is for (`TARGET_NAMES`): a name, or `{ name, settings }` with the profile's
   * settings by lib's name or the service's own (`{ name: "hasura", settings: { allowed_skew: 30 } }`).
   * Each target's findings become diagnostics, and its verdict comes back with the preview.
   */
  targets: TargetEntry[];
  /** How long after the last change the server checks a document it pushes diagnostics for, in ms. */
  debounceMs: number;
  /**
   * `false` says the workspace is untrusted: the server then reads none of the files the path settings
   * name. A setting can only lower trust, never raise what the initialization options said.
   */
  workspaceTrusted: boolean;
}

/** One entry of the `targets` setting: a target's name, or its name with settings. */
export type TargetEntry = string | { name: string; settings?: Record<string, unknown> };

/** The defaults of every setting. */
export const DEFAULT_SETTINGS: Readonly<ServerSettings> = {
  sampleSession: "",
  keySet: "",
  identitySchema: "",
  issuer: "http://localhost:4433/",
  ttl: "10m",
  templateName: "jwt_example_template1",
  mapperPatterns: ["**/claims*.jsonnet"],
  targets: [],
  debounceMs: 200,
  workspaceTrusted: true,
};

/** The settings that name files, which an untrusted workspace never reads. */
export const PATH_SETTINGS = ["sampleSession", "keySet", "identitySchema"] as const;

/** `initializationOptions` the server understands; every member optional. */
export interface InitializationOptions {
  /** `false` for an untrusted workspace (VS Code: `vscode.workspace.isTrusted`). */
  workspaceTrusted?: boolean;
  /** Settings for clients that cannot answer `workspace/configuration`; the answers win over these. */
  settings?: Partial<ServerSettings>;
  /** The same, under the section's name, as Helix sends its `config`. */
  oryTokenizer?: Partial<ServerSettings>;
  /**
   * The client answers `oryTokenizer/readFile`: a server without a file system (a browser's Worker) then
   * reads the settings' files through it. Never asked in an untrusted workspace.
   */
  clientReadsFiles?: boolean;
}

/** Asks the client for a file the settings name (server to client). */
export interface ReadFileParams {
  uri: string;
}

/** The file's text, or `null` when there is no such file. */
export interface ReadFileResult {
  text: string;
}

/** `oryTokenizer/readFile`: the server asks the client for a settings file it cannot read itself. */
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult | null, void>("oryTokenizer/readFile");

/** Asks for the preview of an open mapper, as the extension's panel shows it. */
export interface PreviewParams {
  textDocument: { uri: string };
}

/** The preview of a mapper, and what it was made from. */
export interface PreviewResult {
  uri: string;
  /** The document version the preview evaluated. */
  version: number;
  /** `previewTemplate`'s result: findings, claims with origins, token, verification, Ory's error. */
  preview: TemplatePreview;
  /** Where the session came from: a file the settings name, or the built-in sample. */
  sessionOrigin: string;
  /** Where the signing key came from: a file the settings name, or a throwaway key. */
  keySetOrigin: string;
  /** Why a setting's file was not used (missing, broken, or an untrusted workspace), or a target was not checked. */
  problems: string[];
  /**
   * What the verdicts in `preview.targets` leave out: the key findings when a throwaway key signed, or
   * why no target was checked (no token).
   */
  targetsNote?: string;
}

/** `oryTokenizer/preview`: the preview of an open document (`null` when the server does not have it open). */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult | null, void>("oryTokenizer/preview");

/** Where each lint rule is documented: `#<code>` anchors. */
export const RULES_DOCUMENTATION = "https://github.com/ory-tokenizer/ory-tokenizer/blob/main/docs/lint-rules.md";
