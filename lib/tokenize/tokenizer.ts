/**
 * Ory's session tokenizer: a session and a template in, the JWT Kratos would issue out, with Kratos's
 * order of operations (which decides which error wins) and its caching rules.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { defaultClaims, setSubjectClaim } from "./default_claims.ts";
import { compareUtf8, goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import { fetchSource, redactSource, type SourceCapabilities } from "../sources/fetch_source.ts";
import type { SourceLimits } from "../sources/source_limits.ts";
import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import { defaultJsonnetSandbox } from "../jsonnet/sandbox.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { parseJwks } from "../keys/parse_jwks.ts";
import { runClaimsMapper } from "./run_claims_mapper.ts";
import type { Session } from "../session/session.ts";
import { createSigner, type Signer, signingAlgorithm } from "../keys/signing_key.ts";
import { signToken } from "./sign_token.ts";
import type { Fetch, Jwk, ReadFile, TokenHeader, TokenizeResult, TokenizerTemplate } from "../types.ts";
import { decodeUtf8LikeGo } from "../encoding/decode_utf8_like_go.ts";

/** The issuer for local work: Kratos's public URL in development. */
export const DEFAULT_ISSUER = "http://localhost:4433/";
/** Our TTL when a template omits one (Ory's docs; see the spec's Part A, 3). */
export const DEFAULT_TTL = "10m";
const JWKS_CACHE_MS = 60 * 60 * 1000;
const MAPPER_CACHE_MS = 60 * 60 * 1000;
const MAPPER_CACHE_ENTRIES = 256;

/** What a tokenization may be given; everything has a default. */
export interface TokenizeOptions {
  /** `iss`: Kratos's `serve.public.base_url`, exactly as configured. Default `http://localhost:4433/`. */
  issuer?: string | undefined;
  /** An Ory Network project slug; the issuer becomes `https://<slug>.projects.oryapis.com`. */
  projectSlug?: string | undefined;
  /** The clock, in milliseconds or as a Date. */
  now?: (() => number | Date) | undefined;
  /** Makes the `jti`; `crypto.randomUUID` by default. */
  randomUUID?: (() => string) | undefined;
  /** Reads `file://` sources (the path after `file://`, unchanged). */
  readFile?: ReadFile | undefined;
  /** Fetches `http(s)://` mapper sources. */
  fetch?: Fetch | undefined;
  /** Size and time bounds of each source read (default 4 MiB and 10 s; docs/SECURITY.md). */
  sourceLimits?: SourceLimits | undefined;
  /**
   * Evaluates mappers; by default the shared sandbox (`defaultJsonnetSandbox()`): Ory's 1 s and
   * 256 KiB limits, in a Worker where the runtime has one.
   */
  jsonnet?: JsonnetEvaluator | undefined;
}

/** A {@linkcode Tokenizer}'s configuration: named templates plus {@linkcode TokenizeOptions}. */
export interface TokenizerOptions extends TokenizeOptions {
  templates: Record<string, TokenizerTemplate>;
}

interface KeyEntry {
  expires: number;
  first: Jwk | undefined;
  signer?: Promise<Signer>;
}

/** The issuer a set of options implies. */
export function issuerOf(options: Pick<TokenizeOptions, "issuer" | "projectSlug">): string {
  if (options.issuer !== undefined) return options.issuer;
  if (options.projectSlug !== undefined) return `https://${options.projectSlug}.projects.oryapis.com`;
  return DEFAULT_ISSUER;
}

/**
 * Holds templates and caches what Kratos caches: parsed key sets for an hour per `jwks_url` string,
 * and http(s) mapper sources for an hour. `file://` and `base64://` mappers are read on every call.
 *
 * @example
 * ```ts
 * import { Tokenizer, generateJwks, encodeTemplate, sampleSession } from "../../mod.ts";
 * const jwks = await generateJwks({ alg: "ES256" });
 * const tokenizer = new Tokenizer({ templates: { jwt: encodeTemplate({ jwks }) } });
 * const { claims } = await tokenizer.tokenize(sampleSession(), "jwt");
 * if (claims["sub"] !== sampleSession().identity.id) throw new Error();
 * ```
 */
export class Tokenizer {
  readonly #options: TokenizerOptions;
  readonly #keys = new Map<string, KeyEntry>();
  readonly #mappers = new Map<string, { expires: number; source: string }>();

  constructor(options: TokenizerOptions) {
    this.#options = options;
  }

  /**
   * Tokenizes a session with a named template.
   *
   * @throws {TokenizerError} with Ory's status and reason, and a detail for the author.
   */
  async tokenize(session: Session, templateName: string): Promise<TokenizeResult> {
    if (!Object.hasOwn(this.#options.templates, templateName)) {
      throw new TokenizerError("ERR_TEMPLATE_NOT_FOUND", {
        text: templateName,
        detail: `Known templates: ${Object.keys(this.#options.templates).join(", ") || "none"}.`,
      });
    }
    checkSession(session);
    return await this.#run(session, templateName, this.#options.templates[templateName]!);
  }

  async #run(session: Session, name: string, template: TokenizerTemplate): Promise<TokenizeResult> {
    const options = this.#options;
    const ttlNanos = decodeTemplate(name, template);
    const capabilities = { readFile: options.readFile, fetch: options.fetch, sourceLimits: options.sourceLimits };
    const key = await this.#firstKey(template.jwks_url ?? "", capabilities);
    const alg = signingAlgorithm(key.first!);
    const now = this.#now();
    const jti = (options.randomUUID ?? (() => crypto.randomUUID()))();
    const claims = defaultClaims(session, issuerOf(options), jti, now, ttlNanos);
    setSubjectClaim(claims, session, template.subject_source);
    const mapperUrl = template.claims_mapper_url ?? "";
    if (mapperUrl !== "") {
      const source = await this.#mapperSource(mapperUrl, capabilities);
      await runClaimsMapper(
        options.jsonnet ?? defaultJsonnetSandbox(),
        source,
        mapperFilename(mapperUrl),
        session,
        claims,
      );
    }
    setSubjectClaim(claims, session, template.subject_source);
    key.signer ??= createSigner(key.first!, alg);
    const header: TokenHeader = { alg, kid: typeof key.first!.kid === "string" ? key.first!.kid : "", typ: "JWT" };
    const payload = goJsonStringify(claims as JsonValue);
    return { token: await signToken(header, payload, await key.signer), header, claims: sortedClaims(claims) };
  }

  /** The clock of claims and of cache lifetimes alike, so a pinned clock also pins what is cached. */
  #now(): number {
    const now = this.#options.now?.() ?? Date.now();
    return typeof now === "number" ? now : now.getTime();
  }

  async #firstKey(location: string, capabilities: SourceCapabilities): Promise<KeyEntry> {
    const cached = this.#keys.get(location);
    if (cached !== undefined && cached.expires > this.#now()) return requireKey(cached);
    const set = parseJwks(await fetchSource(location, ["file", "base64"], capabilities));
    const entry: KeyEntry = { expires: this.#now() + JWKS_CACHE_MS, first: set.keys[0] };
    this.#keys.set(location, entry); // only successful parses are cached, as in Kratos
    return requireKey(entry);
  }

  async #mapperSource(location: string, capabilities: SourceCapabilities): Promise<string> {
    const cached = this.#mappers.get(location);
    if (cached !== undefined && cached.expires > this.#now()) return cached.source;
    const bytes = await fetchSource(location, ["http", "https", "file", "base64"], capabilities);
    const source = decodeUtf8LikeGo(bytes);
    // Kratos caches only http(s) bodies, and never empty ones. A base64:// source is its own content,
    // so keeping its decoded text changes nothing Kratos would do differently: it only saves the
    // decoding on every call. file:// is re-read every time, as in Kratos.
    const http = /^https?:\/\//.test(location);
    if ((http && source !== "") || location.startsWith("base64://")) {
      // Bounded, oldest first out: templates that change all the time must not grow it forever.
      if (this.#mappers.size >= MAPPER_CACHE_ENTRIES) this.#mappers.delete(this.#mappers.keys().next().value!);
      this.#mappers.set(location, { expires: http ? this.#now() + MAPPER_CACHE_MS : Infinity, source });
    }
    return source;
  }
}

/**
 * The claims in the order the token holds them. Only the top level needs sorting: defaults are flat,
 * and Jsonnet writes the mapper's nested objects with their fields already sorted.
 */
function sortedClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(claims).sort(compareUtf8)) {
    Object.defineProperty(sorted, key, { value: claims[key], enumerable: true, writable: true, configurable: true });
  }
  return sorted;
}

/** Kratos always has a session; ours comes from callers and files, so its shape is checked first. */
function checkSession(session: unknown): asserts session is Session {
  const what = session === null ? "null" : Array.isArray(session) ? "an array" : typeof session;
  const identity = what === "object" ? (session as { identity?: unknown }).identity : undefined;
  if (what !== "object" || typeof identity !== "object" || identity === null || Array.isArray(identity)) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: what === "object"
        ? 'Cannot tokenize the session: it has no "identity" object'
        : `Cannot tokenize a session that is ${what}`,
      detail: "Pass the session as GET /sessions/whoami returns it (sampleSession() shows the shape).",
    });
  }
}

function requireKey(entry: KeyEntry): KeyEntry {
  if (entry.first === undefined) {
    throw new TokenizerError("ERR_JWKS_EMPTY", {
      detail: 'The key set has no keys; Ory signs with the first entry of "keys".',
    });
  }
  return entry;
}

/** The file name errors show: the mapper's path, or its URL redacted by what it is. */
function mapperFilename(location: string): string {
  const shown = redactSource(location);
  if (location.startsWith("file://") && shown === location) return location.slice("file://".length);
  return shown;
}

/** Checks a template's shape like Kratos's config decoding, and returns its TTL in nanoseconds. */
function decodeTemplate(name: string, template: TokenizerTemplate): bigint {
  const invalid = (why: string) =>
    new TokenizerError("ERR_TEMPLATE_INVALID", { text: `Unable to decode tokenizer template "${name}": ${why}` });
  if (typeof template !== "object" || template === null) throw invalid("the template is not an object");
  for (const member of ["jwks_url", "claims_mapper_url", "ttl", "subject_source"] as const) {
    if (template[member] !== undefined && typeof template[member] !== "string") {
      throw invalid(`'${member}' expected type 'string', got ${typeof template[member]}`);
    }
  }
  try {
    return parseDurationNanos(template.ttl ?? DEFAULT_TTL);
  } catch (error) {
    throw invalid(`error decoding 'ttl': ${(error as TokenizerError).reason}`);
  }
}

/**
 * Tokenizes a session with one template, without caches: the one-shot form of {@linkcode Tokenizer}.
 *
 * @throws {TokenizerError} with Ory's status and reason, and a detail for the author.
 */
export async function tokenizeSession(
  session: Session,
  template: TokenizerTemplate,
  options: TokenizeOptions = {},
): Promise<TokenizeResult> {
  return await new Tokenizer({ ...options, templates: { template } }).tokenize(session, "template");
}
