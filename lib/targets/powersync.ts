/**
 * PowerSync's custom authentication.
 *
 * @module
 */

import { audienceRule } from "./common_rules.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://docs.powersync.com/configuration/auth/custom";
const KEY_STORE =
  "https://github.com/powersync-ja/powersync-service/blob/main/packages/service-core/src/auth/KeyStore.ts";

/** PowerSync's custom auth, as its docs and its service's KeyStore describe it. */
export const POWERSYNC: TargetProfile = {
  name: "powersync",
  title: "PowerSync (custom auth)",
  sources: [DOCS, KEY_STORE],
  algorithms: {
    accepted: ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA", "HS256"],
    message: "PowerSync verifies RS*, ES*, EdDSA and HS256",
    source: DOCS,
  },
  keyForms: {
    accepted: ["key-set-url", "inline-set"],
    note: "A key-set URL, or keys in the instance's config (an HS256 oct key's k is base64url)",
    source: DOCS,
  },
  kid: { rule: "required", message: "PowerSync picks the key by kid", source: KEY_STORE },
  claims: [
    { name: "sub", required: true, type: "string", purpose: "the user id (request.user_id())", source: DOCS },
    { name: "iat", required: true, type: "number", purpose: "the lifetime is measured from it", source: KEY_STORE },
    { name: "exp", required: true, type: "number", purpose: "the expiry", source: KEY_STORE },
  ],
  times: {
    skewSeconds: 60,
    checks: ["exp", "nbf"],
    maxLifetimeSeconds: 86_400,
    message: { lifetime: "Token must expire in a maximum of 86400 seconds" },
    source: KEY_STORE,
  },
  settings: {
    audience: {
      serviceName: "client_auth.audience",
      type: "string[]",
      description: "The audiences accepted: the instance URL or configured ones",
      source: DOCS,
    },
  },
  rules: [
    audienceRule({
      setting: "audience",
      serviceSetting: "client_auth.audience",
      whenUnset: "needs-aud",
      missingAud: "refused",
      messages: { missing: 'JWT payload is missing a required claim "aud"', mismatch: 'unexpected "aud" claim value' },
      source: KEY_STORE,
    }),
  ],
  notDocumented: ["whether iat in the future is refused", "PS* (RSA-PSS) keys"],
  starter: {
    claimsMapper: `// PowerSync (custom auth): sync rules read request.user_id() (sub) and request.jwt().
// https://docs.powersync.com/configuration/auth/custom
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // Required: the PowerSync instance URL, or an audience set in client_auth.audience.
    aud: 'https://example.powersync.journeyapps.com',
    // Readable in sync rules through request.jwt() ->> 'email'.
    email: session.identity.traits.email,
  },
  // sub (the identity id) is request.user_id(); keep ttl at or below 24h (PowerSync's limit).
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    settings: { audience: ["https://example.powersync.journeyapps.com"] },
    serviceSide: "client_auth: { jwks_uri: https://<your host>/.well-known/jwks.json, audience: [your instance URL] }",
  },
};
