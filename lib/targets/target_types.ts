/**
 * The shapes of a target: a service that consumes Ory's token (Zendesk, Hasura, Supabase, …), its documented
 * contract as data with the source beside each rule, and what checking a token against it answers.
 *
 * @module
 */

import type { Jwk, JwkAlg, Range, SubjectSource } from "../types.ts";

/** The services lib knows, by the name the CLI and the playground use. */
export type TargetName =
  | "zendesk-sso"
  | "zendesk-messaging"
  | "hasura"
  | "supabase"
  | "postgrest"
  | "convex"
  | "neon"
  | "aws-http-api"
  | "kubernetes"
  | "powersync"
  | "apollo-router"
  | "vault";

/** Error: the service refuses the token. Warning: it accepts it, but something will bite. */
export type TargetSeverity = "error" | "warning";

/** What a finding is about: a header member, a claim, the signing key, or the token as a whole. */
export interface TargetAbout {
  kind: "header" | "claim" | "key" | "token";
  name: string;
}

/** One thing the service does with the token. Never holds a secret or the whole token. */
export interface TargetFinding {
  /** Stable, per rule: `alg-refused`, `claim-missing`, `aud-mismatch`, … */
  code: string;
  severity: TargetSeverity;
  about: TargetAbout;
  /** What happens, in the service's own words where it has some. */
  message: string;
  /** What to change: in the mapper, the template, the key or the service's settings. */
  fix: string;
  /** The documentation the rule comes from. */
  source: string;
  /** Where the claims mapper writes the claim, when the finding is about a claim the mapper wrote (previews). */
  range?: Range;
}

/** The answer of `checkTarget`: accepted when no finding is an error. */
export interface TargetVerdict {
  target: string;
  accepted: boolean;
  findings: TargetFinding[];
}

/** How the service gets the key that verifies the signature. */
export type KeyForm =
  /** A secret shared with the service (HMAC). */
  | "shared-secret"
  /** A PEM public key pasted into the service's config. */
  | "pem"
  /** A URL serving the public key set, registered with the service. */
  | "key-set-url"
  /** `<iss>/.well-known/openid-configuration`, whose `jwks_uri` serves the public key set. */
  | "discovery"
  /** The public key set pasted into the service's config (or a `data:` URI). */
  | "inline-set";

/** A JSON type a claim must have. `string-array` is an array of strings. */
export type ClaimType = "string" | "number" | "boolean" | "object" | "array" | "string-array" | "string-or-array";

/** A format a string claim must have. */
export type ClaimFormat = "uuid" | "email" | "e164" | "url" | "https-url";

/** A claim the service requires or reads. */
export interface ClaimRule {
  /** The claim's name (top level). */
  name: string;
  /** The setting that renames the claim (Vault's `user_claim`, Kubernetes's username claim). */
  nameSetting?: string;
  required: boolean;
  type?: ClaimType;
  format?: ClaimFormat;
  maxLength?: number;
  /** The one value the service accepts. */
  equals?: string | boolean;
  /** `warning` when the service accepts the token but something breaks (Supabase's `auth.uid()`). */
  severity?: TargetSeverity;
  /** What the service does with it, in a few words. */
  purpose: string;
  /** The service's own words for the failure, when it has some. */
  message?: string;
  source: string;
}

/** A setting of the service that changes the verdict, with the service's default. */
export interface TargetSetting {
  /** The service's own name for it (`claims_namespace`, `jwt-aud`, `bound_audiences`). */
  serviceName: string;
  type: "string" | "number" | "boolean" | "string[]" | "string-or-string[]";
  /** Values a string setting may take, when the service lists them. */
  values?: readonly string[];
  /** The service's default; absent means unset by default. */
  default?: string | number | boolean | readonly string[];
  description: string;
  source: string;
}

/** The token's header, claims and the key, with the settings resolved: what a service-specific rule reads. */
export interface TargetContext {
  header: Readonly<Record<string, unknown>>;
  claims: Readonly<Record<string, unknown>>;
  /** The signing key or its public form, when the caller gave it. */
  key: Readonly<Jwk> | undefined;
  /** The profile's settings, the caller's over the service's defaults. */
  settings: Readonly<Record<string, unknown>>;
  /** The clock, in seconds. */
  now: number;
}

/** What a rule found wrong; the rule fills in what is missing. */
export interface TargetProblem {
  message: string;
  fix: string;
  about?: TargetAbout;
  severity?: TargetSeverity;
  code?: string;
}

/** A service-specific rule: what the service checks, its source, and the check itself. */
export interface TargetRule {
  code: string;
  severity: TargetSeverity;
  about: TargetAbout;
  /** The rule in one sentence, for listings. */
  rule: string;
  source: string;
  check(context: TargetContext): TargetProblem | readonly TargetProblem[] | undefined;
}

/** A template the profile accepts by default: the mapper and Ory's template settings. */
export interface TargetStarter {
  /** The claims mapper's Jsonnet, each line explained in comments. */
  claimsMapper: string;
  /** The template's settings (`alg` is the key's: `ory create jwk … --alg`). */
  template: { alg: JwkAlg; ttl: string; subject_source: SubjectSource };
  /** The `iss` the service needs (Kratos's `serve.public.base_url`), when Ory's default will not do. */
  issuer?: string;
  /** The service settings the starter assumes (the issuer, the audience, …), when any. */
  settings?: Readonly<Record<string, unknown>>;
  /** The warnings the starter still gets, by code, each documented (the issuer's discovery, …). */
  expectedWarnings?: readonly string[];
  /** What to configure on the service's side, in a few lines. */
  serviceSide: string;
}

/** A service's documented contract as data: what it accepts, with a source beside each rule. */
export interface TargetProfile {
  /** A built-in target's {@linkcode TargetName}, or a name of your own. */
  name: string;
  /** The service and the feature, as its docs name them. */
  title: string;
  /** The pages the contract comes from. */
  sources: readonly string[];
  algorithms: { accepted: readonly JwkAlg[]; message?: string; source: string };
  keyForms: { accepted: readonly KeyForm[]; note?: string; source: string };
  kid: {
    /** required: a non-empty `kid`; match: a `kid` must match a key; optional: unused or a hint; not-documented. */
    rule: "required" | "match" | "optional" | "not-documented";
    /** The setting the `kid` must equal (Zendesk messaging's key id). */
    setting?: string;
    message?: string;
    source: string;
  };
  claims: readonly ClaimRule[];
  times: {
    /** The clock skew allowed on `exp`, `nbf` and `iat`; undefined when not documented (checked without skew). */
    skewSeconds: number | undefined;
    /** The setting that overrides the skew (Hasura's `allowed_skew`). */
    skewSetting?: string;
    /** Extra leeway on `exp` and `nbf` (Vault's 150 s), over the skew. */
    expLeewaySeconds?: number;
    /** Which of `exp`, `nbf` and `iat` (refused in the future) the service checks. */
    checks: readonly ("exp" | "nbf" | "iat")[];
    /** The longest `exp − iat` accepted. */
    maxLifetimeSeconds?: number;
    /** The oldest `iat` accepted (Zendesk's about 3 minutes). */
    maxAgeSeconds?: number;
    message?: { exp?: string; nbf?: string; iat?: string; lifetime?: string; age?: string };
    source: string;
  };
  settings: Readonly<Record<string, TargetSetting>>;
  /** Service-specific rules the fields above cannot say (audiences, issuers, Hasura's namespace, …). */
  rules: readonly TargetRule[];
  /** What the docs leave unsaid: no rule is invented for these. */
  notDocumented: readonly string[];
  starter: TargetStarter;
}

/** Options of `checkTarget`. */
export interface CheckTargetOptions {
  /** The clock: milliseconds, a `Date`; now by default. */
  now?: number | Date | undefined;
  /** The signing JWK or its public form, for the key's form and `kid` checks. Never echoed. */
  key?: Jwk | undefined;
  /** The profile's settings by name (see the profile's `settings`); the service's defaults otherwise. */
  settings?: Readonly<Record<string, unknown>> | undefined;
}
