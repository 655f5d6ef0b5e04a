/**
 * HashiCorp Vault's JWT auth method.
 *
 * @module
 */

import { audienceRule, issuerRule } from "./common_rules.ts";
import { settingList } from "./claim_values.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://developer.hashicorp.com/vault/api-docs/auth/jwt";

/** Vault's JWT auth method, as its API docs describe it. */
export const VAULT: TargetProfile = {
  name: "vault",
  title: "HashiCorp Vault (JWT auth method)",
  sources: [DOCS],
  algorithms: {
    accepted: ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"],
    message: "Vault verifies with public keys (jwt_validation_pubkeys, jwks_url or discovery)",
    source: DOCS,
  },
  keyForms: {
    accepted: ["discovery", "key-set-url", "pem"],
    note: "One of oidc_discovery_url, jwks_url, jwt_validation_pubkeys",
    source: DOCS,
  },
  kid: { rule: "not-documented", source: DOCS },
  claims: [
    {
      name: "sub",
      nameSetting: "userClaim",
      required: true,
      type: "string",
      purpose: "the user (user_claim)",
      message: "claim not found in token, or not a string",
      source: DOCS,
    },
  ],
  times: { skewSeconds: 60, expLeewaySeconds: 150, checks: ["exp", "nbf"], source: DOCS },
  settings: {
    boundIssuer: {
      serviceName: "bound_issuer",
      type: "string",
      description: "When set, iss must equal it",
      source: DOCS,
    },
    boundAudiences: {
      serviceName: "bound_audiences",
      type: "string[]",
      description: "aud must hold one of them; a token with aud and none bound is refused",
      source: DOCS,
    },
    userClaim: {
      serviceName: "user_claim",
      type: "string",
      default: "sub",
      description: "The claim that names the user; its value must be a string",
      source: DOCS,
    },
    jwtSupportedAlgs: {
      serviceName: "jwt_supported_algs",
      type: "string[]",
      description: "When set, the algorithms the mount accepts",
      source: DOCS,
    },
  },
  rules: [
    issuerRule({ setting: "boundIssuer", serviceSetting: "bound_issuer", missingIss: "refused", source: DOCS }),
    audienceRule({
      setting: "boundAudiences",
      serviceSetting: "bound_audiences",
      whenUnset: "refused",
      missingAud: "refused",
      messages: {
        unexpected: "audience claim found in JWT but no audiences bound to the role",
        mismatch: "aud claim does not match any bound audience",
      },
      source: DOCS,
    }),
    {
      code: "alg-not-supported",
      severity: "error",
      about: { kind: "header", name: "alg" },
      rule: "the alg is one of jwt_supported_algs, when set",
      source: DOCS,
      check(context) {
        const algs = settingList(context.settings["jwtSupportedAlgs"]);
        const alg = context.header["alg"];
        if (algs.length === 0 || (typeof alg === "string" && algs.includes(alg))) return;
        return {
          message: `The token is signed with ${String(alg)}; jwt_supported_algs is ${algs.join(", ")}`,
          fix: `Add ${String(alg)} to jwt_supported_algs, or sign with ${algs[0]}`,
        };
      },
    },
  ],
  notDocumented: ["kid rules (the key set's keys are tried)"],
  starter: {
    claimsMapper: `// HashiCorp Vault (JWT auth): a role binds the audience; the user comes from user_claim (sub).
// https://developer.hashicorp.com/vault/api-docs/auth/jwt
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // Must be one of the role's bound_audiences (a token with aud and none bound is refused).
    aud: 'vault',
    // For claim_mappings into the token's metadata, or bound_claims.
    email: session.identity.traits.email,
  },
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    settings: { boundAudiences: ["vault"] },
    serviceSide: "vault write auth/jwt/config jwks_url=https://<your host>/.well-known/jwks.json; vault write " +
      "auth/jwt/role/app role_type=jwt bound_audiences=vault user_claim=sub policies=…",
  },
};
