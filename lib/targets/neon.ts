/**
 * Neon's Data API and RLS with a custom JWT provider: `auth.user_id()` reads `sub`.
 *
 * @module
 */

import { audienceRule } from "./common_rules.ts";
import type { TargetProfile } from "./target_types.ts";

const DATA_API = "https://neon.com/docs/data-api/custom-authentication-providers";
const RLS = "https://neon.com/docs/guides/neon-rls-custom-jwt";

/** Neon's custom authentication providers, as its docs describe them. */
export const NEON: TargetProfile = {
  name: "neon",
  title: "Neon (Data API / RLS, custom JWT)",
  sources: [DATA_API, RLS],
  algorithms: { accepted: ["RS256", "ES256"], message: "Neon verifies RS256 and ES256", source: RLS },
  keyForms: { accepted: ["key-set-url"], note: "An https key-set URL registered with the project", source: DATA_API },
  kid: { rule: "not-documented", source: DATA_API },
  claims: [
    { name: "sub", required: true, type: "string", purpose: "auth.user_id() returns it", source: RLS },
  ],
  times: { skewSeconds: undefined, checks: ["exp"], source: DATA_API },
  settings: {
    audience: {
      serviceName: "audience",
      type: "string-or-string[]",
      description: "When configured with the provider, aud must match it",
      source: DATA_API,
    },
  },
  rules: [
    audienceRule({
      setting: "audience",
      serviceSetting: "the provider's audience",
      whenUnset: "any",
      missingAud: "refused",
      source: DATA_API,
    }),
  ],
  notDocumented: ["kid rules", "the clock skew and any lifetime limit", "whether iss is checked"],
  starter: {
    claimsMapper: `// Neon (Data API / RLS): policies call auth.user_id(), which returns "sub".
// https://neon.com/docs/guides/neon-rls-custom-jwt
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // Readable in policies through auth.session() ->> 'email'.
    email: session.identity.traits.email,
  },
  // sub is the identity id; keep subject_source: id so auth.user_id() is stable.
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    serviceSide: "Register the https URL of the public key set as the project's authentication provider",
  },
};
