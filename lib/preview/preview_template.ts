/**
 * One call for the shells (the whoami emulator, the playground, the VS Code extension): a template
 * and a session in, everything an author wants to see out, from one evaluation of the mapper: the
 * lint findings, the claims Ory would sign with each claim's origin, the token, its decoded form,
 * its verification against the set's public half, and Ory's exact error when Ory would refuse.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import type { Range } from "../types.ts";
import type { JsonnetEvaluator } from "../jsonnet/engine.ts";
import { parseJwks } from "../keys/parse_jwks.ts";
import { publicJwks } from "../keys/public_jwks.ts";
import { createSigner, type Signer, signingAlgorithm } from "../keys/signing_key.ts";
import type { Diagnostic } from "../lint/diagnostic.ts";
import { analyzeClaimsMapper } from "../lint/lint_claims_mapper.ts";
import type { Session } from "../session/session.ts";
import { fetchSource } from "../sources/fetch_source.ts";
import { type DecodedToken, decodeToken } from "../token/decode_token.ts";
import { verifyToken } from "../token/verify_token.ts";
import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import type {
  Claims,
  Fetch,
  Jwk,
  JwkAlg,
  JwkSet,
  ReadFile,
  SubjectSource,
  TokenHeader,
  TokenizerTemplate,
} from "../types.ts";
import { defaultClaims, setSubjectClaim } from "../tokenize/default_claims.ts";
import { type ClaimOrigin, claimOrigins } from "../tokenize/evaluate_claims.ts";
import { signToken } from "../tokenize/sign_token.ts";
import { sortedClaims } from "../tokenize/sorted_claims.ts";
import {
  checkSession,
  DEFAULT_TTL,
  mapperFilename,
  requireFirstKey,
  templateTtl,
} from "../tokenize/template_checks.ts";
import { parseDurationNanos } from "../encoding/parse_duration.ts";
import { issuerOf } from "../tokenize/tokenizer.ts";
import type { RuntimeHost } from "../tokenize/runtime_host.ts";
import type { TargetVerdict } from "../targets/target_types.ts";
import { type PreviewTarget, targetVerdicts } from "./target_verdicts.ts";

/** What to preview: a template as config holds it, or its parts; and the session and clock. */
export interface PreviewInput {
  /** A template as written in config (`base64://`, `file://`, `http(s)://` sources); wins over the parts. */
  template?: TokenizerTemplate | undefined;
  /** The key set (the first key signs), as an object or as JSON text. */
  jwks?: JwkSet | string | undefined;
  /** The mapper's Jsonnet; absent or empty means no mapper, as in Ory. */
  claimsMapper?: string | undefined;
  /** The mapper's file name in findings and engine errors; `claims.jsonnet` by default (a template's is its URL's). */
  filename?: string | undefined;
  /** A Go duration; `10m` by default. */
  ttl?: string | undefined;
  subjectSource?: SubjectSource | undefined;
  session: Session;
  /** `iss`: Kratos's `serve.public.base_url`; `http://localhost:4433/` by default. */
  issuer?: string | undefined;
  /** An Ory Network project's slug: `iss` is then the project's URL, as `Tokenizer`'s option (`issuer` wins). */
  projectSlug?: string | undefined;
  /** The clock; now by default. */
  now?: Date | undefined;
  /** The token's `jti`; random by default. */
  jti?: string | undefined;
  /** The name Ory's template errors show; `preview` by default. */
  templateName?: string | undefined;
  /** The services the token is for: each one's verdict comes back in `targets`. */
  targets?: readonly PreviewTarget[] | undefined;
}

/** How a preview runs. */
export interface PreviewOptions {
  /** Drops the preview: it rejects with `signal.reason`, and its evaluation is dropped or stopped. */
  signal?: AbortSignal | undefined;
  /** Evaluates the mapper; the shared sandbox by default (`defaultJsonnetSandbox()`), as `Tokenizer`. */
  jsonnet?: JsonnetEvaluator | undefined;
  /** Reads a template's `file://` sources. */
  readFile?: ReadFile | undefined;
  /** Fetches a template's `http(s)://` mapper. */
  fetch?: Fetch | undefined;
  /** The largest acceptable token in bytes, for the size finding; 4096 by default. */
  tokenBudget?: number | undefined;
}

/** Ory's error for the preview's input, as data. */
export interface PreviewError {
  code: string;
  status: number;
  reason: string;
  detail?: string;
  /** Where in the mapper, for `ERR_JSONNET` and `ERR_CLAIMS_NOT_OBJECT` (the matching finding's range). */
  range?: Range;
}

/** Everything a preview shows; members are absent when Ory would not get that far. */
export interface TemplatePreview {
  /** The linter's findings, from the same evaluation as the claims. */
  diagnostics: Diagnostic[];
  /** Exactly what Ory would sign, in the token's order. */
  claims?: Claims;
  /** Each top-level claim's origin. */
  origins?: Record<string, ClaimOrigin>;
  token?: string;
  header?: TokenHeader;
  /** The token read back: sizes, times in words (see `decodeToken`). */
  decoded?: DecodedToken;
  /**
   * The token's signature and times checked against the key set's public half (the set itself for an
   * HMAC secret), at the preview's clock.
   */
  verification?: { valid: true } | { valid: false; message: string };
  /** Ory's error, when Ory would refuse; the first one in Kratos's order. */
  error?: PreviewError;
  /**
   * Each requested target's verdict on the token, by name; findings about a claim the mapper wrote carry
   * the mapper's range.
   */
  targets?: Record<string, TargetVerdict>;
}

const SIGNER_CACHE_ENTRIES = 16;
/** Per keystroke the key rarely changes; importing it again would cost more than the signature. */
const signers = new Map<string, Promise<Signer>>();

function cachedSigner(key: Jwk, alg: JwkAlg | "none", host: RuntimeHost): Promise<Signer> {
  const id = `${alg}\0${JSON.stringify(key)}`;
  let signer = signers.get(id);
  if (signer === undefined) {
    if (signers.size >= SIGNER_CACHE_ENTRIES) signers.delete(signers.keys().next().value!);
    signer = createSigner(key, alg, host.syncSigner);
    signers.set(id, signer);
    signer.catch(() => signers.delete(id));
  }
  return signer;
}

/**
 * The verifying set by its JSON: the same object each keystroke, so `verifyToken`'s caches (the parsed
 * set, the imported key) hit instead of importing the key again on every preview.
 */
const verifiers = new Map<string, JwkSet>();

function cachedVerifier(set: JwkSet): JwkSet {
  const id = JSON.stringify(set);
  let verifier = verifiers.get(id);
  if (verifier === undefined) {
    if (verifiers.size >= SIGNER_CACHE_ENTRIES) verifiers.delete(verifiers.keys().next().value!);
    verifier = set.keys.some((key) => key.kty === "oct") ? set : publicJwks(set);
    verifiers.set(id, verifier);
  }
  return verifier;
}

function asError(error: unknown, range?: Range): PreviewError {
  if (!(error instanceof TokenizerError)) throw error;
  return {
    code: error.code,
    status: error.status,
    reason: error.reason,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(range === undefined ? {} : { range }),
  };
}

interface Parts {
  ttlNanos: bigint;
  set: JwkSet;
  mapper: string | undefined;
  mapperName: string;
  subjectSource: SubjectSource | "" | undefined;
}

/** The template's parts, read and checked in Kratos's order (config, key set, then the mapper). */
async function resolveParts(input: PreviewInput, options: PreviewOptions): Promise<Parts> {
  const name = input.templateName ?? "preview";
  const capabilities = { readFile: options.readFile, fetch: options.fetch };
  if (input.template !== undefined) {
    const template = input.template;
    const ttlNanos = templateTtl(name, template);
    const set = parseJwks(await fetchSource(template.jwks_url ?? "", ["file", "base64"], capabilities));
    const url = template.claims_mapper_url ?? "";
    const mapper = url === ""
      ? undefined
      : new TextDecoder().decode(await fetchSource(url, ["http", "https", "file", "base64"], capabilities));
    return { ttlNanos, set, mapper, mapperName: mapperFilename(url), subjectSource: template.subject_source };
  }
  const ttlNanos = templateTtl(name, {
    jwks_url: "",
    ...(input.ttl === undefined ? {} : { ttl: input.ttl }),
    ...(input.subjectSource === undefined ? {} : { subject_source: input.subjectSource }),
  });
  const jwks = input.jwks;
  const set = parseJwks(typeof jwks === "string" ? jwks : JSON.stringify(jwks ?? null) ?? "");
  const mapper = input.claimsMapper === "" ? undefined : input.claimsMapper;
  return { ttlNanos, set, mapper, mapperName: input.filename ?? "claims.jsonnet", subjectSource: input.subjectSource };
}

/**
 * Previews a template for a session: never throws for a mistake in the template, the key set, the
 * mapper or the session (those are `error` and `diagnostics`).
 *
 * @param input a template or its parts, the session, and the issuer, clock and `jti` to sign with.
 * @param options the signal to drop a stale preview with, and the evaluator.
 * @param host the runtime's default evaluator and signer; the package's `previewTemplate` passes its own.
 * @returns the findings, claims, token and Ory's error, as far as Ory would get.
 * @throws the signal's `reason` when it aborts; an `Error` when the engine binary cannot be loaded; a
 *   `TokenizerError` (`ERR_INVALID_INPUT`) for an unknown target or a target setting of the wrong type.
 */
export async function previewTemplate(
  input: PreviewInput,
  options: PreviewOptions,
  host: RuntimeHost,
): Promise<TemplatePreview> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const session = input.session;
  try {
    checkSession(session);
  } catch (error) {
    return { diagnostics: [], error: asError(error) };
  }
  let error: PreviewError | undefined;
  let parts: Parts | undefined;
  try {
    parts = await resolveParts(input, options);
  } catch (caught) {
    error = asError(caught);
  }
  signal?.throwIfAborted();
  let key: { first: Jwk; alg: JwkAlg | "none" } | undefined;
  if (parts !== undefined) {
    try {
      const { first } = requireFirstKey({ first: parts.set.keys[0] });
      key = { first, alg: signingAlgorithm(first) };
    } catch (caught) {
      error = asError(caught);
    }
  }
  const nowMs = (input.now ?? new Date()).getTime();
  const jti = input.jti ?? crypto.randomUUID();
  // Without readable parts, the mapper given as a part is still linted with the default TTL.
  const ttlNanos = parts?.ttlNanos ?? parseDurationNanos(DEFAULT_TTL);
  const defaults = defaultClaims(session, issuerOf(input), jti, nowMs, ttlNanos);
  let subjectSource = parts?.subjectSource ?? input.subjectSource;
  let claimsUsable = true;
  try {
    setSubjectClaim(defaults, session, subjectSource);
  } catch (caught) {
    error ??= asError(caught);
    claimsUsable = false;
    subjectSource = "id";
    setSubjectClaim(defaults, session, subjectSource);
  }
  const mapper = parts === undefined ? (input.claimsMapper || undefined) : parts.mapper;
  let diagnostics: Diagnostic[] = [];
  let claims: Claims | undefined;
  let origins: Record<string, ClaimOrigin> | undefined;
  if (mapper === undefined) {
    claims = defaults;
    origins = claimOrigins(defaults, defaults);
  } else {
    const analysis = await analyzeClaimsMapper(mapper, {
      session,
      defaults,
      subjectSource,
      filename: parts?.mapperName ?? input.filename ?? "claims.jsonnet",
      jsonnet: options.jsonnet ?? host.defaultJsonnet(),
      signal,
      alg: key?.alg === undefined || key.alg === "none" ? "ES256" : key.alg,
      tokenBudget: options.tokenBudget ?? 4096,
      sessionLabel: "this session",
    });
    diagnostics = analysis.diagnostics;
    const evaluation = analysis.evaluation;
    if (evaluation.ok) {
      claims = evaluation.claims;
      origins = evaluation.origins;
    } else {
      const finding = diagnostics.find((d) =>
        evaluation.error.code === "ERR_JSONNET" ? d.code.startsWith("jsonnet-") : d.code === "claims-not-object"
      );
      error ??= asError(evaluation.error, finding?.range);
    }
  }
  if (!claimsUsable) return { diagnostics, ...(error === undefined ? {} : { error }) };
  const preview: TemplatePreview = {
    diagnostics,
    ...(claims === undefined ? {} : { claims: sortedClaims(claims), origins: origins! }),
  };
  if (error !== undefined || key === undefined || claims === undefined) {
    return error === undefined ? preview : { ...preview, error };
  }
  signal?.throwIfAborted();
  try {
    const header: TokenHeader = {
      alg: key.alg,
      kid: typeof key.first.kid === "string" ? key.first.kid : "",
      typ: "JWT",
    };
    const token = await signToken(
      header,
      goJsonStringify(claims as JsonValue),
      await cachedSigner(key.first, key.alg, host),
    );
    preview.token = token;
    preview.header = header;
  } catch (caught) {
    return { ...preview, error: asError(caught) };
  }
  preview.decoded = decodeToken(preview.token, { now: nowMs });
  preview.verification = await verification(preview.token, parts!.set, nowMs);
  if (input.targets !== undefined && input.targets.length > 0) {
    preview.targets = targetVerdicts(input.targets, { token: preview.token, header: preview.header!, claims }, {
      key: key.first,
      nowMs,
      mapper,
      origins: origins!,
    });
  }
  return preview;
}

async function verification(
  token: string,
  set: JwkSet,
  nowMs: number,
): Promise<NonNullable<TemplatePreview["verification"]>> {
  try {
    const verifier = cachedVerifier(set);
    // The signature and the times: the issuer is whatever the mapper made it, which is no failure.
    await verifyToken(token, verifier, { now: nowMs });
    return { valid: true };
  } catch (error) {
    return { valid: false, message: error instanceof Error ? error.message : String(error) };
  }
}
