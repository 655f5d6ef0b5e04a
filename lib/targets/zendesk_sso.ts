/**
 * Zendesk SSO (JWT sign-in): the browser posts the token to `https://<subdomain>.zendesk.com/access/jwt`.
 *
 * @module
 */

import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://support.zendesk.com/hc/en-us/articles/4408845838874";

/** Zendesk's JWT sign-in, as its help center documents it. */
export const ZENDESK_SSO: TargetProfile = {
  name: "zendesk-sso",
  title: "Zendesk SSO (JWT sign-in)",
  sources: [DOCS],
  algorithms: {
    accepted: ["HS256"],
    message: "JWT signature invalid: Zendesk signs in with HS256 only (RS256 and ES256 are refused)",
    source: DOCS,
  },
  keyForms: {
    accepted: ["shared-secret"],
    note: "The shared secret from Admin Center, as a plain string: the oct key's k is the base64url of its bytes",
    source: DOCS,
  },
  kid: { rule: "not-documented", source: DOCS },
  claims: [
    { name: "iat", required: true, type: "number", purpose: "when the token was made, in seconds", source: DOCS },
    { name: "jti", required: true, type: "string", purpose: "Zendesk blocks a token used twice", source: DOCS },
    { name: "email", required: true, type: "string", format: "email", purpose: "the user's email", source: DOCS },
    { name: "name", required: true, type: "string", purpose: "the user's name", source: DOCS },
    { name: "external_id", required: false, type: "string", purpose: "ties the user to the identity", source: DOCS },
    { name: "phone", required: false, type: "string", format: "e164", purpose: "the user's phone", source: DOCS },
    { name: "tags", required: false, type: "array", purpose: "the user's tags", source: DOCS },
    { name: "user_fields", required: false, type: "object", purpose: "custom user fields", source: DOCS },
    { name: "organization", required: false, type: "string", purpose: "the user's organization", source: DOCS },
    { name: "role", required: false, type: "string", purpose: "the user's role", source: DOCS },
    { name: "remote_photo_url", required: false, type: "string", format: "url", purpose: "a photo", source: DOCS },
  ],
  times: {
    skewSeconds: 180,
    checks: ["iat"],
    maxAgeSeconds: 180,
    message: { age: "Couldn't authenticate you" },
    source: DOCS,
  },
  settings: {},
  rules: [
    {
      code: "single-use",
      severity: "warning",
      about: { kind: "claim", name: "exp" },
      rule: "the token is used once (its jti), within about 3 minutes of iat",
      source: DOCS,
      check(context) {
        const { iat, exp } = context.claims;
        if (typeof iat !== "number" || typeof exp !== "number" || exp - iat <= 180) return;
        return {
          message: `The token says it lives ${exp - iat} s, but Zendesk takes it once (its jti) and only within ` +
            "about 3 minutes of iat",
          fix: "Tokenize just before the sign-in POST and send it once; a ttl of 3m or less says so",
        };
      },
    },
  ],
  notDocumented: [
    "whether Zendesk reads or ignores sub, sid, nbf, iss and aud",
    "whether a kid in the header matters (Ory always writes one, even empty)",
    "whether exp is checked (the 3-minute window on iat is what is documented)",
  ],
  starter: {
    claimsMapper: `// Zendesk SSO (JWT sign-in): Zendesk reads name and email; Ory adds iat and jti itself.
// https://support.zendesk.com/hc/en-us/articles/4408845838874
local session = std.extVar('session');  // the session Ory tokenizes
local traits = session.identity.traits;  // the identity's traits, as your identity schema defines them
{
  claims: {
    // Required by Zendesk: the user's email (Zendesk matches users by it).
    email: traits.email,
    // Required by Zendesk: a display name; the email stands in when the traits have no name.
    name: if std.objectHas(traits, 'name') then traits.name else traits.email,
    // Ties the Zendesk user to the Ory identity, so an email change does not make a new user.
    external_id: session.identity.id,
  },
}
`,
    template: { alg: "HS256", ttl: "1m", subject_source: "id" },
    serviceSide: "Admin Center > Account > Security > Single sign-on: JWT, with the shared secret as the oct key's " +
      "secret; the remote login URL calls toSession({ tokenizeAs }) and posts the token to /access/jwt at once",
  },
};
