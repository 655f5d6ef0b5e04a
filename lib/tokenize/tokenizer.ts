/**
 * Ory's session tokenizer: a session and a template in, the JWT Kratos would issue out, with Kratos's
 * order of operations (which decides which error wins) and its caching rules.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { defaultClaims, setSubjectClaim } from "./default_claims.ts";
import { fetchSource, type SourceCapabilities } from "../sources/fetch_source.ts";
import type { SourceLimits } from "../sources/source_limits.ts";
import type { JsonnetEvaluator, JsonnetRequest } from "../jsonnet/engine.ts";
import type { TokenEvaluation, TokenStep, TokenStepOutcome } from "../jsonnet/token_step.ts";
import { parseJwks } from "../keys/parse_jwks.ts";
import { extCodeOf } from "./evaluate_claims.ts";
import { finishToken, signerCache, type SignerFor, stepError } from "./finish_token.ts";
import type { Session } from "../session/session.ts";
import { signingAlgorithm } from "../keys/signing_key.ts";
import { checkSession, mapperFilename, requireFirstKey, templateTtl } from "./template_checks.ts";
import type { Fetch, Jwk, ReadFile, TokenHeader, TokenizeResult, TokenizerTemplate } from "../types.ts";
import { decodeUtf8LikeGo } from "../encoding/decode_utf8_like_go.ts";
import type { RuntimeHost } from "./runtime_host.ts";

/** The issuer for local work: Kratos's public URL in development. */
export const DEFAULT_ISSUER = "http://localhost:4433/";
export { DEFAULT_TTL } from "./template_checks.ts";
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

/** What one {@linkcode Tokenizer.tokenize} call may be given. */
export interface TokenizeCallOptions {
  /**
   * Drops the tokenization: a queued evaluation never runs, a running one frees its worker, and the
   * call rejects with `signal.reason` (an `AbortError` DOMException by default).
   */
  signal?: AbortSignal | undefined;
}

/** A {@linkcode Tokenizer}'s configuration: named templates plus {@linkcode TokenizeOptions}. */
export interface TokenizerOptions extends TokenizeOptions {
  templates: Record<string, TokenizerTemplate>;
}

interface KeyEntry {
  expires: number;
  first: Jwk | undefined;
  /** Names this key to whatever signs with it (the sandbox's workers keep it imported by this id). */
  id: string;
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
 * import { Tokenizer, generateJwks, encodeTemplate, sampleSession } from "../mod.ts";
 * const jwks = await generateJwks({ alg: "ES256" });
 * const tokenizer = new Tokenizer({ templates: { jwt: encodeTemplate({ jwks }) } });
 * const { claims } = await tokenizer.tokenize(sampleSession(), "jwt");
 * if (claims["sub"] !== sampleSession().identity.id) throw new Error();
 * ```
 */
export class Tokenizer {
  readonly #options: TokenizerOptions;
  readonly #host: RuntimeHost;
  readonly #keys = new Map<string, KeyEntry>();
  readonly #mappers = new Map<string, { expires: number; source: string }>();
  /** Signers for what this thread signs: templates without a mapper, evaluators that only evaluate. */
  readonly #signers: SignerFor;

  /**
   * @param options the templates, the issuer and how sources are read.
   * @param host the runtime's default evaluator and signer; the package's `Tokenizer` passes its own.
   */
  constructor(options: TokenizerOptions, host: RuntimeHost) {
    this.#options = options;
    this.#host = host;
    this.#signers = signerCache(host.syncSigner).signerFor;
  }

  /**
   * Tokenizes a session with a named template.
   *
   * @throws {TokenizerError} with Ory's status and reason, and a detail for the author.
   */
  async tokenize(session: Session, templateName: string, call: TokenizeCallOptions = {}): Promise<TokenizeResult> {
    call.signal?.throwIfAborted();
    if (!Object.hasOwn(this.#options.templates, templateName)) {
      throw new TokenizerError("ERR_TEMPLATE_NOT_FOUND", {
        text: templateName,
        detail: `Known templates: ${Object.keys(this.#options.templates).join(", ") || "none"}.`,
      });
    }
    checkSession(session);
    return await this.#run(session, templateName, this.#options.templates[templateName]!, call.signal);
  }

  async #run(
    session: Session,
    name: string,
    template: TokenizerTemplate,
    signal: AbortSignal | undefined,
  ): Promise<TokenizeResult> {
    const options = this.#options;
    const ttlNanos = templateTtl(name, template);
    const capabilities = { readFile: options.readFile, fetch: options.fetch, sourceLimits: options.sourceLimits };
    const key = await this.#firstKey(template.jwks_url ?? "", capabilities);
    const alg = signingAlgorithm(key.first!);
    const now = this.#now();
    const jti = (options.randomUUID ?? (() => crypto.randomUUID()))();
    const defaults = defaultClaims(session, issuerOf(options), jti, now, ttlNanos);
    setSubjectClaim(defaults, session, template.subject_source);
    const header: TokenHeader = { alg, kid: typeof key.first!.kid === "string" ? key.first!.kid : "", typ: "JWT" };
    const step: TokenStep = {
      defaults,
      header,
      alg,
      key: { id: key.id, jwk: key.first },
    };
    const mapperUrl = template.claims_mapper_url ?? "";
    let outcome: TokenStepOutcome;
    if (mapperUrl === "") {
      // No mapper: the defaults are the claims, as if a mapper had returned `{ claims: {} }`.
      outcome = await finishToken({ claims: {} }, step, this.#signers);
    } else {
      const request = {
        source: await this.#mapperSource(mapperUrl, capabilities),
        filename: mapperFilename(mapperUrl),
        extCode: extCodeOf(session, defaults),
      };
      const evaluated = await this.#evaluate(request, step, signal);
      if (!evaluated.ok) {
        throw new TokenizerError("ERR_JSONNET", { detail: evaluated.failure.text, range: evaluated.failure.range });
      }
      outcome = evaluated.outcome;
    }
    if (!outcome.ok) throw stepError(outcome);
    signal?.throwIfAborted();
    return { token: outcome.token, header, claims: outcome.claims };
  }

  /**
   * Evaluates the mapper and finishes the token in one hop where the evaluator can (the sandbox: in
   * its worker); an evaluator that only evaluates has the token finished on this thread.
   */
  async #evaluate(request: JsonnetRequest, step: TokenStep, signal: AbortSignal | undefined): Promise<TokenEvaluation> {
    const jsonnet = this.#options.jsonnet ?? this.#host.defaultJsonnet();
    if (jsonnet.tokenize !== undefined) return await jsonnet.tokenize(request, step, { signal });
    const result = await jsonnet.evaluate(request, { signal });
    signal?.throwIfAborted();
    if (!result.ok) return result;
    return { ok: true, outcome: await finishToken(result.value, step, this.#signers) };
  }

  /** The clock of claims and of cache lifetimes alike, so a pinned clock also pins what is cached. */
  #now(): number {
    const now = this.#options.now?.() ?? Date.now();
    return typeof now === "number" ? now : now.getTime();
  }

  async #firstKey(location: string, capabilities: SourceCapabilities): Promise<KeyEntry> {
    const cached = this.#keys.get(location);
    if (cached !== undefined && cached.expires > this.#now()) return requireFirstKey(cached);
    const set = parseJwks(await fetchSource(location, ["file", "base64"], capabilities));
    const entry: KeyEntry = { expires: this.#now() + JWKS_CACHE_MS, first: set.keys[0], id: crypto.randomUUID() };
    this.#keys.set(location, entry); // only successful parses are cached, as in Kratos
    return requireFirstKey(entry);
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
 * Tokenizes a session with one template, without caches: the one-shot form of {@linkcode Tokenizer}.
 *
 * @param host the runtime's default evaluator and signer; the package's `tokenizeSession` passes its own.
 * @throws {TokenizerError} with Ory's status and reason, and a detail for the author.
 */
export async function tokenizeSession(
  session: Session,
  template: TokenizerTemplate,
  options: TokenizeOptions,
  host: RuntimeHost,
): Promise<TokenizeResult> {
  return await new Tokenizer({ ...options, templates: { template } }, host).tokenize(session, "template");
}
