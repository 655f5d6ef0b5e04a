/**
 * Convex's `customJwt` auth provider.
 *
 * @module
 */

import { audienceRule, issuerRule } from "./common_rules.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://docs.convex.dev/auth/advanced/custom-jwt";
const ISSUE = "https://github.com/get-convex/convex-backend/issues/139";
const NO_PROVIDER = "No auth provider found matching the given token";

/** Convex's custom JWT provider, as its docs describe it. */
export const CONVEX: TargetProfile = {
  name: "convex",
  title: "Convex (customJwt provider)",
  sources: [DOCS, ISSUE],
  algorithms: { accepted: ["RS256", "ES256"], message: "Convex's customJwt takes RS256 or ES256 only", source: DOCS },
  keyForms: {
    accepted: ["key-set-url", "inline-set"],
    note: "jwks: a URL, or a data: URI holding the public key set",
    source: DOCS,
  },
  kid: { rule: "required", message: "Convex requires kid, alg and typ in the header", source: DOCS },
  claims: [
    { name: "sub", required: true, type: "string", purpose: "the user's id (identity.subject)", source: DOCS },
    { name: "iss", required: true, type: "string", purpose: "matched to the provider's issuer", source: DOCS },
    { name: "exp", required: true, type: "number", purpose: "the expiry", source: DOCS },
    { name: "iat", required: true, type: "number", severity: "warning", purpose: "expected by Convex", source: DOCS },
  ],
  times: { skewSeconds: undefined, checks: ["exp"], source: DOCS },
  settings: {
    issuer: {
      serviceName: "issuer",
      type: "string",
      description: "The provider's issuer: iss must equal it exactly, trailing slash included",
      source: DOCS,
    },
    applicationID: {
      serviceName: "applicationID",
      type: "string",
      description: "When set, aud must equal it",
      source: DOCS,
    },
  },
  rules: [
    {
      code: "typ-missing",
      severity: "error",
      about: { kind: "header", name: "typ" },
      rule: "the header has typ",
      source: DOCS,
      check(context) {
        if (typeof context.header["typ"] === "string") return;
        return { message: "The header has no typ", fix: "Ory always writes typ: JWT; check that the token is Ory's" };
      },
    },
    issuerRule({
      setting: "issuer",
      serviceSetting: "issuer",
      missingIss: "refused",
      message: NO_PROVIDER,
      source: ISSUE,
    }),
    audienceRule({
      setting: "applicationID",
      serviceSetting: "applicationID",
      whenUnset: "any",
      missingAud: "refused",
      messages: { missing: `${NO_PROVIDER}: the token has no "aud" and applicationID is set`, mismatch: NO_PROVIDER },
      source: DOCS,
    }),
  ],
  notDocumented: ["the clock skew and any lifetime limit", "whether nbf is checked"],
  starter: {
    claimsMapper: `// Convex (customJwt): ctx.auth.getUserIdentity() reads these claims.
// https://docs.convex.dev/auth/advanced/custom-jwt
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // Equal to the provider's applicationID in convex/auth.config.ts.
    aud: 'convex',
    // Shown as identity.email.
    email: session.identity.traits.email,
  },
  // iss (Kratos's base URL), sub, exp and iat come from Ory; issuer must equal iss character for character.
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    issuer: "https://auth.example.com/",
    settings: { issuer: "https://auth.example.com/", applicationID: "convex" },
    serviceSide: 'convex/auth.config.ts: { type: "customJwt", issuer: "https://auth.example.com/", ' +
      'applicationID: "convex", algorithm: "ES256", jwks: "https://auth.example.com/.well-known/jwks.json" }',
  },
};
