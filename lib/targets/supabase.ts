/**
 * Supabase third-party auth (custom OIDC): Postgres reads the token's `role` and `sub`.
 *
 * @module
 */

import { discoveryRule } from "./common_rules.ts";
import type { TargetProfile } from "./target_types.ts";

const OVERVIEW = "https://supabase.com/docs/guides/auth/third-party/overview";
const OIDC = "https://supabase.com/docs/guides/auth/third-party/custom-oidc";

/** Supabase's third-party auth, as its guides describe it. */
export const SUPABASE: TargetProfile = {
  name: "supabase",
  title: "Supabase (third-party auth)",
  sources: [OVERVIEW, OIDC],
  algorithms: {
    accepted: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
    message: "Supabase verifies third-party tokens with asymmetric keys only (no HS256)",
    source: OVERVIEW,
  },
  keyForms: {
    accepted: ["discovery", "key-set-url", "inline-set"],
    note: "<iss>/.well-known/openid-configuration names jwks_uri (https); the Management API also takes a key-set " +
      "URL or an inline set; key changes are seen within about 30 minutes",
    source: OIDC,
  },
  kid: { rule: "required", message: "Supabase picks the key by the header's kid", source: OVERVIEW },
  claims: [
    {
      name: "role",
      required: true,
      type: "string",
      purpose: "selects the Postgres role, such as authenticated",
      source: OVERVIEW,
    },
    {
      name: "sub",
      required: true,
      type: "string",
      format: "uuid",
      severity: "warning",
      purpose: "auth.uid() casts sub to uuid",
      source: OVERVIEW,
    },
    { name: "iss", required: true, type: "string", purpose: "where Supabase finds the keys", source: OIDC },
  ],
  times: { skewSeconds: undefined, checks: ["exp"], source: OVERVIEW },
  settings: {},
  rules: [discoveryRule({ httpsRequired: true, source: OIDC })],
  notDocumented: [
    "which asymmetric algorithms exactly (only that HS256 is refused)",
    "aud for third-party tokens",
    "the clock skew and any lifetime limit",
  ],
  starter: {
    claimsMapper: `// Supabase (third-party auth): Postgres takes the role from "role" and auth.uid() from "sub".
// https://supabase.com/docs/guides/auth/third-party/overview
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // Required: the Postgres role the request runs as; row-level security policies name it.
    role: 'authenticated',
    // Read by policies through auth.jwt() ->> 'email'.
    email: session.identity.traits.email,
  },
  // sub is the identity id (a UUID), which auth.uid() casts to uuid; keep subject_source: id.
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    issuer: "https://auth.example.com/",
    expectedWarnings: ["iss-discovery"],
    serviceSide: "Set Kratos's serve.public.base_url to an https URL you host, serve the discovery document and " +
      "the public key set there (ory-tokenizer issuer), and add it as a third-party OIDC provider",
  },
};
