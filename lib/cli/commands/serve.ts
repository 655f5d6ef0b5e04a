/**
 * `ory-tokenizer serve`: Ory's `GET /sessions/whoami?tokenize_as=…` on this machine, with the
 * config's templates, a sessions file (or a sample session), the public key set at
 * `/.well-known/jwks.json`, the issuer's discovery document, and the built playground at `/`; over
 * HTTPS with `--tls`. Reloads its files when they change.
 *
 * @module
 */

import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { configWhoamiOptions } from "../../config/config_whoami_options.ts";
import { encodeTemplate } from "../../config/encode_template.ts";
import { TokenizerError } from "../../errors.ts";
import { generateJwks } from "../../keys/generate_jwks.ts";
import { type IssuerDocuments, issuerDocuments } from "../../issuer/issuer_documents.ts";
import { sampleSession, type Session } from "../../session/session.ts";
import { Tokenizer } from "../../wired/tokenizer.ts";
import type { JwkSet, TokenizerTemplate } from "../../types.ts";
import {
  createWhoamiHandler,
  JWKS_PATH,
  SIGN_IN_PATH,
  WHOAMI_PATH,
  type WhoamiRequestLog,
} from "../../whoami/create_whoami_handler.ts";
import { parseSessions } from "../../whoami/parse_sessions.ts";
import { createSessionStore } from "../../whoami/session_store.ts";
import { templatePublicKeys } from "../../whoami/template_public_keys.ts";
import { serveHttp } from "../../runtime/serve_http.ts";
import { type Command, type Output, parseFlags } from "../command.ts";
import { readFileLikeGo, readText } from "../io.ts";
import { loadConfig, loadTemplates } from "../load_config.ts";
import { createSelfSignedCertificate } from "../self_signed_certificate.ts";
import { isFolder, staticFiles } from "../static_files.ts";
import { terminalSafe } from "../terminal_safe.ts";
import { UsageError } from "../usage_error.ts";
import { type ChosenTarget, chosenTargets, TARGET_FLAGS, TARGET_FLAGS_HELP } from "../target_flags.ts";
import { TargetCheckedTokenizer } from "../target_checked_tokenizer.ts";

const DEFAULT_PORT = 4433; // Kratos's public port
const RELOAD_POLL_MS = 400;
const EXAMPLE_TEMPLATE = "jwt_example_template1";

interface Flags {
  config?: string | undefined;
  sessions?: string | undefined;
  issuer?: string | undefined;
  corsOrigins: string[];
  hideDebug: boolean;
  targets: ChosenTarget[];
}

/** Everything a reload replaces at once. */
interface State {
  handler: (request: Request) => Promise<Response>;
  templates: string[];
  sessions: number;
  signInToken: string;
  /** The `iss` of the tokens. */
  issuer: string;
  /** The discovery document and key set for `issuer`; none when no template has a public key. */
  issuerKit: IssuerDocuments | undefined;
}

/** The certificate and key `--tls` serves with, and what to tell the user about trusting it. */
interface Tls {
  cert: string;
  key: string;
  /** The self-signed certificate's PEM file (removed at stop); undefined for --tls-cert. */
  caFile: string | undefined;
  describe: string;
  cleanUp(): Promise<void>;
}

export const serve: Command = {
  help: `Usage: ory-tokenizer serve [--config <kratos.yml|json>] [--sessions <file>] [--port 4433] [--host 127.0.0.1]
                           [--tls [--tls-cert <file> --tls-key <file>]]

Answers GET /sessions/whoami exactly as Kratos does (statuses, bodies, headers, tokenize_as, AAL,
CORS), so a frontend with Ory's own SDK and an API with its verifier run against it unchanged.
It emulates whoami only: there are no login flows and no session storage.

Routes:
  /sessions/whoami           Kratos's endpoint (cookie, X-Session-Token or Authorization: Bearer)
  /.well-known/jwks.json     the public halves of every template's keys (Ory serves no such set)
  <iss path>/.well-known/openid-configuration
                             the issuer's discovery document, whose jwks_uri is
                             <iss path>/.well-known/jwks.json: what Supabase, AWS's JWT authorizer
                             and Kubernetes fetch to find keys through iss. One document for every
                             template's keys (Ory gives all templates one iss); HS* keys are left out
  ${SIGN_IN_PATH}   the emulator's own: sets the session cookie (?return_to=/path)
  /                          the playground, when it is built (dist/playground/); /demo/ the demo

Flags:
  --config <file>        a Kratos config: session.whoami.tokenizer.templates (the file
                         \`tokenize --config\` reads), session.whoami.required_aal,
                         serve.public.cors, serve.public.base_url, session.cookie.name.
                         Default: one template "${EXAMPLE_TEMPLATE}" (a fresh ES256 key set and
                         the guide's claims mapper).
  --sessions <file>      {"<session token>": <whoami session JSON>, …}; default: the sample
                         session under a token printed at start-up
  --port <n>             default ${DEFAULT_PORT} (Kratos's); 0 picks a free port
  --host <address>       default 127.0.0.1; anything else warns (tokens for anyone who can reach it)
  --issuer <url>         the iss claim; default serve.public.base_url, else this server's URL
  --cors-origin <url>    allow this origin with credentials (repeatable; enables CORS)
  --tls                  serve HTTPS (the issuer becomes https://127.0.0.1:<port>/) with a
                         self-signed certificate for 127.0.0.1, localhost and ::1 made at start-up;
                         its PEM file's path is printed for clients to trust
                         (NODE_EXTRA_CA_CERTS=<file>, curl --cacert <file>) and removed at stop
  --tls-cert <file>      serve HTTPS with this certificate (PEM; with --tls-key) instead
  --tls-key <file>       its private key (PEM)
  --hide-debug           leave our explanation out of error bodies, as Ory does
${TARGET_FLAGS_HELP}
                         With --target, each token issued is checked; a refused one gets a
                         warning line on stderr naming the target and its first error (never
                         the token)

The config and sessions files are reloaded when they change; a broken edit is refused and the
last good state kept. One line is logged per request, never a token or a key. Ctrl-C stops it.
Only requests for an IP address, localhost, --host or serve.public.base_url's host are answered
(others get 403), so a web page cannot rebind its own name to this server and read its tokens.

Examples:
  ory-tokenizer serve
  ory-tokenizer serve --config kratos.yml --sessions sessions.json --cors-origin http://localhost:3000
  ory-tokenizer serve --tls --port 8443     # then: NODE_EXTRA_CA_CERTS=<printed file> node api.js
  curl --cacert <printed file> https://127.0.0.1:8443/.well-known/openid-configuration
  ory-tokenizer serve --config kratos.yml --target hasura --target-setting hasura.allowed_skew=30
  curl -H "X-Session-Token: <token>" "http://127.0.0.1:4433/sessions/whoami?tokenize_as=${EXAMPLE_TEMPLATE}"`,
  async run(args, output) {
    const { values } = parseFlags(args, {
      config: { type: "string" },
      sessions: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      issuer: { type: "string" },
      "cors-origin": { type: "string", multiple: true },
      "hide-debug": { type: "boolean" },
      tls: { type: "boolean" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      ...TARGET_FLAGS,
    });
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a port number from 0 to 65535, not "${values.port}"`);
    }
    const host = values.host ?? "127.0.0.1";
    const flags: Flags = {
      config: values.config,
      sessions: values.sessions,
      issuer: values.issuer,
      corsOrigins: (values["cors-origin"] as unknown as string[] | undefined) ?? [],
      hideDebug: values["hide-debug"] ?? false,
      targets: chosenTargets(
        values.target as unknown as string[] | undefined,
        values["target-setting"] as unknown as string[] | undefined,
      ),
    };
    const files = await staticMounts();
    const exampleTemplates = flags.config === undefined ? await defaultTemplates() : {};
    const tls = await tlsFrom(values);
    let state: State | undefined;
    let server;
    try {
      server = await serveHttp((request) => state!.handler(request), { hostname: host, port, tls });
    } catch (error) {
      await tls?.cleanUp();
      throw error;
    }
    try {
      state = await loadState(flags, server.url, exampleTemplates, files.serve, output);
    } catch (error) {
      await server.close();
      await tls?.cleanUp();
      throw error;
    }
    printStartup(output, server.url, host, state, flags, files.found, tls);
    const stopWatching = watchFiles([flags.config, flags.sessions], async (changed) => {
      try {
        state = await loadState(flags, server.url, exampleTemplates, files.serve, output);
        output.out(`reloaded ${changed}: ${describeState(state)}\n`);
      } catch (error) {
        output.err(`reload of ${changed} refused, still serving the last good state: ${messageOf(error)}\n`);
      }
    });
    await stopSignal();
    stopWatching();
    await server.close();
    await tls?.cleanUp();
    output.out("stopped\n");
    return 0;
  },
};

async function loadState(
  flags: Flags,
  url: URL,
  exampleTemplates: Record<string, TokenizerTemplate>,
  files: (request: Request) => Promise<Response | undefined>,
  output: Output,
): Promise<State> {
  const config = flags.config === undefined ? undefined : await loadConfig(flags.config);
  const templates = flags.config === undefined ? exampleTemplates : await loadTemplates(flags.config, config);
  const sessions = await loadSessions(flags.sessions);
  const { baseUrl, cookieName, requiredAal, cors } = configWhoamiOptions(config, { corsOrigins: flags.corsOrigins });
  const issuer = flags.issuer ?? baseUrl ?? url.href;
  const keys = await templatePublicKeys(templates, { readFile: readFileLikeGo });
  for (const line of keys.skipped) output.err(`note: ${JWKS_PATH} leaves out ${line}\n`);
  const signInToken = Object.keys(sessions)[0]!;
  const issuerKit = issuerKitFor(keys.jwks, issuer, output);
  const handler = createWhoamiHandler({
    tokenizer: flags.targets.length === 0
      ? new Tokenizer({ templates, issuer, readFile: readFileLikeGo })
      : new TargetCheckedTokenizer(
        { templates, issuer, readFile: readFileLikeGo },
        flags.targets,
        (line) => output.err(`warning: ${line}\n`),
      ),
    sessions: createSessionStore(sessions),
    requiredAal,
    cors,
    debug: !flags.hideDebug,
    baseUrl: baseUrl ?? url.href,
    cookieName,
    publicKeys: keys.jwks,
    issuerDocuments: issuerKit,
    signInToken,
    // A page that rebinds its own name to 127.0.0.1 gets nothing; the names this server is reached by do.
    allowedHosts: [
      url.hostname,
      ...(baseUrl !== undefined && URL.canParse(baseUrl) ? [new URL(baseUrl).hostname] : []),
    ],
    fallback: async (request) => (await files(request)) ?? notFound(request),
    onRequest: (entry) => output.out(`${logLine(entry)}\n`),
  });
  return {
    handler,
    templates: Object.keys(templates),
    sessions: Object.keys(sessions).length,
    signInToken,
    issuer,
    issuerKit,
  };
}

/** The discovery document for the served issuer, or a note saying why there is none. */
function issuerKitFor(jwks: JwkSet, issuer: string, output: Output): IssuerDocuments | undefined {
  if (jwks.keys.length === 0) {
    output.err("note: no discovery document: no template has a public key (HS* secrets are never published)\n");
    return undefined;
  }
  try {
    return issuerDocuments(jwks, issuer);
  } catch (error) {
    output.err(`note: no discovery document: ${messageOf(error)}\n`);
    return undefined;
  }
}

function tlsFileProblem(text: string): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", {
    text,
    detail: "--tls-cert takes a PEM certificate (-----BEGIN CERTIFICATE-----) and --tls-key its PEM private key; " +
      "or use --tls alone for a self-signed certificate.",
  });
}

/** `--tls`: a fresh self-signed certificate, its PEM written where clients can be pointed at it; or the user's. */
async function tlsFrom(values: { tls?: boolean; "tls-cert"?: string; "tls-key"?: string }): Promise<Tls | undefined> {
  const certFile = values["tls-cert"];
  const keyFile = values["tls-key"];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError("--tls-cert and --tls-key go together: the certificate and its private key");
  }
  if (certFile !== undefined && keyFile !== undefined) {
    // Files that cannot be read or hold the wrong thing are data problems: exit 1, not a usage error's 2.
    const [cert, key] = await Promise.all([readFile(certFile, "utf8"), readFile(keyFile, "utf8")]).catch((error) => {
      throw tlsFileProblem(`Cannot read the TLS files: ${messageOf(error)}`);
    });
    if (!cert.includes("-----BEGIN CERTIFICATE-----")) throw tlsFileProblem(`${certFile} holds no PEM certificate`);
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw tlsFileProblem(`${keyFile} holds no PEM private key`);
    return { cert, key, caFile: undefined, describe: `certificate ${certFile}`, cleanUp: async () => {} };
  }
  if (!values.tls) return undefined;
  const made = await createSelfSignedCertificate();
  const folder = await mkdtemp(join(tmpdir(), "ory-tokenizer-tls-"));
  const caFile = join(folder, "certificate.pem");
  await writeFile(caFile, made.certificatePem, { mode: 0o644 });
  return {
    cert: made.certificatePem,
    key: made.privateKeyPem,
    caFile,
    describe: `self-signed certificate for 127.0.0.1, localhost and ::1, valid until ${made.notAfter.toISOString()}`,
    cleanUp: () => rm(folder, { recursive: true, force: true }),
  };
}

/** Without `--sessions`: the sample session, fresh (Kratos would refuse an expired one), under a new token. */
async function loadSessions(path: string | undefined): Promise<Record<string, Session>> {
  if (path !== undefined) return parseSessions(await readText(path), path);
  const now = Date.now();
  const token = `ory_st_${randomToken()}`;
  const session = sampleSession({
    authenticated_at: new Date(now).toISOString(),
    issued_at: new Date(now).toISOString(),
    expires_at: new Date(now + 24 * 60 * 60 * 1000).toISOString(),
  });
  return { [token]: session };
}

/** Kratos's session tokens: `ory_st_` and 32 letters and digits. */
function randomToken(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** The template of Ory's guide, for a first run without a config: a fresh ES256 set and claims.jsonnet. */
async function defaultTemplates(): Promise<Record<string, TokenizerTemplate>> {
  const jwks = await generateJwks({ alg: "ES256" });
  const mapper = await readText(fileURLToPath(new URL("examples/basic/claims.jsonnet", packageRoot())))
    .catch(() => undefined);
  return {
    [EXAMPLE_TEMPLATE]: encodeTemplate({ jwks, ttl: "10m", ...(mapper === undefined ? {} : { claimsMapper: mapper }) }),
  };
}

/**
 * The package's root: this module is one of dist/cli*.js when bundled (each command is a chunk beside
 * cli.js), lib/cli/commands/serve.ts from source.
 */
function packageRoot(): URL {
  return /\/dist\/cli[^/]*\.js$/.test(import.meta.url)
    ? new URL("../", import.meta.url)
    : new URL("../../../", import.meta.url);
}

async function staticMounts() {
  const root = packageRoot();
  const mounts = [
    { prefix: "/", folder: fileURLToPath(new URL("dist/playground/", root)) },
    { prefix: "/demo/", folder: fileURLToPath(new URL("dist/demo/", root)) },
  ];
  const found = [];
  for (const mount of mounts) if (await isFolder(mount.folder)) found.push(mount);
  return { serve: staticFiles(found), found };
}

function notFound(_request: Request): Response {
  return new Response("Not found. The emulator answers /sessions/whoami; see ory-tokenizer serve --help.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

function describeState(state: State): string {
  const sessions = `${state.sessions} session${state.sessions === 1 ? "" : "s"}`;
  return `templates ${state.templates.map((name) => JSON.stringify(name)).join(", ") || "(none)"}; ${sessions}`;
}

function printStartup(
  output: Output,
  url: URL,
  host: string,
  state: State,
  flags: Flags,
  found: { prefix: string }[],
  tls: Tls | undefined,
): void {
  const template = state.templates[0] ?? "<template>";
  const lines = [
    `ory-tokenizer serve: Ory's whoami endpoint on ${url.href}`,
    `  ${describeState(state)}`,
    `  whoami:   ${new URL(WHOAMI_PATH, url).href}?tokenize_as=${template}`,
    `  keys:     ${new URL(JWKS_PATH, url).href}`,
    `  sign in:  ${new URL(SIGN_IN_PATH, url).href} (sets the ory_kratos_session cookie)`,
  ];
  const kit = state.issuerKit;
  if (kit !== undefined) {
    const here = new URL(new URL(kit.discoveryUrl).pathname, url).href;
    lines.push(`  issuer:   ${state.issuer}`);
    lines.push(`  discovery: ${here}`);
    if (new URL(state.issuer).origin !== url.origin) {
      lines.push(
        `            (iss is not this server: verifiers look at ${kit.discoveryUrl}; host ` +
          "`ory-tokenizer issuer` files there)",
      );
    }
  }
  if (tls !== undefined) {
    lines.push(`  tls:      ${tls.describe}`);
    if (tls.caFile !== undefined) {
      lines.push(`  trust it: NODE_EXTRA_CA_CERTS=${tls.caFile} (curl --cacert ${tls.caFile}; removed at stop)`);
    }
  }
  if (flags.sessions === undefined) lines.push(`  session token (sample session): ${state.signInToken}`);
  if (flags.targets.length > 0) {
    lines.push(
      `  targets:  ${flags.targets.map((t) => t.profile.name).join(", ")} (each token checked; refusals on stderr)`,
    );
  }
  lines.push(
    found.some((m) => m.prefix === "/")
      ? `  playground: ${url.href}`
      : "  playground: not built (npm run build writes dist/playground/)",
  );
  if (found.some((m) => m.prefix === "/demo/")) lines.push(`  demo:     ${new URL("/demo/", url).href}`);
  lines.push(
    `  try:      curl -H "X-Session-Token: ${flags.sessions === undefined ? state.signInToken : "<token>"}" \\`,
  );
  lines.push(`              "${new URL(WHOAMI_PATH, url).href}?tokenize_as=${template}"`);
  lines.push("Ctrl-C stops the server.");
  output.out(`${lines.join("\n")}\n`);
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") {
    output.err(
      `warning: listening on ${host}: anyone who can reach this address gets tokens signed with your templates' keys\n`,
    );
  }
}

/** `HH:MM:SS METHOD /path status time [tokenize_as=…] [reason]`: no query string, token or key. */
function logLine(entry: WhoamiRequestLog): string {
  const time = new Date().toISOString().slice(11, 19);
  const parts = [time, entry.method, entry.path, String(entry.status), `${entry.durationMs.toFixed(1)}ms`];
  // Both come from the request's query: a page the developer opens must not write to the terminal.
  if (entry.template !== undefined) parts.push(`tokenize_as=${terminalSafe(entry.template)}`);
  if (entry.reason !== undefined) parts.push(`(${terminalSafe(entry.reason)})`);
  return parts.join(" ");
}

/** Polls files for changes (editors often replace a file rather than write it, which watchers miss). */
function watchFiles(paths: (string | undefined)[], onChange: (path: string) => Promise<void>): () => void {
  const watched = paths.filter((path): path is string => path !== undefined);
  if (watched.length === 0) return () => {};
  const seen = new Map<string, string>();
  const signature = (path: string) => stat(path).then((s) => `${s.mtimeMs}:${s.size}`, () => "missing");
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const path of watched) {
        const now = await signature(path);
        const before = seen.get(path);
        seen.set(path, now);
        if (before !== undefined && before !== now) await onChange(path);
      }
    } finally {
      busy = false;
    }
  }, RELOAD_POLL_MS);
  for (const path of watched) void signature(path).then((s) => seen.has(path) || seen.set(path, s));
  return () => clearInterval(timer);
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

function messageOf(error: unknown): string {
  if (error instanceof TokenizerError) {
    return error.detail ? `${error.reason}\n  ${error.detail.replace(/\n/g, "\n  ")}` : error.reason;
  }
  return error instanceof Error ? error.message : String(error);
}
