/**
 * Zendesk messaging: the Web Widget's `loginUser` with a JWT that names the signing key.
 *
 * @module
 */

import type { TargetProfile } from "./target_types.ts";

const ARTICLE = "https://support.zendesk.com/hc/en-us/articles/4411666638746";
const SDK = "https://developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/enabling_auth_visitors/";
const API = "https://developer.zendesk.com/api-reference/widget-messaging/web/authentication";

/** Zendesk messaging's authenticated visitors, as Zendesk's help center and developer docs describe them. */
export const ZENDESK_MESSAGING: TargetProfile = {
  name: "zendesk-messaging",
  title: "Zendesk messaging (Web Widget loginUser)",
  sources: [ARTICLE, SDK, API],
  algorithms: { accepted: ["HS256"], message: "Zendesk messaging verifies HS256 only", source: ARTICLE },
  keyForms: {
    accepted: ["shared-secret"],
    note: "A signing key created in Admin Center (up to 10), its secret shared with the issuer",
    source: ARTICLE,
  },
  kid: {
    rule: "required",
    setting: "keyId",
    message: "The kid must be the id of the Zendesk signing key",
    source: ARTICLE,
  },
  claims: [
    {
      name: "scope",
      required: true,
      type: "string",
      equals: "user",
      purpose: "marks an end-user token",
      source: SDK,
    },
    {
      name: "external_id",
      required: true,
      type: "string",
      maxLength: 255,
      purpose: "the user's id in your system",
      source: SDK,
    },
    { name: "name", required: false, type: "string", purpose: "the user's name", source: SDK },
    { name: "email", required: false, type: "string", format: "email", purpose: "the user's email", source: SDK },
    {
      name: "email_verified",
      required: false,
      type: "boolean",
      purpose: "false means the email is not used to match a user",
      source: SDK,
    },
  ],
  times: { skewSeconds: undefined, checks: ["exp"], source: SDK },
  settings: {
    keyId: {
      serviceName: "signing key ID (kid)",
      type: "string",
      description: "The id Admin Center shows for the signing key; the header's kid must equal it",
      source: ARTICLE,
    },
  },
  rules: [],
  notDocumented: [
    "the clock skew allowed on exp, and any lifetime limit",
    "whether iat, nbf, iss, aud, sub and sid are read",
    "the claims' detail beyond scope and external_id is only in a third-party copy of the docs (unverified)",
  ],
  starter: {
    claimsMapper: `// Zendesk messaging (Web Widget loginUser): an end-user token naming your Zendesk signing key.
// https://developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/enabling_auth_visitors/
local session = std.extVar('session');  // the session Ory tokenizes
local traits = session.identity.traits;  // the identity's traits, as your identity schema defines them
// Kratos omits verifiable_addresses when the identity has none.
local addresses = std.get(session.identity, 'verifiable_addresses', []);
{
  claims: {
    // Required: Zendesk accepts only end-user tokens here.
    scope: 'user',
    // Required: the user's id in your system (at most 255 characters); the Ory identity id is stable.
    external_id: session.identity.id,
    // Optional: the user's email; Zendesk matches users by it only when email_verified is true.
    email: traits.email,
    // Optional: true only for a verified address (the identity's verifiable_addresses say which).
    email_verified: std.length([a for a in addresses if a.value == traits.email && a.verified]) > 0,
  },
}
`,
    template: { alg: "HS256", ttl: "10m", subject_source: "id" },
    serviceSide: "Admin Center > Account > Security > End-user authentication > Messaging: create a signing key; " +
      "the oct key's kid is its key id and its secret the key's secret; call zE('messenger', 'loginUser', …)",
  },
};
