/**
 * The language server for claims mappers, independent of how its messages travel: stdio for every
 * editor (`lib/cli/lsp_stdio.ts`: Node's process is the CLI's to touch), a Worker in browsers
 * (`worker.ts`). A shell over lib's public calls: diagnostics from `lintClaimsMapper` (pulled when the
 * client can, else pushed after a debounce; stale versions dropped, LSP cancellation aborting the lint
 * through its `AbortSignal`), code actions from its fixes, completion and hover from the editor model
 * (`mapperCompletionAt`, `mapperSubjectAt`), and the preview (`previewTemplate`) as
 * `oryTokenizer/preview`. With the `targets` setting, one `previewTemplate` run gives both the findings
 * and each target's verdict, whose findings become diagnostics too. Every handler answers within its
 * limits and no input ends the server.
 *
 * @module
 */

import {
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  DidChangeWatchedFilesNotification,
  type Disposable,
  DocumentDiagnosticReportKind,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { mapperCompletionAt, mapperSubjectAt } from "../lint/mapper_position.ts";
import { lintClaimsMapper } from "../wired/lint_claims_mapper.ts";
import { previewTemplate } from "../wired/preview_template.ts";
import type { Diagnostic } from "../lint/diagnostic.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { TokenizerError } from "../errors.ts";
import type { TemplatePreview } from "../preview/preview_template.ts";
import type { PreviewTarget } from "../preview/target_verdicts.ts";
import { STAND_IN_UNCHECKED, withoutKeyFindings } from "../targets/key_findings.ts";
import {
  DEFAULT_SETTINGS,
  type InitializationOptions,
  PreviewRequest,
  type PreviewResult,
  ReadFileRequest,
  type ServerSettings,
  SETTINGS_SECTION,
} from "./protocol.ts";
import {
  quickFixes,
  targetDiagnostics,
  targetNoteDiagnostic,
  toCompletionItems,
  toHover,
  toLspDiagnostics,
  tooLargeDiagnostic,
} from "./to_lsp.ts";
import { chooseTargets } from "./target_settings.ts";
import { loadWorkspaceData, type ReadUri, throwawayKeySet, type WorkspaceData } from "./workspace_data.ts";
import { isClaimsMapper } from "./mapper_documents.ts";

/** What the runtime gives the server. */
export interface LanguageServerHost {
  /** Reads the files the settings name; absent where there is no file system (a browser Worker). */
  readFile?: ReadUri | undefined;
}

/** The largest document the server checks, in UTF-16 code units: mappers are kilobytes. */
export const MAX_DOCUMENT_LENGTH = 256 * 1024;

/** What checking a document found: lib's findings, and the targets' diagnostics beside them. */
interface Checked {
  findings: Diagnostic[];
  targets: LspDiagnostic[];
}

/** A preview with the targets' verdicts, and what they leave out. */
interface TargetedPreview {
  preview: TemplatePreview;
  /** Key findings left out (a throwaway key signed), or why no target was checked. */
  note?: string | undefined;
  /** A target setting the profile's own check refused (already shown to the user). */
  problem?: string | undefined;
}

/** What the verdicts leave out when a throwaway key signed, and how to check it. */
const STAND_IN_NOTE = `${STAND_IN_UNCHECKED}; set ${SETTINGS_SECTION}.keySet to your key set to check them`;

/** The server's name in `initialize`'s answer. */
const SERVER_INFO = { name: "ory-tokenizer" };

/**
 * Serves the language over a connection until it closes.
 *
 * @param connection a connection from `vscode-languageserver/node` or `vscode-languageserver/browser`.
 * @param host what this runtime can do (read files).
 */
export function startLanguageServer(connection: Connection, host: LanguageServerHost = {}): void {
  const documents = new TextDocuments(TextDocument);
  let folders: string[] = [];
  let initialTrust = true;
  let initialSettings: Partial<ServerSettings> = {};
  let canConfigure = false;
  let pull = false;
  let canRefresh = false;
  let canWatch = false;
  /** The host's file reader, else the client's (`oryTokenizer/readFile`) when it offers one. */
  let readFile: ReadUri | undefined = host.readFile;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const dataCache = new Map<string, Promise<WorkspaceData>>();
  const readFiles = new Set<string>();
  const reported = new Set<string>();
  const pushes = new Map<string, { timer?: ReturnType<typeof setTimeout>; controller?: AbortController }>();
  /** The diagnostics last reported per document, for clients whose code action requests drop `data`. */
  const latest = new Map<string, LspDiagnostic[]>();
  let watchRegistration: Disposable | undefined;
  let watchedNames = "";

  const log = (message: string) => connection.console.error(message);

  /** Runs a handler; an unexpected failure is logged and answered with `fallback`, never thrown. */
  async function guarded<T>(what: string, fallback: T, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`ory-tokenizer: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  }

  function folderOf(uri: string): string | undefined {
    return folders.filter((folder) => uri.startsWith(folder.endsWith("/") ? folder : `${folder}/`))
      .sort((a, b) => b.length - a.length)[0] ?? folders[0] ?? uri.slice(0, uri.lastIndexOf("/") + 1);
  }

  function settingsFor(uri: string): Promise<ServerSettings> {
    const folder = folderOf(uri) ?? "";
    let settings = settingsCache.get(folder);
    if (settings === undefined) {
      settings = (async () => {
        let answer: unknown;
        if (canConfigure) {
          try {
            answer = await connection.workspace.getConfiguration({
              scopeUri: folder || uri,
              section: SETTINGS_SECTION,
            });
          } catch {
            answer = undefined;
          }
        }
        return normalizeSettings({ ...initialSettings, ...(isRecord(answer) ? answer : {}) });
      })();
      settingsCache.set(folder, settings);
    }
    return settings;
  }

  async function dataFor(uri: string): Promise<{ settings: ServerSettings; data: WorkspaceData }> {
    const settings = await settingsFor(uri);
    const folder = folderOf(uri);
    const trusted = initialTrust && settings.workspaceTrusted;
    const key = JSON.stringify([folder, settings.sampleSession, settings.keySet, settings.identitySchema, trusted]);
    let data = dataCache.get(key);
    if (data === undefined) {
      data = loadWorkspaceData(settings, folder, trusted, readFile);
      dataCache.set(key, data);
      const loaded = await data;
      for (const file of loaded.files) readFiles.add(file.href);
      for (const problem of loaded.problems) report(problem);
      watchFiles().catch((error: unknown) =>
        log(`ory-tokenizer: watching the settings' files failed: ${String(error)}`)
      );
    }
    return { settings, data: await data };
  }

  function report(problem: string, level: "warning" | "information" = "warning"): void {
    if (reported.has(problem)) return;
    reported.add(problem);
    if (level === "warning") void connection.window.showWarningMessage(problem);
    else void connection.window.showInformationMessage(problem);
  }

  /** The targets the settings name; a mistake in the setting is reported once, and that entry left out. */
  function targetsOf(settings: ServerSettings): PreviewTarget[] {
    const { targets, problem } = chooseTargets(settings.targets);
    if (problem !== undefined) report(problem);
    return targets;
  }

  /**
   * The preview with each target's verdict. A throwaway key's verdicts leave the key findings out; a
   * target setting the profile's own check refuses (a malformed JSON path) is reported, and the
   * preview made again without the targets.
   */
  async function targetedPreview(
    document: TextDocument,
    settings: ServerSettings,
    data: WorkspaceData,
    targets: readonly PreviewTarget[],
    options: { ttl: string; signal: AbortSignal },
  ): Promise<TargetedPreview> {
    const input = {
      claimsMapper: document.getText(),
      jwks: data.keySet ?? await throwawayKeySet(),
      session: data.session,
      issuer: settings.issuer,
      ttl: options.ttl,
      templateName: settings.templateName,
      filename: document.uri.slice(document.uri.lastIndexOf("/") + 1) || "claims.jsonnet",
    };
    if (targets.length === 0) return { preview: await previewTemplate(input, { signal: options.signal }) };
    let preview: TemplatePreview;
    try {
      preview = await previewTemplate({ ...input, targets }, { signal: options.signal });
    } catch (error) {
      if (!(error instanceof TokenizerError) || options.signal.aborted) throw error;
      const problem = `${SETTINGS_SECTION}.targets: ${error.reason}; no target is checked`;
      report(problem);
      return { preview: await previewTemplate(input, { signal: options.signal }), problem };
    }
    if (preview.targets === undefined) {
      return {
        preview,
        note: `The targets were not checked: there is no token (${
          preview.error?.reason ?? "Ory would refuse the template"
        })`,
      };
    }
    if (data.keySet !== undefined) return { preview };
    const verdicts: Record<string, ReturnType<typeof withoutKeyFindings>> = {};
    for (const [name, verdict] of Object.entries(preview.targets)) verdicts[name] = withoutKeyFindings(verdict);
    return { preview: { ...preview, targets: verdicts }, note: STAND_IN_NOTE };
  }

  /** The TTL to check with: the setting, or 10m (said once) when it is not a Go duration. */
  function checkedTtl(settings: ServerSettings): string {
    try {
      parseDurationNanos(settings.ttl);
      return settings.ttl;
    } catch {
      report(`${SETTINGS_SECTION}.ttl ("${settings.ttl}") is not a Go duration such as 10m; using 10m`);
      return "10m";
    }
  }

  /** Watches the files the settings name, where the client lets the server register watchers. */
  async function watchFiles(): Promise<void> {
    if (!canWatch) return;
    const names = [...readFiles].map((href) => decoded(href.slice(href.lastIndexOf("/") + 1))).sort();
    const key = names.join("\n");
    if (key === watchedNames || names.length === 0) return;
    watchedNames = key;
    watchRegistration?.dispose();
    watchRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: names.map((name) => ({ globPattern: `**/${name}` })),
    });
  }

  /** The document's path for the mapper patterns: relative to its folder, else its URI's path. */
  function pathOf(uri: string): string {
    const folder = folderOf(uri);
    const base = folder === undefined ? undefined : folder.endsWith("/") ? folder : `${folder}/`;
    if (base !== undefined && uri.startsWith(base)) return decoded(uri.slice(base.length));
    try {
      return decoded(new URL(uri).pathname);
    } catch {
      return uri;
    }
  }

  async function lint(document: TextDocument, signal: AbortSignal): Promise<Checked | "too large"> {
    const text = document.getText();
    const { settings, data } = await dataFor(document.uri);
    if (!isClaimsMapper(pathOf(document.uri), text, settings.mapperPatterns)) return { findings: [], targets: [] };
    if (text.length > MAX_DOCUMENT_LENGTH) return "too large";
    const ttl = checkedTtl(settings);
    const targets = targetsOf(settings);
    if (targets.length === 0) {
      const findings = await lintClaimsMapper(text, {
        session: data.session,
        issuer: settings.issuer,
        filename: document.uri.slice(document.uri.lastIndexOf("/") + 1) || "claims.jsonnet",
        ttl,
        signal,
      });
      return { findings, targets: [] };
    }
    // One evaluation gives lib's findings and the token the targets check.
    const { preview, note } = await targetedPreview(document, settings, data, targets, { ttl, signal });
    const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n|$/)));
    if (preview.targets !== undefined) {
      if (note !== undefined) report(note, "information");
      return { findings: preview.diagnostics, targets: targetDiagnostics(preview.targets, firstLine) };
    }
    // Without a token the findings usually say why; when none is an error, the note does.
    const quiet = note === undefined || preview.diagnostics.some((finding) => finding.severity === "error");
    return { findings: preview.diagnostics, targets: quiet ? [] : [targetNoteDiagnostic(note, firstLine)] };
  }

  function lspDiagnostics(result: Checked | "too large", document: TextDocument): LspDiagnostic[] {
    const diagnostics = result === "too large"
      ? [tooLargeDiagnostic(document.getText().length, MAX_DOCUMENT_LENGTH)]
      : [...toLspDiagnostics(result.findings, document.uri), ...result.targets];
    latest.set(document.uri, diagnostics);
    return diagnostics;
  }

  /** Push mode: lints after the debounce; a newer edit aborts the run, and a stale result is dropped. */
  async function schedulePush(document: TextDocument): Promise<void> {
    const state = pushes.get(document.uri) ?? {};
    pushes.set(document.uri, state);
    clearTimeout(state.timer);
    state.controller?.abort();
    const { debounceMs } = await guarded("reading settings", DEFAULT_SETTINGS, () => settingsFor(document.uri));
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      const controller = new AbortController();
      state.controller?.abort();
      state.controller = controller;
      const version = document.version;
      void guarded("checking a document", undefined, async () => {
        let result: Checked | "too large";
        try {
          result = await lint(document, controller.signal);
        } catch (error) {
          if (controller.signal.aborted) return;
          throw error;
        }
        const current = documents.get(document.uri);
        if (controller.signal.aborted || current === undefined || current.version !== version) return;
        await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: lspDiagnostics(result, current) });
      });
    }, Math.max(0, debounceMs));
  }

  function recheckAll(): void {
    if (pull) {
      if (canRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const document of documents.all()) void schedulePush(document);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options =
      (isRecord(params.initializationOptions) ? params.initializationOptions : {}) as InitializationOptions;
    initialTrust = options.workspaceTrusted !== false;
    // Helix sends its `config` (`{ oryTokenizer: { … } }`) as the initialization options.
    const given = isRecord(options.settings) ? options.settings : options[SETTINGS_SECTION];
    initialSettings = isRecord(given) ? given : {};
    if (readFile === undefined && options.clientReadsFiles === true) {
      readFile = async (url) => {
        const answer = await connection.sendRequest(ReadFileRequest, { uri: url.href });
        if (answer === null) throw new Error("no such file");
        return new TextEncoder().encode(answer.text);
      };
    }
    folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    const capabilities = params.capabilities;
    canConfigure = capabilities.workspace?.configuration === true;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    canRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
    canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ["."], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: SERVER_INFO,
    };
  });

  connection.onDidChangeConfiguration((params) => {
    // A client that cannot answer workspace/configuration may send the settings with the notification.
    const sent = isRecord(params.settings) ? params.settings[SETTINGS_SECTION] : undefined;
    if (!canConfigure && isRecord(sent)) initialSettings = sent;
    settingsCache.clear();
    dataCache.clear();
    reported.clear();
    recheckAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!params.changes.some((change) => readFiles.has(change.uri) || readFiles.has(normalizeUri(change.uri)))) return;
    dataCache.clear();
    reported.clear();
    recheckAll();
  });

  documents.onDidChangeContent((change) => {
    if (!pull) void schedulePush(change.document);
  });

  documents.onDidClose((event) => {
    const state = pushes.get(event.document.uri);
    clearTimeout(state?.timer);
    state?.controller?.abort();
    pushes.delete(event.document.uri);
    latest.delete(event.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const signal = signalOf(token);
    const version = document.version;
    let result: Checked | "too large";
    try {
      result = await lint(document, signal);
    } catch (error) {
      if (signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, "Cancelled");
      log(`ory-tokenizer: checking a document failed: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
    // A stale result is dropped: the client asks again for the version it now has.
    if (documents.get(document.uri)?.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, "The document changed", { retriggerRequest: true });
    }
    return { kind: DocumentDiagnosticReportKind.Full, items: lspDiagnostics(result, document) };
  });

  connection.onCodeAction((params) =>
    quickFixes(
      params.context.diagnostics,
      latest.get(params.textDocument.uri) ?? [],
      params.range,
      params.textDocument.uri,
    )
  );

  connection.onCompletion((params) =>
    guarded("completion", null, async () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined || document.getText().length > MAX_DOCUMENT_LENGTH) return null;
      const { data } = await dataFor(document.uri);
      const completion = mapperCompletionAt(document.getText(), document.offsetAt(params.position), {
        session: data.session,
        identitySchema: data.identitySchema,
      });
      return completion === undefined ? null : { isIncomplete: false, items: toCompletionItems(completion, document) };
    })
  );

  connection.onHover((params) =>
    guarded("hover", null, async () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined || document.getText().length > MAX_DOCUMENT_LENGTH) return null;
      const { data } = await dataFor(document.uri);
      const subject = mapperSubjectAt(document.getText(), document.offsetAt(params.position), {
        session: data.session,
        identitySchema: data.identitySchema,
      });
      return subject === undefined ? null : toHover(subject, document);
    })
  );

  connection.onRequest(PreviewRequest, async (params, token): Promise<PreviewResult | null> => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return null;
    const text = document.getText();
    if (text.length > MAX_DOCUMENT_LENGTH) {
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        `The document is larger than ${MAX_DOCUMENT_LENGTH} characters`,
      );
    }
    const signal = signalOf(token);
    const version = document.version;
    const { settings, data } = await dataFor(document.uri);
    try {
      const chosen = chooseTargets(settings.targets);
      if (chosen.problem !== undefined) report(chosen.problem);
      // The preview shows what Ory makes of the template as set: a TTL Ory refuses is its error here.
      const { preview, note, problem } = await targetedPreview(document, settings, data, chosen.targets, {
        ttl: settings.ttl,
        signal,
      });
      const problems = [chosen.problem, problem].filter((text): text is string => text !== undefined);
      return {
        uri: document.uri,
        version,
        preview,
        sessionOrigin: data.sessionOrigin,
        keySetOrigin: data.keySetOrigin,
        problems: [...data.problems, ...problems],
        ...(note === undefined ? {} : { targetsNote: note }),
      };
    } catch (error) {
      if (signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, "Cancelled");
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        `The preview failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });

  documents.listen(connection);
  connection.listen();
}

/** A URI's percent-encoded text decoded, or as it is when it does not decode. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An AbortSignal that aborts when the client cancels the request. */
function signalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Settings with defaults for anything missing or of the wrong type (a client sends what its user wrote). */
export function normalizeSettings(raw: Record<string, unknown>): ServerSettings {
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof ServerSettings)[]) {
    const value = raw[key];
    const fallback = DEFAULT_SETTINGS[key];
    if (key === "targets") {
      // Read with the registry when used (`chooseTargets`), so a mistake is said, not dropped.
      if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
    } else if (Array.isArray(fallback)) {
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
        (settings as Record<string, unknown>)[key] = value;
      }
    } else if (typeof value === typeof fallback && (typeof value !== "string" || value.trim() !== "")) {
      (settings as Record<string, unknown>)[key] = value;
    }
  }
  return settings;
}

/** `file:///a%3Ab` and `file:///a:b` name one file; compare them one way. */
function normalizeUri(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return uri;
  }
}
