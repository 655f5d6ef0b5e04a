// checkTarget: each target's starter is accepted by its own profile, and each documented rule refuses a token
// that breaks it, naming what is refused; unknown names and wrong settings fail with a helpful TokenizerError.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  checkTarget,
  type Jwk,
  SAMPLE_IDENTITY_ID as ID,
  TARGET_NAMES,
  TARGET_PROFILES,
  type TargetName,
  targetProfile,
  type TargetVerdict,
  TokenizerError,
} from "../lib/mod.ts";
import { createSandboxedJsonnet } from "../lib/entries/jsonnet.ts";
import { lintClaimsMapper, previewTemplate } from "../lib/entries/lint.ts";
import { sampleSession } from "../lib/mod.ts";
import { NOW, NOW_SECONDS as N, type StarterToken, starterToken } from "./_target_tokens.ts";

const sandbox = createSandboxedJsonnet();
after(() => sandbox.close());

const starters = new Map<string, StarterToken>();
before(async () => {
  for (const profile of TARGET_PROFILES) starters.set(profile.name, await starterToken(profile, sandbox));
});

type Token = { header: Record<string, unknown>; claims: Record<string, unknown> };

/** One documented rule broken: the change, the settings and key it needs, and the finding it must give. */
interface Refusal {
  target: TargetName;
  why: string;
  change?: (token: Token) => void;
  settings?: Record<string, unknown>;
  key?: Jwk;
  /** `code kind:name`, and `warning` when the service accepts the token anyway. */
  finding: string;
  warning?: true;
}

const OCT_16: Jwk = { kty: "oct", alg: "HS256", kid: "short", k: "c2hvcnQtc2hvcnQtc2hvcnQ" };
const NS = "https://hasura.io/jwt/claims";
const hasura = (token: Token) => token.claims[NS] as Record<string, unknown>;

/** Golden: the claims each starter's mapper writes for the sample session (Ory's defaults left out). */
const STARTER_CLAIMS: Record<TargetName, Record<string, unknown>> = {
  "zendesk-sso": { email: "alice@example.com", external_id: ID, name: "alice@example.com" },
  "zendesk-messaging": { email: "alice@example.com", email_verified: false, external_id: ID, scope: "user" },
  hasura: {
    [NS]: { "x-hasura-allowed-roles": ["user"], "x-hasura-default-role": "user", "x-hasura-user-id": ID },
  },
  supabase: { email: "alice@example.com", role: "authenticated" },
  postgrest: { email: "alice@example.com", role: "web_user" },
  convex: { aud: "convex", email: "alice@example.com" },
  neon: { email: "alice@example.com" },
  "aws-http-api": { aud: "my-api", email: "alice@example.com", scope: "read" },
  kubernetes: { aud: "kubernetes", groups: ["developers"] },
  powersync: { aud: "https://example.powersync.journeyapps.com", email: "alice@example.com" },
  "apollo-router": { email: "alice@example.com", scope: "profile" },
  vault: { aud: "vault", email: "alice@example.com" },
};
const DEFAULT_CLAIMS = ["jti", "iss", "exp", "nbf", "iat", "sid", "sub"];

const REFUSALS: Refusal[] = [
  // Zendesk SSO
  { target: "zendesk-sso", why: "ES256", change: (t) => (t.header.alg = "ES256"), finding: "alg-refused header:alg" },
  { target: "zendesk-sso", why: "no iat", change: (t) => delete t.claims.iat, finding: "claim-missing claim:iat" },
  { target: "zendesk-sso", why: "no jti", change: (t) => delete t.claims.jti, finding: "claim-missing claim:jti" },
  {
    target: "zendesk-sso",
    why: "no email",
    change: (t) => delete t.claims.email,
    finding: "claim-missing claim:email",
  },
  { target: "zendesk-sso", why: "no name", change: (t) => delete t.claims.name, finding: "claim-missing claim:name" },
  {
    target: "zendesk-sso",
    why: "an email that is none",
    change: (t) => (t.claims.email = "alice"),
    finding: "claim-format claim:email",
  },
  {
    target: "zendesk-sso",
    why: "a phone outside E.164",
    change: (t) => (t.claims.phone = "555-1234"),
    finding: "claim-format claim:phone",
  },
  {
    target: "zendesk-sso",
    why: "tags not an array",
    change: (t) => (t.claims.tags = "a"),
    finding: "claim-type claim:tags",
  },
  {
    target: "zendesk-sso",
    why: "iat over 3 minutes old",
    change: (t) => (t.claims.iat = N - 240),
    finding: "token-too-old claim:iat",
  },
  {
    target: "zendesk-sso",
    why: "iat in the future past the skew",
    change: (t) => (t.claims.iat = N + 240),
    finding: "issued-in-future claim:iat",
  },
  {
    target: "zendesk-sso",
    why: "a lifetime past the 3-minute window",
    change: (t) => (t.claims.exp = (t.claims.iat as number) + 600),
    finding: "single-use claim:exp",
    warning: true,
  },
  // Zendesk messaging
  {
    target: "zendesk-messaging",
    why: "HS512",
    change: (t) => (t.header.alg = "HS512"),
    finding: "alg-refused header:alg",
  },
  {
    target: "zendesk-messaging",
    why: "empty kid",
    change: (t) => (t.header.kid = ""),
    finding: "kid-missing header:kid",
  },
  {
    target: "zendesk-messaging",
    why: "another key id",
    settings: { keyId: "app_64f0" },
    finding: "kid-mismatch header:kid",
  },
  {
    target: "zendesk-messaging",
    why: "scope not user",
    change: (t) => (t.claims.scope = "admin"),
    finding: "claim-value claim:scope",
  },
  {
    target: "zendesk-messaging",
    why: "no external_id",
    change: (t) => delete t.claims.external_id,
    finding: "claim-missing claim:external_id",
  },
  {
    target: "zendesk-messaging",
    why: "external_id over 255 characters",
    change: (t) => (t.claims.external_id = "x".repeat(256)),
    finding: "claim-too-long claim:external_id",
  },
  {
    target: "zendesk-messaging",
    why: "email_verified as a string",
    change: (t) => (t.claims.email_verified = "true"),
    finding: "claim-type claim:email_verified",
  },
  {
    target: "zendesk-messaging",
    why: "expired",
    change: (t) => (t.claims.exp = N - 1),
    finding: "token-expired claim:exp",
  },
  // Hasura
  { target: "hasura", why: "PS256", change: (t) => (t.header.alg = "PS256"), finding: "alg-refused header:alg" },
  {
    target: "hasura",
    why: "no namespace",
    change: (t) => delete t.claims[NS],
    finding: `claims-namespace-missing claim:${NS}`,
  },
  {
    target: "hasura",
    why: "a namespace elsewhere",
    settings: { claimsNamespace: "https://example.com/claims" },
    finding: "claims-namespace-missing claim:https://example.com/claims",
  },
  {
    target: "hasura",
    why: "an object where stringified_json is configured",
    settings: { claimsFormat: "stringified_json" },
    finding: `claims-format claim:${NS}`,
  },
  {
    target: "hasura",
    why: "no allowed roles",
    change: (t) => delete hasura(t)["x-hasura-allowed-roles"],
    finding: "allowed-roles claim:x-hasura-allowed-roles",
  },
  {
    target: "hasura",
    why: "no default role",
    change: (t) => delete hasura(t)["x-hasura-default-role"],
    finding: "default-role claim:x-hasura-default-role",
  },
  {
    target: "hasura",
    why: "a default role outside the allowed ones",
    change: (t) => (hasura(t)["x-hasura-default-role"] = "admin"),
    finding: "default-role claim:x-hasura-default-role",
  },
  {
    target: "hasura",
    why: "a number as a session variable",
    change: (t) => (hasura(t)["x-hasura-org-id"] = 7),
    finding: "session-variable-type claim:x-hasura-org-id",
  },
  { target: "hasura", why: "expired", change: (t) => (t.claims.exp = N), finding: "token-expired claim:exp" },
  {
    target: "hasura",
    why: "iat a second ahead with zero skew",
    change: (t) => (t.claims.iat = N + 1),
    finding: "issued-in-future claim:iat",
  },
  {
    target: "hasura",
    why: "nbf a second ahead with zero skew",
    change: (t) => (t.claims.nbf = N + 1),
    finding: "token-not-yet-valid claim:nbf",
  },
  {
    target: "hasura",
    why: "another audience",
    change: (t) => (t.claims.aud = "other"),
    settings: { audience: "hasura" },
    finding: "aud-mismatch claim:aud",
  },
  {
    target: "hasura",
    why: "another issuer",
    settings: { issuer: "https://auth.example.com/" },
    finding: "iss-mismatch claim:iss",
  },
  { target: "hasura", why: "a 16-byte HMAC secret", key: OCT_16, finding: "secret-too-short key:k" },
  { target: "hasura", why: "zero skew by default", finding: "zero-skew claim:iat", warning: true },
  {
    target: "zendesk-sso",
    why: "an RSA key where Zendesk takes a shared secret",
    key: { kty: "RSA", alg: "RS256", kid: "r", n: "AQAB", e: "AQAB" },
    finding: "key-form key:kty",
  },
  { target: "supabase", why: "an oct key", key: OCT_16, finding: "key-form key:kty" },
  // Supabase
  { target: "supabase", why: "HS256", change: (t) => (t.header.alg = "HS256"), finding: "alg-refused header:alg" },
  { target: "supabase", why: "empty kid", change: (t) => (t.header.kid = ""), finding: "kid-missing header:kid" },
  { target: "supabase", why: "no role", change: (t) => delete t.claims.role, finding: "claim-missing claim:role" },
  {
    target: "supabase",
    why: "an external id as sub",
    change: (t) => (t.claims.sub = "external-id"),
    finding: "claim-format claim:sub",
    warning: true,
  },
  {
    target: "supabase",
    why: "Ory's default http issuer",
    change: (t) => (t.claims.iss = "http://localhost:4433/"),
    finding: "iss-not-https claim:iss",
  },
  { target: "supabase", why: "expired", change: (t) => (t.claims.exp = N), finding: "token-expired claim:exp" },
  // PostgREST
  {
    target: "postgrest",
    why: "a kid the key does not have",
    change: (t) => (t.header.kid = "rotated-away"),
    finding: "kid-mismatch header:kid",
  },
  {
    target: "postgrest",
    why: "another audience than jwt-aud",
    change: (t) => (t.claims.aud = "other"),
    settings: { jwtAud: "api" },
    finding: "aud-mismatch claim:aud",
  },
  {
    target: "postgrest",
    why: "no role",
    change: (t) => delete t.claims.role,
    finding: "role-missing claim:role",
    warning: true,
  },
  {
    target: "postgrest",
    why: "the role elsewhere than jwt-role-claim-key",
    settings: { jwtRoleClaimKey: '."https://example.com/role"' },
    finding: "role-missing claim:https://example.com/role",
    warning: true,
  },
  {
    target: "postgrest",
    why: "expired past 30 s",
    change: (t) => (t.claims.exp = N - 30),
    finding: "token-expired claim:exp",
  },
  {
    target: "postgrest",
    why: "issued over 30 s ahead",
    change: (t) => (t.claims.iat = N + 31),
    finding: "issued-in-future claim:iat",
  },
  {
    target: "postgrest",
    why: "nbf over 30 s ahead",
    change: (t) => (t.claims.nbf = N + 31),
    finding: "token-not-yet-valid claim:nbf",
  },
  // Convex
  { target: "convex", why: "RS384", change: (t) => (t.header.alg = "RS384"), finding: "alg-refused header:alg" },
  { target: "convex", why: "empty kid", change: (t) => (t.header.kid = ""), finding: "kid-missing header:kid" },
  { target: "convex", why: "no typ", change: (t) => delete t.header.typ, finding: "typ-missing header:typ" },
  { target: "convex", why: "no sub", change: (t) => delete t.claims.sub, finding: "claim-missing claim:sub" },
  { target: "convex", why: "no exp", change: (t) => delete t.claims.exp, finding: "claim-missing claim:exp" },
  {
    target: "convex",
    why: "no iat",
    change: (t) => delete t.claims.iat,
    finding: "claim-missing claim:iat",
    warning: true,
  },
  {
    target: "convex",
    why: "an issuer without the trailing slash",
    settings: { issuer: "https://auth.example.com" },
    finding: "iss-mismatch claim:iss",
  },
  {
    target: "convex",
    why: "another applicationID",
    settings: { applicationID: "web" },
    finding: "aud-mismatch claim:aud",
  },
  {
    target: "convex",
    why: "no aud with applicationID set",
    change: (t) => delete t.claims.aud,
    finding: "aud-missing claim:aud",
  },
  { target: "convex", why: "expired", change: (t) => (t.claims.exp = N), finding: "token-expired claim:exp" },
  // Neon
  { target: "neon", why: "ES384", change: (t) => (t.header.alg = "ES384"), finding: "alg-refused header:alg" },
  { target: "neon", why: "no sub", change: (t) => delete t.claims.sub, finding: "claim-missing claim:sub" },
  {
    target: "neon",
    why: "no aud with an audience set",
    settings: { audience: "neon" },
    finding: "aud-missing claim:aud",
  },
  {
    target: "neon",
    why: "another audience",
    change: (t) => (t.claims.aud = "other"),
    settings: { audience: ["neon"] },
    finding: "aud-mismatch claim:aud",
  },
  { target: "neon", why: "expired", change: (t) => (t.claims.exp = N), finding: "token-expired claim:exp" },
  // AWS HTTP API
  { target: "aws-http-api", why: "ES256", change: (t) => (t.header.alg = "ES256"), finding: "alg-refused header:alg" },
  { target: "aws-http-api", why: "empty kid", change: (t) => (t.header.kid = ""), finding: "kid-missing header:kid" },
  {
    target: "aws-http-api",
    why: "another issuer",
    settings: { issuer: "https://login.example.com/" },
    finding: "iss-mismatch claim:iss",
  },
  {
    target: "aws-http-api",
    why: "no aud and no client_id",
    change: (t) => delete t.claims.aud,
    finding: "aud-missing claim:aud",
  },
  {
    target: "aws-http-api",
    why: "another audience",
    change: (t) => (t.claims.aud = "other"),
    finding: "aud-mismatch claim:aud",
  },
  {
    target: "aws-http-api",
    why: "a route scope the token lacks",
    settings: { scopes: ["write"] },
    finding: "scope-missing claim:scope",
  },
  {
    target: "aws-http-api",
    why: "an http issuer",
    change: (t) => (t.claims.iss = "http://localhost:4433/"),
    settings: { issuer: "http://localhost:4433/" },
    finding: "iss-not-https claim:iss",
    warning: true,
  },
  { target: "aws-http-api", why: "expired", change: (t) => (t.claims.exp = N), finding: "token-expired claim:exp" },
  {
    target: "aws-http-api",
    why: "nbf ahead",
    change: (t) => (t.claims.nbf = N + 5),
    finding: "token-not-yet-valid claim:nbf",
  },
  {
    target: "aws-http-api",
    why: "iat ahead",
    change: (t) => (t.claims.iat = N + 5),
    finding: "issued-in-future claim:iat",
  },
  // Kubernetes
  { target: "kubernetes", why: "EdDSA", change: (t) => (t.header.alg = "EdDSA"), finding: "alg-refused header:alg" },
  {
    target: "kubernetes",
    why: "no username claim",
    settings: { usernameClaim: "preferred_username" },
    finding: "claim-missing claim:preferred_username",
  },
  {
    target: "kubernetes",
    why: "an email username without email_verified",
    change: (t) => (t.claims.email = "alice@example.com"),
    settings: { usernameClaim: "email" },
    finding: "email-not-verified claim:email_verified",
  },
  {
    target: "kubernetes",
    why: "an http issuer",
    change: (t) => (t.claims.iss = "http://localhost:4433/"),
    settings: { issuer: "http://localhost:4433/" },
    finding: "iss-not-https claim:iss",
  },
  {
    target: "kubernetes",
    why: "another issuer",
    settings: { issuer: "https://login.example.com/" },
    finding: "iss-mismatch claim:iss",
  },
  { target: "kubernetes", why: "no aud", change: (t) => delete t.claims.aud, finding: "aud-missing claim:aud" },
  {
    target: "kubernetes",
    why: "another audience",
    settings: { audiences: ["cluster-b"] },
    finding: "aud-mismatch claim:aud",
  },
  { target: "kubernetes", why: "expired", change: (t) => (t.claims.exp = N), finding: "token-expired claim:exp" },
  // PowerSync
  { target: "powersync", why: "PS256", change: (t) => (t.header.alg = "PS256"), finding: "alg-refused header:alg" },
  { target: "powersync", why: "empty kid", change: (t) => (t.header.kid = ""), finding: "kid-missing header:kid" },
  { target: "powersync", why: "no aud", change: (t) => delete t.claims.aud, finding: "aud-missing claim:aud" },
  {
    target: "powersync",
    why: "another audience",
    settings: { audience: ["https://other.powersync.example"] },
    finding: "aud-mismatch claim:aud",
  },
  { target: "powersync", why: "no iat", change: (t) => delete t.claims.iat, finding: "claim-missing claim:iat" },
  {
    target: "powersync",
    why: "a lifetime over 24 hours",
    change: (t) => (t.claims.exp = (t.claims.iat as number) + 86_401),
    finding: "lifetime-too-long claim:exp",
  },
  {
    target: "powersync",
    why: "expired past 60 s",
    change: (t) => (t.claims.exp = N - 60),
    finding: "token-expired claim:exp",
  },
  // Apollo Router
  { target: "apollo-router", why: "ES512", change: (t) => (t.header.alg = "ES512"), finding: "alg-refused header:alg" },
  {
    target: "apollo-router",
    why: "an issuer outside issuers",
    settings: { issuers: ["https://login.example.com/"] },
    finding: "iss-mismatch claim:iss",
  },
  {
    target: "apollo-router",
    why: "an audience outside audiences",
    change: (t) => (t.claims.aud = "other"),
    settings: { audiences: ["router"] },
    finding: "aud-mismatch claim:aud",
  },
  {
    target: "apollo-router",
    why: "expired past 60 s",
    change: (t) => (t.claims.exp = N - 60),
    finding: "token-expired claim:exp",
  },
  // Vault
  { target: "vault", why: "HS256", change: (t) => (t.header.alg = "HS256"), finding: "alg-refused header:alg" },
  {
    target: "vault",
    why: "aud with no bound audiences",
    settings: { boundAudiences: [] },
    finding: "aud-unexpected claim:aud",
  },
  {
    target: "vault",
    why: "an aud outside bound_audiences",
    change: (t) => (t.claims.aud = "other"),
    finding: "aud-mismatch claim:aud",
  },
  {
    target: "vault",
    why: "another bound_issuer",
    settings: { boundIssuer: "https://login.example.com/" },
    finding: "iss-mismatch claim:iss",
  },
  {
    target: "vault",
    why: "a user_claim the token lacks",
    settings: { userClaim: "preferred_username" },
    finding: "claim-missing claim:preferred_username",
  },
  {
    target: "vault",
    why: "a user_claim that is not a string",
    change: (t) => (t.claims.groups = ["a"]),
    settings: { userClaim: "groups" },
    finding: "claim-type claim:groups",
  },
  {
    target: "vault",
    why: "an alg outside jwt_supported_algs",
    settings: { jwtSupportedAlgs: ["RS256"] },
    finding: "alg-not-supported header:alg",
  },
  {
    target: "vault",
    why: "expired past 60 + 150 s",
    change: (t) => (t.claims.exp = N - 210),
    finding: "token-expired claim:exp",
  },
];

function tokenOf(name: string): Token {
  const { result } = starters.get(name)!;
  return structuredClone({ header: { ...result.header }, claims: result.claims });
}

function check(target: TargetName, token: Token, settings?: Record<string, unknown>, key?: Jwk): TargetVerdict {
  const starter = targetProfile(target).starter;
  return checkTarget({ token: "", header: token.header as never, claims: token.claims }, target, {
    now: NOW,
    key: key ?? starters.get(target)!.jwks.keys[0],
    settings: { ...starter.settings, ...settings },
  });
}

const described = (verdict: TargetVerdict) =>
  verdict.findings.map((f) => `${f.severity} ${f.code} ${f.about.kind}:${f.about.name}`);

describe("checkTarget() and each target's starter", () => {
  it("knows the twelve targets of the issue, each with a source beside every rule", () => {
    assert.deepEqual([...TARGET_NAMES].sort(), [
      "apollo-router",
      "aws-http-api",
      "convex",
      "hasura",
      "kubernetes",
      "neon",
      "postgrest",
      "powersync",
      "supabase",
      "vault",
      "zendesk-messaging",
      "zendesk-sso",
    ]);
    for (const profile of TARGET_PROFILES) {
      const sources = [
        profile.algorithms.source,
        profile.keyForms.source,
        profile.kid.source,
        profile.times.source,
        ...profile.claims.map((rule) => rule.source),
        ...profile.rules.map((rule) => rule.source),
        ...Object.values(profile.settings).map((setting) => setting.source),
      ];
      for (const source of sources) assert.match(source, /^https:\/\//, `${profile.name}: ${source}`);
      assert.ok(profile.notDocumented.length > 0, `${profile.name} says what its docs leave unsaid`);
    }
  });

  for (const profile of TARGET_PROFILES) {
    it(`${profile.name} accepts its starter, with only the documented warnings`, () => {
      const { result, jwks } = starters.get(profile.name)!;
      const verdict = checkTarget(result, profile.name as TargetName, {
        now: NOW,
        key: jwks.keys[0],
        settings: profile.starter.settings,
      });
      assert.equal(verdict.accepted, true, described(verdict).join("\n"));
      const written = Object.fromEntries(Object.entries(result.claims).filter(([k]) => !DEFAULT_CLAIMS.includes(k)));
      assert.deepEqual(written, STARTER_CLAIMS[profile.name as TargetName], "the starter's golden claims");
      assert.equal(result.claims.iss, profile.starter.issuer ?? "http://localhost:4433/");
      assert.deepEqual(
        verdict.findings.map((f) => f.code).sort(),
        [...(profile.starter.expectedWarnings ?? [])].sort(),
      );
      // The same verdict from the token string.
      assert.deepEqual(
        checkTarget(result.token, profile.name as TargetName, {
          now: NOW,
          key: jwks.keys[0],
          settings: profile.starter.settings,
        }),
        verdict,
      );
    });
  }
});

describe("each target's starter mapper", () => {
  for (const profile of TARGET_PROFILES) {
    it(`${profile.name}: lints clean, every line explained`, async () => {
      const starter = profile.starter;
      const diagnostics = await lintClaimsMapper(starter.claimsMapper, {
        jsonnet: sandbox,
        alg: starter.template.alg,
        ttl: starter.template.ttl,
        subjectSource: starter.template.subject_source,
        ...(starter.issuer === undefined ? {} : { issuer: starter.issuer }),
      });
      assert.deepEqual(diagnostics.map((d) => d.code), []);
      // Every claim line says why: a comment on the line itself or the line above.
      const lines = starter.claimsMapper.split("\n");
      lines.forEach((line, i) => {
        if ((!/^\s+['\w-]+['"]?:/.test(line) && !/^local /.test(line)) || /^\s+claims: \{$/.test(line)) return;
        assert.ok(line.includes("//") || lines[i - 1]?.trim().startsWith("//"), `${profile.name}: ${line.trim()}`);
      });
    });
  }
});

describe("checkTarget() refuses a token per documented rule, naming what is refused", () => {
  for (const refusal of REFUSALS) {
    const severity = refusal.warning ? "warning" : "error";
    it(`${refusal.target}: ${refusal.why} → ${severity} ${refusal.finding}`, () => {
      const token = tokenOf(refusal.target);
      refusal.change?.(token);
      const verdict = check(refusal.target, token, refusal.settings, refusal.key);
      const [code, about] = refusal.finding.split(" ");
      const finding = verdict.findings.find((f) => f.code === code && `${f.about.kind}:${f.about.name}` === about);
      assert.ok(finding, `expected ${refusal.finding} in ${JSON.stringify(described(verdict))}`);
      assert.equal(finding.severity, severity);
      assert.match(finding.source, /^https:\/\//);
      assert.ok(finding.message.length > 0 && finding.fix.length > 0);
      if (severity === "error") assert.equal(verdict.accepted, false);
    });
  }

  it("names each rule's near miss as accepted: the skews and leeways are the services' own", () => {
    const cases: [TargetName, (t: Token) => void, Record<string, unknown>?][] = [
      ["postgrest", (t) => (t.claims.exp = N - 29)],
      ["postgrest", (t) => (t.claims.iat = N + 30)],
      ["powersync", (t) => (t.claims.exp = N - 59)],
      ["powersync", (t) => (t.claims.exp = (t.claims.iat as number) + 86_400)],
      ["apollo-router", (t) => (t.claims.exp = N - 59)],
      ["vault", (t) => (t.claims.exp = N - 209)],
      ["hasura", (t) => (t.claims.iat = N + 30), { allowedSkew: 30 }],
      ["zendesk-sso", (t) => (t.claims.iat = N - 179)],
      ["postgrest", (t) => delete t.claims.aud, { jwtAud: "api" }],
      ["aws-http-api", (t) => (delete t.claims.aud, t.claims.client_id = "my-api")],
      ["convex", () => {}, { issuer: "https://auth.example.com/" }],
    ];
    for (const [target, change, settings] of cases) {
      const token = tokenOf(target);
      change(token);
      const verdict = check(target, token, settings);
      assert.equal(verdict.accepted, true, `${target}: ${described(verdict).join("; ")}`);
    }
    const skewed = tokenOf("hasura");
    assert.deepEqual(described(check("hasura", skewed, { allowedSkew: 30 })), []);
  });

  it("a trailing slash is named as the difference between iss and Convex's issuer", () => {
    const verdict = check("convex", tokenOf("convex"), { issuer: "https://auth.example.com" });
    const finding = verdict.findings.find((f) => f.code === "iss-mismatch");
    assert.match(finding?.fix ?? "", /trailing slash/);
    assert.match(finding?.message ?? "", /^No auth provider found matching the given token/);
  });

  it("a token that cannot be read is one error about the token", () => {
    const verdict = checkTarget("not-a-token", "hasura", { now: NOW });
    assert.equal(verdict.accepted, false);
    assert.deepEqual(described(verdict), ["error token-malformed token:token"]);
  });
});

describe("checkTarget()'s bad input", () => {
  it("an unknown target gets did-you-mean", () => {
    assert.throws(
      () => checkTarget("a.b.c", "hasur" as TargetName),
      (error: unknown) =>
        error instanceof TokenizerError && error.code === "ERR_INVALID_INPUT" &&
        error.message === 'Unknown target "hasur"; did you mean "hasura"?' && /zendesk-sso/.test(error.detail ?? ""),
    );
  });

  it("a setting of the wrong type, or an unknown one, names the setting", () => {
    const token = starters.get("hasura")!.result;
    assert.throws(
      () => checkTarget(token, "hasura", { settings: { allowedSkew: "30" } }),
      (error: unknown) =>
        error instanceof TokenizerError && error.code === "ERR_INVALID_INPUT" &&
        error.message === 'The setting "allowedSkew" (allowed_skew) must be a number',
    );
    assert.throws(
      () => checkTarget(token, "hasura", { settings: { claimsFormat: "yaml" } }),
      /The setting "claimsFormat" \(claims_format\) must be one of "json", "stringified_json"/,
    );
    assert.throws(
      () => checkTarget(token, "hasura", { settings: { allowed_skew: 30 } }),
      /Unknown setting "allowed_skew" for target "hasura"; did you mean "allowedSkew"\?/,
    );
    assert.throws(
      () => checkTarget(token, "postgrest", { settings: { jwtRoleClaimKey: "role" } }),
      /The setting "jwtRoleClaimKey" \(jwt-role-claim-key\) must be a JSPath/,
    );
    assert.throws(() => checkTarget(42 as never, "hasura"), TypeError);
  });

  it("no finding holds a secret or the whole token", () => {
    const secret: Jwk = { ...OCT_16, k: "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1sZWFr" };
    for (const target of TARGET_NAMES) {
      const { result } = starters.get(target)!;
      const token = tokenOf(target);
      token.header.alg = "HS256";
      token.claims.exp = N - 10_000;
      const verdict = check(target, token, undefined, secret);
      const text = JSON.stringify(verdict);
      assert.ok(!text.includes(secret.k!), target);
      assert.ok(!text.includes(result.token), target);
      assert.ok(!text.includes(result.token.split(".")[2]!), target);
    }
  });
});

describe("previewTemplate() with targets", () => {
  it("returns each verdict, and a finding about a claim the mapper wrote points at it", async () => {
    const profile = targetProfile("vault");
    const mapper = "{\n  claims: {\n    aud: 'web',\n  },\n}\n";
    const preview = await previewTemplate({
      jwks: starters.get("vault")!.jwks,
      claimsMapper: mapper,
      session: sampleSession(),
      now: new Date(NOW),
      targets: [{ name: "vault", settings: profile.starter.settings }, { name: "neon" }],
    }, { jsonnet: sandbox });
    assert.deepEqual(Object.keys(preview.targets ?? {}), ["vault", "neon"]);
    assert.equal(preview.targets?.neon?.accepted, true);
    const finding = preview.targets?.vault?.findings.find((f) => f.code === "aud-mismatch");
    assert.deepEqual(finding?.range, { start: { line: 2, column: 4 }, end: { line: 2, column: 7 } });
    // A finding about a claim Ory wrote has no place in the mapper.
    const iss = await previewTemplate({
      jwks: starters.get("vault")!.jwks,
      claimsMapper: mapper,
      session: sampleSession(),
      now: new Date(NOW),
      targets: [{ name: "vault", settings: { boundAudiences: ["web"], boundIssuer: "https://x.example/" } }],
    }, { jsonnet: sandbox });
    const issFinding = iss.targets?.vault?.findings.find((f) => f.code === "iss-mismatch");
    assert.ok(issFinding);
    assert.equal(issFinding.range, undefined);
  });

  it("points a finding about a member of a claim at the member (Hasura's session variables), not one the service reads at the top", async () => {
    const mapper = "local s = std.extVar('session');\n{\n  claims: {\n    'https://hasura.io/jwt/claims': {\n" +
      "      'x-hasura-allowed-roles': ['user'],\n      'x-hasura-default-role': 'user',\n" +
      "      'x-hasura-user-id': 5,\n    },\n    app: { role: 'user' },\n  },\n}\n";
    const preview = await previewTemplate({
      jwks: starters.get("hasura")!.jwks,
      claimsMapper: mapper,
      session: sampleSession(),
      now: new Date(NOW),
      targets: [{ name: "hasura" }, { name: "supabase" }],
    }, { jsonnet: sandbox });
    const typed = preview.targets?.hasura?.findings.find((f) => f.code === "session-variable-type");
    assert.deepEqual(typed?.range, { start: { line: 6, column: 6 }, end: { line: 6, column: 24 } });
    // Supabase reads role at the top level: a role nested elsewhere is not where the finding is.
    const role = preview.targets?.supabase?.findings.find((f) => f.about.name === "role");
    assert.ok(role, JSON.stringify(preview.targets?.supabase));
    assert.equal(role.range, undefined);
  });

  it("leaves targets out when none is asked for", async () => {
    const preview = await previewTemplate({
      jwks: starters.get("neon")!.jwks,
      session: sampleSession(),
    }, { jsonnet: sandbox });
    assert.equal(preview.targets, undefined);
  });
});
