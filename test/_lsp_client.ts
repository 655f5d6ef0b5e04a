// A real LSP client for the language server's suites: vscode-languageserver-protocol's client side over
// the child's stdio (no hand-written JSON). Node runs the built bin/ory-tokenizer, Deno and Bun run the
// CLI from source under themselves, as test/_cli.ts does.
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import {
  type ClientCapabilities,
  createProtocolConnection,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type Registration,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { ROOT } from "./_cli.ts";

/** The command that starts the server under the runtime running the tests. */
export function serverCommand(): [string, string[]] {
  if ("Deno" in globalThis) {
    return [process.execPath, ["run", "--allow-all", "--quiet", `${ROOT}lib/cli/run.ts`, "lsp", "--stdio"]];
  }
  return [process.execPath, [`${ROOT}bin/ory-tokenizer`, "lsp", "--stdio"]];
}

export interface LspSession {
  connection: ProtocolConnection;
  child: ChildProcess;
  initialized: InitializeResult;
  /** Every publishDiagnostics per document URI, oldest first. */
  published: Map<string, { version?: number | undefined; diagnostics: Diagnostic[] }[]>;
  /** What the server showed the user (window/showMessage and window/showMessageRequest). */
  messages: string[];
  /** The settings the client answers workspace/configuration with (change it, then notify). */
  settings: Record<string, unknown>;
  /** What the server registered dynamically (client/registerCapability). */
  registrations: Registration[];
  /** How many times the server asked for the settings. */
  configurationRequests: number;
  stderr: () => string;
  /** Waits until `check` holds for the document's latest publication (push mode). */
  diagnosticsFor(uri: string, check: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Waits for the publication of one version of a document (push mode). */
  versionPublished(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  pull?: boolean;
  initializationOptions?: unknown;
  settings?: Record<string, unknown>;
  rootUri?: string;
  watch?: boolean;
  /** The server's command and arguments, and where it runs; `serverCommand()` in the repository by default. */
  command?: [string, string[]];
  cwd?: string;
}

/** Starts the server and runs `initialize` and `initialized`. */
export async function startLsp(options: StartOptions = {}): Promise<LspSession> {
  const [command, args] = options.command ?? serverCommand();
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const published = new Map<string, { version?: number | undefined; diagnostics: Diagnostic[] }[]>();
  const waiters = new Set<() => void>();
  const messages: string[] = [];
  const session = {
    connection,
    child,
    published,
    messages,
    settings: options.settings ?? {},
    configurationRequests: 0,
    registrations: [],
  } as unknown as LspSession;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const list = published.get(params.uri) ?? [];
    list.push({ version: params.version, diagnostics: params.diagnostics });
    published.set(params.uri, list);
    for (const wake of waiters) wake();
  });
  connection.onNotification("window/showMessage", (params: { message: string }) => {
    messages.push(params.message);
  });
  connection.onNotification("window/logMessage", () => undefined);
  connection.onRequest("window/showMessageRequest", (params: { message: string }) => {
    messages.push(params.message);
    return null;
  });
  connection.onRequest("client/registerCapability", (params: { registrations: Registration[] }) => {
    session.registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest("client/unregisterCapability", () => null);
  connection.onRequest("workspace/diagnostic/refresh", () => null);
  connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) => {
    session.configurationRequests++;
    return params.items.map((item) => (item.section === "oryTokenizer" ? session.settings : null));
  });
  connection.listen();
  const capabilities: ClientCapabilities = {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: false },
      didChangeWatchedFiles: { dynamicRegistration: options.watch ?? false },
      ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      completion: { completionItem: { snippetSupport: false, documentationFormat: ["markdown", "plaintext"] } },
      hover: { contentFormat: ["markdown", "plaintext"] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
  };
  session.initialized = await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: "workspace" }] : null,
    capabilities,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification("initialized", {});
  session.stderr = () => stderr;
  session.diagnosticsFor = (uri, check, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(
          new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms: ${JSON.stringify(published.get(uri))}`),
        );
      }, timeoutMs);
      const wake = () => {
        const latest = published.get(uri)?.at(-1);
        if (latest !== undefined && check(latest.diagnostics)) {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(latest.diagnostics);
        }
      };
      waiters.add(wake);
      wake();
    });
  session.versionPublished = (uri, version, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`Version ${version} of ${uri} was not published within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        const found = published.get(uri)?.findLast((p) => p.version === version);
        if (found !== undefined) {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found.diagnostics);
        }
      };
      waiters.add(wake);
      wake();
    });
  session.close = async () => {
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    try {
      await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await connection.sendNotification("exit");
    } catch {
      // the server may be gone already
    }
    const timer = setTimeout(() => child.kill(), 3000);
    await exited;
    clearTimeout(timer);
    connection.dispose();
  };
  return session;
}

/** Opens a document. */
export function open(session: LspSession, uri: string, text: string, version = 1): Promise<void> {
  return session.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "jsonnet", version, text },
  });
}

/** Replaces a document's whole text. */
export function change(session: LspSession, uri: string, text: string, version: number): Promise<void> {
  return session.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
}
