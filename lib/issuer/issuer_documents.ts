/**
 * The issuer kit: what a service that finds keys through `iss` (Supabase, AWS's HTTP API JWT
 * authorizer, Kubernetes, Neon) fetches: `<iss>/.well-known/openid-configuration`, whose `jwks_uri`
 * names the public key set. Ory publishes neither for tokenizer keys, so the user hosts both; this
 * makes them from a key set and the issuer, as data (writing or serving them is the caller's).
 *
 * The discovery document holds what OpenID Connect Discovery 1.0 section 3 requires of a provider
 * that only issues tokens, as Kubernetes's own service-account issuer publishes it: `issuer`,
 * `jwks_uri`, `response_types_supported`, `subject_types_supported` and
 * `id_token_signing_alg_values_supported`. There are no authorization or token endpoints to name.
 * The algorithms matter: go-oidc (Kubernetes) accepts only the listed ones, and RS256 when none is.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { withoutPrivateMembers } from "../keys/public_jwks.ts";
import type { Jwk, JwkSet } from "../types.ts";

/** Where discovery clients look, below the issuer (OpenID Connect Discovery 1.0 section 4). */
export const DISCOVERY_SUFFIX = "/.well-known/openid-configuration";
/** Where the key set goes by default: the path aws-jwt-verify assumes for an issuer without `jwksUri`. */
export const JWKS_SUFFIX = "/.well-known/jwks.json";

/** `<iss>/.well-known/openid-configuration`, as {@linkcode issuerDocuments} makes it. */
export interface OpenIdConfiguration {
  /** Exactly the tokens' `iss` (Kubernetes and go-oidc compare them byte for byte). */
  issuer: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  /** The keys' algorithms, in key order. */
  id_token_signing_alg_values_supported: string[];
}

/** The two documents and where each must be served. */
export interface IssuerDocuments {
  issuer: string;
  /** The discovery document's URL: the issuer (its trailing slash dropped) plus {@linkcode DISCOVERY_SUFFIX}. */
  discoveryUrl: string;
  /** `jwks_uri`: where the public key set must be served. */
  jwksUrl: string;
  discovery: OpenIdConfiguration;
  /** The public halves of the keys, as `{"keys": [...]}` and nothing else. */
  jwks: JwkSet;
}

/** Options of {@linkcode issuerDocuments}. */
export interface IssuerDocumentsOptions {
  /** Where the key set is served; default the issuer plus {@linkcode JWKS_SUFFIX}. */
  jwksUri?: string | undefined;
}

// An RSA key without `alg` could be RS* or PS* at any hash: only the key's owner knows.
const ALG_BY_CURVE: Record<string, string> = {
  "P-256": "ES256",
  "P-384": "ES384",
  "P-521": "ES512",
  Ed25519: "EdDSA",
};

/**
 * Makes the discovery document and the public key set for an issuer.
 *
 * @param jwks a key set, private or public (only public members are ever published).
 * @param issuer the tokens' `iss` exactly as Ory writes it (`serve.public.base_url`, or the project
 *   URL): an http(s) URL without query or fragment.
 * @param options `jwksUri`, when the key set lives elsewhere than `<iss>/.well-known/jwks.json`.
 * @returns both documents, and the URLs they must be served at.
 * @throws {TokenizerError} `ERR_KEY_PUBLIC` for an `oct` (HMAC) key: a shared secret must never be
 *   published; `ERR_INVALID_INPUT` for an issuer or `jwks_uri` that is not an http(s) URL, an empty
 *   set, or a key whose algorithm cannot be told.
 * @example
 * ```ts
 * import { issuerDocuments } from "./issuer_documents.ts";
 * const keys = { keys: [{ kty: "EC", crv: "P-256", alg: "ES256", kid: "a", x: "AA", y: "AA", d: "AA" }] };
 * const kit = issuerDocuments(keys, "https://auth.example.com/tokens");
 * if (kit.discoveryUrl !== "https://auth.example.com/tokens/.well-known/openid-configuration") throw new Error();
 * if (kit.discovery.jwks_uri !== "https://auth.example.com/tokens/.well-known/jwks.json") throw new Error();
 * if ("d" in kit.jwks.keys[0]!) throw new Error();
 * ```
 */
export function issuerDocuments(jwks: JwkSet, issuer: string, options: IssuerDocumentsOptions = {}): IssuerDocuments {
  checkedUrl(issuer, "issuer");
  // Discovery 1.0 section 4: a terminating "/" goes before the suffix is appended.
  const trimmed = issuer.replace(/\/+$/, "");
  const jwksUrl = options.jwksUri ?? `${trimmed}${JWKS_SUFFIX}`;
  checkedUrl(jwksUrl, "jwks_uri");
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: "Cannot publish an empty key set",
      detail: "The discovery document names the algorithms of the keys it publishes; give the template's key set.",
    });
  }
  const keys = jwks.keys.map(publishable);
  const algorithms = [...new Set(keys.map((key) => key.alg!))];
  return {
    issuer,
    discoveryUrl: `${trimmed}${DISCOVERY_SUFFIX}`,
    jwksUrl,
    discovery: {
      issuer,
      jwks_uri: jwksUrl,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: algorithms,
    },
    jwks: { keys },
  };
}

/** The public half of one key, with its `alg` (inferred from the curve where there is only one choice). */
function publishable(key: Jwk, index: number): Jwk {
  const which = `key ${index + 1}${typeof key.kid === "string" && key.kid !== "" ? ` (kid "${key.kid}")` : ""}`;
  if (key.kty === "oct") {
    throw new TokenizerError("ERR_KEY_PUBLIC", {
      text: `Cannot publish ${which}: an oct (HMAC) key is a shared secret and has no public form`,
      detail: "An HS* secret must never be published: its verifiers (Zendesk, for one) hold the secret itself " +
        "and find no keys through iss. Publish only asymmetric keys (ES256, RS256, EdDSA).",
    });
  }
  const alg = typeof key.alg === "string" && key.alg !== "" ? key.alg : ALG_BY_CURVE[key.crv ?? ""];
  if (alg === undefined) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `Cannot publish ${which}: it has no "alg" and its type (${key.kty}) does not tell one`,
      detail: 'Give the key its algorithm ("alg": "RS256", for instance): verifiers match tokens to keys by it.',
    });
  }
  const pub = withoutPrivateMembers(key);
  return pub.alg === alg ? pub : { ...pub, alg };
}

function checkedUrl(text: string, what: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `Cannot use ${JSON.stringify(text)} as the ${what}: it is not an http(s) URL`,
      detail: what === "issuer"
        ? "The issuer is the tokens' iss exactly: Kratos's serve.public.base_url, or https://<slug>.projects.oryapis.com."
        : "jwks_uri must be an absolute URL (https for every consuming service).",
    });
  }
  if (url.search !== "" || url.hash !== "" || text.includes("?") || text.includes("#")) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `Cannot use ${JSON.stringify(text)} as the ${what}: it has a query or fragment`,
      detail: "OpenID Connect Discovery forbids both in an issuer; discovery clients append a path to it.",
    });
  }
  return url;
}
