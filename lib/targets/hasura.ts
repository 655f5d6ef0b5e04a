/**
 * Hasura GraphQL Engine (v2) in JWT mode: session variables under a claims namespace.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";
import { TokenizerError } from "../errors.ts";
import { describeValue, jsonType, type PathStep, valueAtPath } from "./claim_values.ts";
import { audienceRule, issuerRule } from "./common_rules.ts";
import type { TargetContext, TargetProblem, TargetProfile } from "./target_types.ts";

const DOCS = "https://hasura.io/docs/latest/auth/authentication/jwt/";
const NAMESPACE = "https://hasura.io/jwt/claims";

/** A `claims_namespace_path` (`$.hasura.claims`, `$['https://x.io/claims']`) as steps. */
function namespacePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  let rest = text.trim();
  if (!rest.startsWith("$")) throw badPath(text);
  rest = rest.slice(1);
  while (rest !== "") {
    const match = /^\.([A-Za-z_$][\w$-]*)/.exec(rest) ?? /^\[(?:'([^']*)'|"([^"]*)")\]/.exec(rest) ??
      /^\[(\d+)\]/.exec(rest);
    if (match === null) throw badPath(text);
    steps.push(match[0].startsWith("[") && /^\[\d/.test(match[0]) ? Number(match[1]) : (match[1] ?? match[2])!);
    rest = rest.slice(match[0].length);
  }
  return steps;
}

function badPath(text: string): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", {
    text: `The setting "claimsNamespacePath" (claims_namespace_path) must be a JSON path such as "$.hasura.claims"`,
    detail: `It was ${JSON.stringify(text)} (target "hasura")`,
  });
}

/** Where the session variables are: the namespace object, parsed when `claims_format` is `stringified_json`. */
function sessionVariables(context: TargetContext): { value?: Record<string, unknown>; problem?: TargetProblem } {
  const path = context.settings["claimsNamespacePath"];
  const name = typeof path === "string" ? path : String(context.settings["claimsNamespace"]);
  const about = { kind: "claim" as const, name };
  const raw = typeof path === "string"
    ? valueAtPath(context.claims, namespacePath(path))
    : context.claims[String(context.settings["claimsNamespace"])];
  if (raw === undefined) {
    return {
      problem: {
        code: "claims-namespace-missing",
        about,
        message: `claims key: '${name}' not found`,
        fix: `Put the x-hasura-* claims under ${JSON.stringify(name)} in the mapper, or set claims_namespace`,
      },
    };
  }
  if (context.settings["claimsFormat"] === "stringified_json") {
    let parsed: unknown;
    try {
      parsed = typeof raw === "string" ? JSON.parse(raw) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!isObject(parsed)) {
      return {
        problem: {
          code: "claims-format",
          about,
          message: `claims_format is stringified_json but ${JSON.stringify(name)} is ${jsonType(raw)}, not a ` +
            "string holding a JSON object",
          fix: "Write the namespace as std.manifestJsonMinified({ … }) in the mapper, or set claims_format: json",
        },
      };
    }
    return { value: parsed };
  }
  if (!isObject(raw)) {
    return {
      problem: {
        code: "claims-format",
        about,
        message: `${JSON.stringify(name)} is ${jsonType(raw)}; with claims_format json it must be an object`,
        fix: "Make the namespace an object in the mapper, or set claims_format: stringified_json for a string",
      },
    };
  }
  return { value: raw };
}

function checkSessionVariables(context: TargetContext): TargetProblem[] {
  const { value, problem } = sessionVariables(context);
  if (problem !== undefined) return [problem];
  const variables = new Map(Object.entries(value!).map(([key, v]) => [key.toLowerCase(), v]));
  const problems: TargetProblem[] = [];
  const about = (name: string) => ({ kind: "claim" as const, name });
  const allowed = variables.get("x-hasura-allowed-roles");
  const roles = Array.isArray(allowed) && allowed.every((role) => typeof role === "string")
    ? allowed as string[]
    : undefined;
  if (roles === undefined) {
    problems.push({
      code: "allowed-roles",
      about: about("x-hasura-allowed-roles"),
      message: allowed === undefined
        ? "The session variables have no x-hasura-allowed-roles"
        : `x-hasura-allowed-roles is ${describeValue(allowed)}; Hasura expects an array of role names`,
      fix: "Add 'x-hasura-allowed-roles': ['user'] (the roles this user may take) under the namespace",
    });
  }
  const fallback = variables.get("x-hasura-default-role");
  if (typeof fallback !== "string") {
    problems.push({
      code: "default-role",
      about: about("x-hasura-default-role"),
      message: fallback === undefined
        ? "The session variables have no x-hasura-default-role"
        : `x-hasura-default-role is ${describeValue(fallback)}; Hasura expects one role name`,
      fix: "Add 'x-hasura-default-role': 'user' (one of the allowed roles) under the namespace",
    });
  } else if (roles !== undefined && !roles.includes(fallback)) {
    problems.push({
      code: "default-role",
      about: about("x-hasura-default-role"),
      message: `Your requested role is not in allowed roles: ${describeValue(fallback)} is not in ` +
        describeValue(roles),
      fix: "Make x-hasura-default-role one of x-hasura-allowed-roles",
    });
  }
  for (const [key, v] of Object.entries(value!)) {
    const lower = key.toLowerCase();
    if (!lower.startsWith("x-hasura-") || lower === "x-hasura-allowed-roles" || lower === "x-hasura-default-role") {
      continue;
    }
    if (typeof v !== "string") {
      problems.push({
        code: "session-variable-type",
        about: about(key),
        message: `${key} is ${jsonType(v)} (${describeValue(v)}); Hasura's session variables are strings`,
        fix: `Write ${key} as a string in the mapper (std.toString(…))`,
      });
    }
  }
  return problems;
}

/** Hasura's JWT mode, as its docs describe it. */
export const HASURA: TargetProfile = {
  name: "hasura",
  title: "Hasura GraphQL Engine (v2, JWT mode)",
  sources: [DOCS],
  algorithms: {
    accepted: ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "EdDSA", "ES256", "ES384", "ES512"],
    message: "Could not verify JWT: JWSError: Hasura verifies HS*, RS*, Ed25519 and ES* (not PS*)",
    source: DOCS,
  },
  keyForms: {
    accepted: ["shared-secret", "pem", "key-set-url"],
    note: "type + key (an HMAC secret of at least 32 characters, or a PEM public key), or jwk_url (re-fetched only " +
      "when its response has Cache-Control or Expires)",
    source: DOCS,
  },
  kid: { rule: "not-documented", source: DOCS },
  claims: [],
  times: {
    skewSeconds: 0,
    skewSetting: "allowedSkew",
    checks: ["exp", "nbf", "iat"],
    message: {
      exp: "Could not verify JWT: JWTExpired",
      nbf: "Could not verify JWT: JWTNotYetValid",
      iat: "Could not verify JWT: JWTIssuedAtFuture",
    },
    source: DOCS,
  },
  settings: {
    claimsNamespace: {
      serviceName: "claims_namespace",
      type: "string",
      default: NAMESPACE,
      description: "The claim holding the x-hasura-* session variables",
      source: DOCS,
    },
    claimsNamespacePath: {
      serviceName: "claims_namespace_path",
      type: "string",
      description: "A JSON path to the session variables (wins over claims_namespace), such as $.hasura.claims",
      source: DOCS,
    },
    claimsFormat: {
      serviceName: "claims_format",
      type: "string",
      values: ["json", "stringified_json"],
      default: "json",
      description: "Whether the namespace is an object or a string holding one",
      source: DOCS,
    },
    allowedSkew: {
      serviceName: "allowed_skew",
      type: "number",
      default: 0,
      description: "Seconds of clock skew allowed on exp, nbf and iat",
      source: DOCS,
    },
    audience: {
      serviceName: "audience",
      type: "string-or-string[]",
      description: "When set, aud must match it",
      source: DOCS,
    },
    issuer: {
      serviceName: "issuer",
      type: "string",
      description: "When set, iss must equal it (a token without iss still passes)",
      source: DOCS,
    },
  },
  rules: [
    {
      code: "claims-namespace-missing",
      severity: "error",
      about: { kind: "claim", name: NAMESPACE },
      rule: "the session variables sit under the claims namespace, with x-hasura-allowed-roles and " +
        "x-hasura-default-role, every other x-hasura-* a string",
      source: DOCS,
      check: checkSessionVariables,
    },
    {
      code: "zero-skew",
      severity: "warning",
      about: { kind: "claim", name: "iat" },
      rule: "allowed_skew is 0 by default, and Ory sets iat and nbf to the moment it signs",
      source: DOCS,
      check(context) {
        if (context.settings["allowedSkew"] !== 0) return;
        return {
          message: "allowed_skew is 0 and Ory sets iat = nbf = now: a Hasura clock a second behind Ory's answers " +
            "Could not verify JWT: JWTIssuedAtFuture",
          fix: "Set allowed_skew (for example 30) in HASURA_GRAPHQL_JWT_SECRET",
        };
      },
    },
    audienceRule({
      setting: "audience",
      serviceSetting: "audience",
      whenUnset: "any",
      missingAud: "accepted",
      messages: { mismatch: "Could not verify JWT: JWTNotInAudience" },
      source: DOCS,
    }),
    issuerRule({
      setting: "issuer",
      serviceSetting: "issuer",
      missingIss: "accepted",
      message: "Could not verify JWT: JWTNotInIssuer",
      source: DOCS,
    }),
    {
      code: "secret-too-short",
      severity: "error",
      about: { kind: "key", name: "k" },
      rule: "an HMAC key is at least 32 characters",
      source: DOCS,
      check(context) {
        const k = context.key?.kty === "oct" ? context.key.k : undefined;
        if (typeof k !== "string") return;
        const bytes = Math.floor(k.replace(/=+$/, "").length * 3 / 4);
        if (bytes >= 32) return;
        return {
          message: `The HMAC secret is ${bytes} bytes; Hasura requires a key of at least 32 characters`,
          fix: "Generate a longer secret (ory create jwk … --alg HS256 makes 32 bytes)",
        };
      },
    },
  ],
  notDocumented: [
    "whether a kid is used to choose a key from jwk_url",
    "whether a token without aud passes a configured audience",
    "from which engine version ES* keys are accepted",
    "claims_map (JSON paths or literals instead of the namespace) is not modeled here",
  ],
  starter: {
    claimsMapper: `// Hasura (JWT mode): the session variables Hasura's permissions read, under its claims namespace.
// https://hasura.io/docs/latest/auth/authentication/jwt/
local session = std.extVar('session');  // the session Ory tokenizes
{
  claims: {
    // Hasura reads its session variables under this claim (claims_namespace's default).
    'https://hasura.io/jwt/claims': {
      // Required: the roles this user may take (an array of role names).
      'x-hasura-allowed-roles': ['user'],
      // Required: the role a request gets without an x-hasura-role header; one of the above.
      'x-hasura-default-role': 'user',
      // For permissions such as { user_id: { _eq: X-Hasura-User-Id } }; every x-hasura-* value is a string.
      'x-hasura-user-id': session.identity.id,
    },
  },
}
`,
    template: { alg: "RS256", ttl: "10m", subject_source: "id" },
    expectedWarnings: ["zero-skew"],
    serviceSide: 'HASURA_GRAPHQL_JWT_SECRET=\'{"jwk_url": "https://<your host>/.well-known/jwks.json", ' +
      '"allowed_skew": 30}\' (host the public key set with Cache-Control), or "type": "RS256" with the PEM',
  },
};
