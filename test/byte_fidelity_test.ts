// Byte fidelity: whole tokens for deterministic algorithms (RS256, EdDSA, HS256) equal bytes this test
// computes on its own (its own Go-style JSON writer, WebCrypto signing); for randomised ones (ES*, PS*)
// header and payload segments match and the signature verifies.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeTemplate, generateJwks, type Jwk, type JwkAlg, sampleSession, tokenizeSession } from "../lib/mod.ts";
import { b64url, KRATOS_ISSUER, KRATOS_NOW, unb64url } from "./_helpers.ts";

/** Go's json.Marshal of map[string]any, written independently of lib/encoding/go_json.ts. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return "[" + value.map(goJson).join(",") + "]";
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort((a, b) => {
      const x = new TextEncoder().encode(a);
      const y = new TextEncoder().encode(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    });
    return "{" + keys.map((k) => goJson(k) + ":" + goJson((value as Record<string, unknown>)[k])).join(",") + "}";
  }
  if (typeof value === "string") {
    let out = '"';
    for (const ch of value) {
      const c = ch.codePointAt(0)!;
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) {
        out += "\\u" + c.toString(16).padStart(4, "0");
      } else out += ch;
    }
    return out + '"';
  }
  return JSON.stringify(value);
}

const CLAIMS_MAPPER = `local s = std.extVar('session');
{ claims: { email: s.identity.traits.email, html: '<b>&</b>', unicode: 'ünï 😀 \\u2028', nested: { z: 1, a: [2.5, 1e21, 1e-7, 0.1] }, nothing: null } }`;

function expectedClaims(jti: string) {
  return {
    jti,
    iss: KRATOS_ISSUER,
    exp: 1675209600 + 600,
    nbf: 1675209600,
    iat: 1675209600,
    sid: sampleSession().id,
    sub: sampleSession().identity.id,
    email: "alice@example.com",
    html: "<b>&</b>",
    unicode: "ünï 😀 \u2028",
    nested: { z: 1, a: [2.5, 1e21, 1e-7, 0.1] },
    nothing: null,
  };
}

const SIGN: Record<
  string,
  { importAs: AlgorithmIdentifier | RsaHashedImportParams | HmacImportParams; sign: AlgorithmIdentifier }
> = {
  RS256: { importAs: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, sign: { name: "RSASSA-PKCS1-v1_5" } },
  EdDSA: { importAs: { name: "Ed25519" }, sign: { name: "Ed25519" } },
  HS256: { importAs: { name: "HMAC", hash: "SHA-256" }, sign: { name: "HMAC" } },
};

async function tokenFor(alg: JwkAlg) {
  const jwks = await generateJwks({ alg, ...(alg.startsWith("RS") ? { modulusLength: 2048 } : {}) });
  const jti = crypto.randomUUID();
  const { token } = await tokenizeSession(
    sampleSession(),
    encodeTemplate({ jwks, claimsMapper: CLAIMS_MAPPER, ttl: "10m" }),
    {
      issuer: KRATOS_ISSUER,
      now: () => KRATOS_NOW,
      randomUUID: () => jti,
    },
  );
  const key = jwks.keys[0]!;
  const input = `${b64url(goJson({ alg, kid: key.kid, typ: "JWT" }))}.${b64url(goJson(expectedClaims(jti)))}`;
  return { token, key, input };
}

function material(key: Jwk): JsonWebKey {
  const { alg: _alg, use: _use, kid: _kid, ...rest } = key;
  return rest as JsonWebKey;
}

describe("byte fidelity", () => {
  for (const alg of ["RS256", "EdDSA", "HS256"] as const) {
    it(`tokenizeSession() with ${alg} issues exactly the expected token`, async () => {
      const { token, key, input } = await tokenFor(alg);
      const { importAs, sign } = SIGN[alg]!;
      const cryptoKey = await crypto.subtle.importKey("jwk", material(key), importAs, false, ["sign"]);
      const signature = new Uint8Array(await crypto.subtle.sign(sign, cryptoKey, new TextEncoder().encode(input)));
      assert.equal(token, `${input}.${b64url(signature)}`);
    });
  }

  const randomised: [
    JwkAlg,
    AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams,
    AlgorithmIdentifier | EcdsaParams | RsaPssParams,
  ][] = [
    ["ES256", { name: "ECDSA", namedCurve: "P-256" }, { name: "ECDSA", hash: "SHA-256" }],
    ["ES512", { name: "ECDSA", namedCurve: "P-521" }, { name: "ECDSA", hash: "SHA-512" }],
    ["PS256", { name: "RSA-PSS", hash: "SHA-256" }, { name: "RSA-PSS", saltLength: 32 }],
  ];
  for (const [alg, importAs, verifyWith] of randomised) {
    it(`tokenizeSession() with ${alg} matches header and payload bytes and verifies`, async () => {
      const { token, key, input } = await tokenFor(alg);
      const [h, p, s] = token.split(".");
      assert.equal(`${h}.${p}`, input);
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = material(key) as Record<string, unknown>;
      const verifyKey = await crypto.subtle.importKey("jwk", pub as JsonWebKey, importAs, false, ["verify"]);
      const signature = unb64url(s!);
      assert.equal(await crypto.subtle.verify(verifyWith, verifyKey, signature, new TextEncoder().encode(input)), true);
    });
  }
});
