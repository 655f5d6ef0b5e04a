/**
 * Shared types of ory-tokenizer's public API.
 *
 * @module
 */

/**
 * Signing algorithms Ory's tokenizer accepts in a JWK's `alg` (golang-jwt's registry, minus `none`).
 * Written out for the published types; `ALGORITHMS` in lib/keys/algorithms.ts has exactly these keys.
 */
export type JwkAlg =
  | "ES256"
  | "ES384"
  | "ES512"
  | "EdDSA"
  | "RS256"
  | "RS384"
  | "RS512"
  | "PS256"
  | "PS384"
  | "PS512"
  | "HS256"
  | "HS384"
  | "HS512";

/** A zero-based position, as in VS Code and LSP. */
export interface Position {
  line: number;
  column: number;
}

/** A zero-based, end-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

/** A JSON Web Key (RFC 7517) as plain JSON. Members beyond the standard ones are kept and ignored. */
export interface Jwk {
  kty: string;
  alg?: string;
  kid?: string;
  use?: string;
  key_ops?: string[];
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  oth?: unknown;
  k?: string;
  [member: string]: unknown;
}

/** A JSON Web Key Set; `set` is the name `ory create jwk` writes next to the keys. */
export interface JwkSet {
  set?: string;
  keys: Jwk[];
  [member: string]: unknown;
}

/** Where a template's subject comes from (`session.whoami.tokenizer.templates.<name>.subject_source`). */
export type SubjectSource = "id" | "external_id";

/** A tokenizer template exactly as Ory's config holds it. */
export interface TokenizerTemplate {
  /** `base64://…` or `file://…` (http(s) is refused by Ory since v26.2). */
  jwks_url: string;
  /** `base64://…`, `file://…`, `http://…` or `https://…`; omitted means no mapper. */
  claims_mapper_url?: string;
  /** A Go duration such as `10m`; omitted means 10 minutes here (see the spec's Part A, 3). */
  ttl?: string;
  subject_source?: SubjectSource | "";
}

/** The JSON object Ory's tokenizer signs: default claims plus what the mapper adds. */
export type Claims = Record<string, unknown>;

/** The decoded JWS header Ory writes: always exactly these three members, in this order. */
export interface TokenHeader {
  alg: string;
  kid: string;
  typ: "JWT";
}

/** What a tokenization produces. */
export interface TokenizeResult {
  /** The compact JWS, as Ory puts it in `session.tokenized`. */
  token: string;
  header: TokenHeader;
  claims: Claims;
}

/**
 * Reads a file for a `file://` source; the path is what follows `file://`, unchanged. The options
 * carry the read's bounds: an implementation should refuse anything but a regular file, stop past
 * `maxBytes` and on `signal` (the caller enforces both anyway, but only a cooperative read frees its
 * resources early).
 */
export type ReadFile = (path: string, options?: ReadFileOptions) => Promise<Uint8Array | string>;

/** What a {@linkcode ReadFile} is asked to respect. */
export interface ReadFileOptions {
  /** The most bytes the caller accepts; a larger file is an error. */
  maxBytes?: number | undefined;
  /** Aborts when the caller stops waiting. */
  signal?: AbortSignal | undefined;
}

/** The `fetch` used for `http(s)://` mapper sources. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
