/**
 * Apollo Router's JWT authentication.
 *
 * @module
 */

import { audienceRule, issuerRule } from "./common_rules.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://www.apollographql.com/docs/graphos/routing/security/jwt";

/** Apollo Router's JWT authentication plugin, as Apollo documents it. */
export const APOLLO_ROUTER: TargetProfile = {
  name: "apollo-router",
  title: "Apollo Router (JWT authentication)",
  sources: [DOCS],
  algorithms: {
    accepted: [
      "HS256",
      "HS384",
      "HS512",
      "ES256",
      "ES384",
      "RS256",
      "RS384",
      "RS512",
      "PS256",
      "PS384",
      "PS512",
      "EdDSA",
    ],
    message: "Apollo Router verifies HS*, ES256, ES384, RS*, PS* and EdDSA: not ES512",
    source: DOCS,
  },
  keyForms: {
    accepted: ["key-set-url", "inline-set"],
    note: "jwks URLs over https or file:// (HS keys only from a file), polled every 60 s",
    source: DOCS,
  },
  kid: {
    rule: "optional",
    message: "Without a kid the router matches by alg and key type",
    source: DOCS,
  },
  claims: [],
  times: { skewSeconds: 60, checks: ["exp"], message: { exp: "the token has expired" }, source: DOCS },
  settings: {
    issuers: {
      serviceName: "issuers",
      type: "string[]",
      description: "When set, iss must be one of them",
      source: DOCS,
    },
    audiences: {
      serviceName: "audiences",
      type: "string[]",
      description: "When set, aud must hold one of them",
      source: DOCS,
    },
  },
  rules: [
    issuerRule({ setting: "issuers", serviceSetting: "issuers", missingIss: "accepted", source: DOCS }),
    audienceRule({
      setting: "audiences",
      serviceSetting: "audiences",
      whenUnset: "any",
      missingAud: "accepted",
      source: DOCS,
    }),
  ],
  notDocumented: [
    "whether nbf and iat are checked",
    "whether a token without iss or aud passes configured issuers or audiences",
  ],
  starter: {
    claimsMapper:
      `// Apollo Router (JWT authentication): the claims land in the request context (apollo::authentication::jwt_claims).
// https://www.apollographql.com/docs/graphos/routing/security/jwt
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // For @requiresScopes and coprocessors: space-separated scopes.
    scope: 'profile',
    // Readable in Rhai scripts and coprocessors from the claims.
    email: session.identity.traits.email,
  },
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    serviceSide: "authentication.router.jwt.jwks: [{ url: https://<your host>/.well-known/jwks.json }] " +
      "(ES256, not ES512)",
  },
};
