/**
 * fast-check generators for every input ory-tokenizer parses, shared by the fuzz suite and by anything
 * built on lib later (an HTTP emulator, a playground, an editor extension): key sets and single keys,
 * Go durations, base64:// and file:// sources, config files, sessions, tokens, Jsonnet mappers, CLI
 * arguments. Each mixes valid inputs, near-misses made by mutating valid ones, and noise.
 */
import fc from "fast-check";

/** Deterministic key material, so the fuzz suite never waits for key generation. */
export const SECRET_D = "kPoEy2OcUeHobxp9jK00YKTs0CBoRTMWZJoPOe9K5hQ";
export const SECRET_K = "c2VjcmV0LWhtYWMta2V5LWZvci10aGUtZnV6ei1zdWl0ZQ";
export const EC_KEY = {
  use: "sig",
  kty: "EC",
  kid: "247f1420-e581-4023-88e0-07ee662f80da",
  crv: "P-256",
  alg: "ES256",
  x: "1odGSu9bvVq_9QqqNny8TvvUElscLYoTExxhnomYOgQ",
  y: "pa4d4Ql1lO86PBnQ8efYzSzW9nUrsfLlomn3RIpH2Ic",
  d: SECRET_D,
};
export const OCT_KEY = { kty: "oct", alg: "HS256", k: SECRET_K, kid: "hmac" };
/** The secret key set, standard-base64-encoded, as a template carries it. */
export const SECRET_SET_BASE64 = btoa(JSON.stringify({ keys: [EC_KEY, OCT_KEY] }));
/** Secret values a message must never contain, not even a piece of (see `secretPieces`). */
export const SECRETS = [SECRET_D, SECRET_K, SECRET_SET_BASE64];

/** Every 12-character piece of every secret: a fragment leaks as much as the whole. */
export function secretPieces(): string[] {
  const pieces: string[] = [];
  for (const secret of SECRETS) {
    for (let at = 0; at + 12 <= secret.length; at += 6) pieces.push(secret.slice(at, at + 12));
  }
  return pieces;
}

const ALGS = ["ES256", "ES384", "ES512", "EdDSA", "RS256", "PS256", "HS256", "none", "", "es256", "ES256K", "RSA-OAEP"];
const KTYS = ["EC", "RSA", "OKP", "oct", "", "ec", "XYZ"];
const CRVS = ["P-256", "P-384", "P-521", "Ed25519", "X25519", "secp256k1", ""];

/** A JSON value that is sometimes of the wrong type for a key member. */
const memberValue = fc.oneof(
  fc.string(),
  fc.base64String(),
  fc.constantFrom(...ALGS, ...KTYS, ...CRVS),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);

/** A single JWK: the valid EC or oct key, with members changed, dropped or added. */
export const jwk = fc.record({
  base: fc.constantFrom<Record<string, unknown>>(EC_KEY, OCT_KEY),
  drop: fc.subarray(["kty", "alg", "kid", "crv", "x", "y", "d", "k", "use"]),
  set: fc.dictionary(
    fc.constantFrom("kty", "alg", "kid", "crv", "x", "y", "d", "k", "use", "key_ops", "set"),
    memberValue,
    {
      maxKeys: 3,
    },
  ),
}).map(({ base, drop, set }) => {
  const key: Record<string, unknown> = { ...base, ...set };
  for (const member of drop) delete key[member];
  return key;
});

/** Text where a key set is expected: valid sets, bare keys, mangled JSON, truncations and noise. */
export const jwksText = fc.oneof(
  fc.array(jwk, { maxLength: 3 }).map((keys) => JSON.stringify({ set: "fuzz", keys })),
  jwk.map((key) => JSON.stringify(key)),
  fc.tuple(fc.array(jwk, { minLength: 1, maxLength: 2 }), fc.nat()).map(([keys, cut]) => {
    const text = JSON.stringify({ keys });
    return text.slice(0, cut % text.length);
  }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom("", "[]", "null", '{"keys":{}}', '{"keys":[null]}', '{"keys":[]}', "\u00ff\u00fe"),
  fc.string(),
);

/** Go durations: valid ones (built from units), near-misses and noise. */
export const durationText = fc.oneof(
  fc.array(fc.tuple(fc.nat({ max: 10_000 }), fc.constantFrom("ns", "us", "µs", "ms", "s", "m", "h")), {
    minLength: 1,
    maxLength: 4,
  }).map((parts) => parts.map(([n, unit]) => `${n}${unit}`).join("")),
  fc.tuple(
    fc.constantFrom("", "-", "+"),
    fc.float({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom("s", "m", "h", "d", "", "x"),
  )
    .map(([sign, n, unit]) => `${sign}${n}${unit}`),
  fc.constantFrom(
    "0",
    "",
    "-",
    ".",
    "1",
    "1.5.5s",
    "9223372036854775807ns",
    "9223372036854775808ns",
    "99999999999h",
    "10 m",
  ),
  fc.string({ maxLength: 12 }),
);

/** Sources for `jwks_url` / `claims_mapper_url`: every scheme, good and broken base64, odd paths. */
export const sourceText = fc.oneof(
  fc.base64String().map((b64) => `base64://${b64}`),
  fc.tuple(fc.base64String(), fc.nat()).map(([b64, at]) => `base64://${b64.slice(0, at)}\n${b64.slice(at)}`),
  fc.string().map((text) => `base64://${text}`),
  fc.string({ maxLength: 20 }).map((path) => `file://${path}`),
  fc.constantFrom("https://example.test/x", "http://", "ftp://x", "", "base64://", "file://", "BASE64://eA=="),
  fc.string(),
);

/**
 * A source that holds the secret key set under a mistyped or foreign scheme, or none: what a person
 * pastes by mistake. Every failure about it must show none of it.
 */
export const mistypedSourceText = fc.tuple(
  fc.constantFrom(
    "base64:",
    "Base64://",
    "BASE64://",
    " base64://",
    "\tbase64://",
    "base46://",
    "base64//",
    "data:application/json;base64,",
    "data:;base64,",
    "file://",
    "https://",
    "http://user:pw@",
    "",
  ),
  fc.constantFrom(SECRET_SET_BASE64, JSON.stringify({ keys: [EC_KEY, OCT_KEY] }), SECRET_D, SECRET_K),
  fc.constantFrom("", "\n", "?x=1", " "),
).map(([prefix, content, suffix]) => `${prefix}${content}${suffix}`);

/** Session JSON: the sample session with members replaced by odd values, or arbitrary JSON. */
export const sessionValue = fc.oneof(
  fc.record({
    id: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
    active: fc.boolean(),
    authenticator_assurance_level: fc.constantFrom("aal1", "aal2", ""),
    identity: fc.oneof(
      fc.record({
        id: fc.oneof(fc.uuid(), fc.string()),
        external_id: fc.option(fc.string(), { nil: undefined }),
        schema_id: fc.string(),
        traits: fc.jsonValue(),
        metadata_public: fc.jsonValue(),
      }, { requiredKeys: ["id"] }),
      fc.constant(null),
    ),
  }, { requiredKeys: ["id", "identity"] }),
  fc.jsonValue(),
);

/** Jsonnet mappers: realistic ones, broken ones, hostile-ish ones (bounded), and noise. */
export const mapperText = fc.oneof(
  fc.constantFrom(
    "{ claims: {} }",
    "local s = std.extVar('session'); { claims: { id: s.identity.id } }",
    "{ claims: std.extVar('claims') }",
    "{ claims: { a: std.extVar('nope') } }",
    "import 'x.libsonnet'",
    "{ claims: ",
    "[1]",
    "{ claims: null }",
    "{ claims: { a: error 'boom' } }",
    "local f(n) = if n == 0 then 0 else f(n - 1) + 1; { claims: { d: f(100) } }",
    "{ claims: { s: std.toString(0.1), n: 1e21, m: -0 } }",
    "{ claims: { '__proto__': { polluted: true }, constructor: 1 } }",
  ),
  fc.jsonValue().map((value) => `{ claims: ${JSON.stringify(value)} }`),
  fc.string({ maxLength: 40 }),
);

function base64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Compact-token-looking strings: valid shapes with mangled segments, wrong segment counts, noise. */
export const tokenText = fc.oneof(
  fc.array(
    fc.base64String({ maxLength: 40 }).map((s) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")),
    {
      minLength: 1,
      maxLength: 6,
    },
  ).map((segments) => segments.join(".")),
  fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([h, p]) =>
    [h, p].map((v) => base64Url(JSON.stringify(v))).join(".") + ".c2ln"
  ),
  fc.string(),
);

/** Kratos config text (YAML or JSON) holding templates with fuzzed members. */
export const configText = fc.record({
  name: fc.oneof(fc.constantFrom("jwt", "a.b", "x-y_z"), fc.string({ maxLength: 8 })),
  jwks_url: fc.oneof(sourceText, fc.integer(), fc.constant(null)),
  ttl: fc.oneof(durationText, fc.integer()),
  subject_source: fc.constantFrom("id", "external_id", "", "other", undefined),
}).map(({ name, ...template }) =>
  JSON.stringify({ session: { whoami: { tokenizer: { templates: { [name]: template } } } } })
);

/** A template where one is expected: an encoded one, the secret set as a value, or any JSON. */
const templateValue = fc.oneof(
  sourceText.map((jwks_url) => ({ jwks_url })),
  fc.constant(`base64://${SECRET_SET_BASE64}`),
  fc.constant({ jwks_url: `base64://${SECRET_SET_BASE64}` }),
  fc.jsonValue(),
);

/**
 * What `encode --decode` reads: configs, JSON Patches, saved `ory patch identity-config` commands
 * (with broken JSON too), single templates, truncations and noise.
 */
export const configDocumentText = fc.oneof(
  configText,
  fc.tuple(fc.string({ maxLength: 8 }), templateValue).map(([name, value]) =>
    JSON.stringify([{ op: "add", path: `/session/whoami/tokenizer/templates/${name}`, value }])
  ),
  fc.tuple(fc.string({ maxLength: 8 }), templateValue, fc.nat()).map(([name, value, cut]) => {
    const json = JSON.stringify(value) ?? "";
    const word = `/session/whoami/tokenizer/templates/${name}=${json.slice(0, json.length - (cut % 3))}`;
    return `ory patch identity-config --add '${word.replace(/'/g, "'\\''")}'`;
  }),
  templateValue.map((value) => JSON.stringify(value) ?? ""),
  fc.tuple(configText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)),
  fc.string(),
);

/** CLI argument vectors: real commands and flags in odd orders and with odd values. */
export const cliArgs = fc.tuple(
  fc.constantFrom(["jwk", "create"], ["jwk", "public"], ["tokenize"], ["nope"], [], ["--help"], ["jwk"]),
  fc.array(
    fc.oneof(
      fc.constantFrom(
        "--alg",
        "--jwks",
        "--claims",
        "--ttl",
        "--session",
        "--now",
        "--jti",
        "--json",
        "--format",
        "--issuer",
        "--config",
        "--template",
        "--kid",
        "--thumbprint-kid",
        "--public",
        "-",
        "--",
      ),
      fc.constantFrom(
        "ES256",
        "HS256",
        "bogus",
        "10m",
        "-1h",
        "2023-02-01T00:00:00Z",
        "json",
        "yaml",
        "/nonexistent",
        "set",
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 6 },
  ),
).map(([command, rest]) => [...command, ...rest]);
