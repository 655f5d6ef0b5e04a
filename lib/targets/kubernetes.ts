/**
 * Kubernetes's JWT authenticator (structured authentication configuration).
 *
 * @module
 */

import { audienceRule, discoveryRule, issuerRule } from "./common_rules.ts";
import { describeValue } from "./claim_values.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS =
  "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#using-authentication-configuration";

/** The kube-apiserver's JWT authenticator, as Kubernetes documents it. */
export const KUBERNETES: TargetProfile = {
  name: "kubernetes",
  title: "Kubernetes (JWT authenticator, structured authentication configuration)",
  sources: [DOCS],
  algorithms: {
    accepted: ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"],
    message: "The JWT authenticator verifies asymmetric algorithms only",
    source: DOCS,
  },
  keyForms: {
    accepted: ["discovery"],
    note: "issuer.url (https) serves /.well-known/openid-configuration, whose issuer equals it, and the key set",
    source: DOCS,
  },
  kid: { rule: "not-documented", source: DOCS },
  claims: [
    {
      name: "sub",
      nameSetting: "usernameClaim",
      required: true,
      type: "string",
      purpose: "the username (claimMappings.username.claim)",
      source: DOCS,
    },
  ],
  times: { skewSeconds: undefined, checks: ["exp", "nbf"], source: DOCS },
  settings: {
    issuer: { serviceName: "issuer.url", type: "string", description: "iss must equal it", source: DOCS },
    audiences: {
      serviceName: "issuer.audiences",
      type: "string[]",
      description: "At least one; aud must hold one of them (audienceMatchPolicy: MatchAny for several)",
      source: DOCS,
    },
    usernameClaim: {
      serviceName: "claimMappings.username.claim",
      type: "string",
      default: "sub",
      description: "The claim the username comes from (the config requires one; sub is the usual choice)",
      source: DOCS,
    },
  },
  rules: [
    issuerRule({ setting: "issuer", serviceSetting: "issuer.url", missingIss: "refused", source: DOCS }),
    audienceRule({
      setting: "audiences",
      serviceSetting: "issuer.audiences",
      whenUnset: "needs-aud",
      missingAud: "refused",
      source: DOCS,
    }),
    {
      code: "email-not-verified",
      severity: "error",
      about: { kind: "claim", name: "email_verified" },
      rule: "an email username requires email_verified: true",
      source: DOCS,
      check(context) {
        if (context.settings["usernameClaim"] !== "email") return;
        const verified = context.claims["email_verified"];
        if (verified === true) return;
        return {
          message: `The username claim is email, and email_verified is ${describeValue(verified)}, not true`,
          fix: "Add email_verified from the identity's verifiable_addresses to the mapper, or use sub as the username",
        };
      },
    },
    discoveryRule({ httpsRequired: true, source: DOCS }),
  ],
  notDocumented: [
    "the clock skew",
    "whether EdDSA keys are accepted",
    "claimValidationRules (CEL, such as a maximum lifetime) are the cluster's own and not modeled here",
  ],
  starter: {
    claimsMapper:
      `// Kubernetes (JWT authenticator): the username comes from sub, the audience must be one of issuer.audiences.
// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#using-authentication-configuration
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // One of issuer.audiences (Ory writes no aud by itself).
    aud: 'kubernetes',
    // For claimMappings.groups.claim: groups; RBAC bindings name them. Take them from metadata_public if you keep them there.
    groups: ['developers'],
  },
  // sub (the identity id) is the username with claimMappings.username.claim: sub.
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    issuer: "https://auth.example.com/",
    settings: { issuer: "https://auth.example.com/", audiences: ["kubernetes"], usernameClaim: "sub" },
    expectedWarnings: ["iss-discovery"],
    serviceSide: "AuthenticationConfiguration jwt: issuer.url https://auth.example.com/, audiences [kubernetes], " +
      'claimMappings.username: { claim: sub, prefix: "ory:" }, groups: { claim: groups, prefix: "" }',
  },
};
