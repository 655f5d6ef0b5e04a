/**
 * PostgREST: the token's role becomes `SET LOCAL ROLE`, its claims `request.jwt.claims`.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import { describeValue, parseClaimPath, valueAtPath } from "./claim_values.ts";
import { audienceRule } from "./common_rules.ts";
import type { TargetProfile } from "./target_types.ts";

const DOCS = "https://docs.postgrest.org/en/v13/references/auth.html";
const ERRORS = "https://docs.postgrest.org/en/v13/references/errors.html";

/** PostgREST's JWT authentication, as its reference describes it. */
export const POSTGREST: TargetProfile = {
  name: "postgrest",
  title: "PostgREST (JWT authentication)",
  sources: [DOCS, ERRORS],
  algorithms: {
    accepted: [
      "HS256",
      "HS384",
      "HS512",
      "RS256",
      "RS384",
      "RS512",
      "PS256",
      "PS384",
      "PS512",
      "ES256",
      "ES384",
      "ES512",
      "EdDSA",
    ],
    message: "PGRST301: PostgREST verifies with jwt-secret (an HS256 passphrase, or a JWK or key set)",
    source: DOCS,
  },
  keyForms: {
    accepted: ["shared-secret", "inline-set"],
    note: "jwt-secret: an HS256 passphrase, or a literal JWK or key set (the public half of Ory's set)",
    source: DOCS,
  },
  kid: {
    rule: "match",
    message: "PGRST301: a token with a kid needs a key with that kid",
    source: DOCS,
  },
  claims: [],
  times: {
    skewSeconds: 30,
    checks: ["exp", "nbf", "iat"],
    message: {
      exp: "PGRST303: JWT expired",
      nbf: "PGRST303: JWT not yet valid",
      iat: "PGRST303: JWT issued at future",
    },
    source: DOCS,
  },
  settings: {
    jwtAud: {
      serviceName: "jwt-aud",
      type: "string",
      description: "When set, aud must contain it (a token without aud is still accepted)",
      source: DOCS,
    },
    jwtRoleClaimKey: {
      serviceName: "jwt-role-claim-key",
      type: "string",
      default: ".role",
      description: 'The JSPath of the role claim, such as .role or ."https://example.com/role"',
      source: DOCS,
    },
    dbAnonRole: {
      serviceName: "db-anon-role",
      type: "string",
      description: "The role of requests whose token has no role",
      source: DOCS,
    },
  },
  rules: [
    audienceRule({
      setting: "jwtAud",
      serviceSetting: "jwt-aud",
      whenUnset: "any",
      missingAud: "accepted",
      messages: { mismatch: "PGRST303: JWT not in audience" },
      source: DOCS,
    }),
    {
      code: "role-missing",
      severity: "warning",
      about: { kind: "claim", name: "role" },
      rule: "the role claim (jwt-role-claim-key) becomes SET LOCAL ROLE; without it the anonymous role is used",
      source: DOCS,
      check(context) {
        const key = String(context.settings["jwtRoleClaimKey"]);
        const path = parseClaimPath(key);
        if (path === undefined) {
          throw new TokenizerError("ERR_INVALID_INPUT", {
            text: 'The setting "jwtRoleClaimKey" (jwt-role-claim-key) must be a JSPath such as .role',
            detail: `It was ${JSON.stringify(key)} (target "postgrest")`,
          });
        }
        const name = path.length === 1 && typeof path[0] === "string" ? path[0] : key;
        const role = valueAtPath(context.claims, path);
        const anon = context.settings["dbAnonRole"];
        if (typeof role === "string") return;
        return {
          about: { kind: "claim", name },
          message: role === undefined
            ? `The token has no role at ${key}: the request runs as ` +
              (typeof anon === "string"
                ? `the anonymous role ${describeValue(anon)}`
                : "the anonymous role (db-anon-role)")
            : `The role at ${key} is ${describeValue(role)}, not a role name`,
          fix: `Add the Postgres role to the mapper (${name}: 'web_user'), a role the authenticator may SET`,
        };
      },
    },
  ],
  notDocumented: [
    "the exact list of JWS algorithms a JWK jwt-secret accepts (the key's type decides)",
    "whether a missing exp is refused",
  ],
  starter: {
    claimsMapper: `// PostgREST: the request runs as the token's role; policies read the claims from request.jwt.claims.
// https://docs.postgrest.org/en/v13/references/auth.html
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // The Postgres role PostgREST switches to (jwt-role-claim-key, .role by default); create it and grant it.
    role: 'web_user',
    // Read in SQL as current_setting('request.jwt.claims', true)::json ->> 'email'.
    email: session.identity.traits.email,
  },
}
`,
    template: { alg: "ES256", ttl: "10m", subject_source: "id" },
    serviceSide: "jwt-secret = the public key set as JSON (ory-tokenizer's publicJwks), and CREATE ROLE web_user " +
      "with GRANT web_user TO authenticator",
  },
};
