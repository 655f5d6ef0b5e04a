/**
 * AWS API Gateway HTTP APIs' JWT authorizer.
 *
 * @module
 */

import { audienceRule, discoveryRule, issuerRule } from "./common_rules.ts";
import { settingList } from "./claim_values.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html";
const TROUBLE = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html";

/** The HTTP API JWT authorizer, as AWS documents it. */
export const AWS_HTTP_API: TargetProfile = {
  name: "aws-http-api",
  title: "AWS API Gateway HTTP API (JWT authorizer)",
  sources: [DOCS, TROUBLE],
  algorithms: {
    accepted: ["RS256", "RS384", "RS512"],
    message: "Unauthorized: the HTTP API JWT authorizer supports RSA algorithms only (ES256 fails)",
    source: DOCS,
  },
  keyForms: {
    accepted: ["discovery"],
    note: "The issuer's jwks_uri from <iss>/.well-known/openid-configuration, cached up to 2 hours",
    source: DOCS,
  },
  kid: { rule: "required", message: "The header's kid must match a key in the issuer's key set", source: DOCS },
  claims: [
    { name: "iss", required: true, type: "string", purpose: "must equal the authorizer's issuer", source: DOCS },
  ],
  times: { skewSeconds: undefined, checks: ["exp", "nbf", "iat"], source: DOCS },
  settings: {
    issuer: { serviceName: "Issuer", type: "string", description: "iss must equal it", source: DOCS },
    audience: {
      serviceName: "Audience",
      type: "string[]",
      description: "aud (or client_id when aud is absent) must match one of them",
      source: DOCS,
    },
    scopes: {
      serviceName: "route authorization scopes",
      type: "string[]",
      description: "A route with scopes needs scope or scp to hold one of them",
      source: DOCS,
    },
  },
  rules: [
    issuerRule({ setting: "issuer", serviceSetting: "Issuer", missingIss: "refused", source: DOCS }),
    audienceRule({
      setting: "audience",
      serviceSetting: "Audience",
      whenUnset: "needs-aud",
      missingAud: "refused",
      clientIdFallback: true,
      messages: {
        missing: "the token does not have a valid audience",
        mismatch: "the token does not have a valid audience",
      },
      source: TROUBLE,
    }),
    {
      code: "scope-missing",
      severity: "error",
      about: { kind: "claim", name: "scope" },
      rule: "a route with authorization scopes needs one of them in scope or scp",
      source: DOCS,
      check(context) {
        const wanted = settingList(context.settings["scopes"]);
        if (wanted.length === 0) return;
        const { scope, scp } = context.claims;
        const held = [
          ...(typeof scope === "string" ? scope.split(" ") : []),
          ...(typeof scp === "string"
            ? scp.split(" ")
            : Array.isArray(scp)
            ? scp.filter((s) => typeof s === "string")
            : []),
        ];
        if (wanted.some((s) => held.includes(s))) return;
        return {
          message: `Forbidden: the token's scope or scp holds none of the route's scopes (${wanted.join(", ")})`,
          fix: `Add scope: '${wanted[0]}' (space-separated) to the mapper`,
        };
      },
    },
    discoveryRule({ httpsRequired: false, source: DOCS }),
  ],
  notDocumented: [
    "any clock skew on exp, nbf and iat",
    "whether PS* (RSA-PSS) counts among the RSA algorithms",
    "whether an http issuer can serve discovery (the docs' examples are https)",
  ],
  starter: {
    claimsMapper:
      `// AWS API Gateway HTTP API (JWT authorizer): iss and aud must match the authorizer's Issuer and Audience.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // One of the authorizer's Audience entries (Ory writes no aud by itself).
    aud: 'my-api',
    // For routes with authorization scopes: space-separated scope names.
    scope: 'read',
    // Passed to the integration in $context.authorizer.jwt.claims.
    email: session.identity.traits.email,
  },
}
`,
    template: { alg: "RS256", ttl: "10m", subject_source: "id" },
    issuer: "https://auth.example.com/",
    settings: { issuer: "https://auth.example.com/", audience: ["my-api"] },
    expectedWarnings: ["iss-discovery"],
    serviceSide: "Create a JWT authorizer with Issuer https://auth.example.com/ (serving the discovery document " +
      "and the public key set: ory-tokenizer issuer) and Audience my-api",
  },
};
