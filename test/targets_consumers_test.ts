// The tokens checkTarget accepts, verified by the libraries the services publish where one runs here
// (aws-jwt-verify for AWS; PowerSync's rules over jose), and otherwise by jose or jsonwebtoken configured as
// each service's docs describe it: the algorithms, the issuer, the audience and the clock tolerance.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { after, before, describe, it } from "node:test";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyOptions } from "jose";
import jsonwebtoken from "jsonwebtoken";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { checkTarget, publicJwks, TARGET_PROFILES, type TargetName, targetProfile } from "../lib/mod.ts";
import { createSandboxedJsonnet } from "../lib/entries/jsonnet.ts";
import { NOW, type StarterToken, starterToken } from "./_target_tokens.ts";

const sandbox = createSandboxedJsonnet();
after(() => sandbox.close());

const starters = new Map<string, StarterToken>();
before(async () => {
  for (const profile of TARGET_PROFILES) starters.set(profile.name, await starterToken(profile, sandbox));
});

/** jose's options for a service, as its docs describe its verification. */
const JOSE: Partial<Record<TargetName, (settings: Record<string, unknown>) => JWTVerifyOptions>> = {
  // HS*, RS*, EdDSA and ES*, allowed_skew 0 by default; audience and issuer when configured.
  hasura: () => ({ algorithms: [...targetProfile("hasura").algorithms.accepted], clockTolerance: 0 }),
  // Asymmetric keys from the issuer's discovery; role is required.
  supabase: () => ({ algorithms: [...targetProfile("supabase").algorithms.accepted], requiredClaims: ["role", "sub"] }),
  // jwt-secret as a key set, 30 s of skew.
  postgrest: () => ({ clockTolerance: 30 }),
  // RS256 or ES256; issuer exact; applicationID is the audience; sub, iss and exp required.
  convex: (s) => ({
    algorithms: ["RS256", "ES256"],
    issuer: s["issuer"] as string,
    audience: s["applicationID"] as string,
    requiredClaims: ["sub", "iss", "exp"],
  }),
  neon: () => ({ algorithms: ["RS256", "ES256"], requiredClaims: ["sub"] }),
  // issuer.url and issuer.audiences; asymmetric algorithms.
  kubernetes: (s) => ({
    algorithms: [...targetProfile("kubernetes").algorithms.accepted],
    issuer: s["issuer"] as string,
    audience: s["audiences"] as string[],
  }),
  // No ES512; 60 s past exp.
  "apollo-router": () => ({ algorithms: [...targetProfile("apollo-router").algorithms.accepted], clockTolerance: 60 }),
  // bound_audiences, 60 s of clock skew leeway.
  vault: (s) => ({
    algorithms: [...targetProfile("vault").algorithms.accepted],
    audience: s["boundAudiences"] as string[],
    clockTolerance: 60,
  }),
};

function secretOf(starter: StarterToken): Buffer {
  return Buffer.from(starter.jwks.keys[0]!.k!, "base64url");
}

describe("tokens checkTarget accepts, verified by the services' own libraries or as their docs configure one", () => {
  it("every starter's token is accepted by checkTarget first", () => {
    for (const profile of TARGET_PROFILES) {
      const { result, jwks } = starters.get(profile.name)!;
      const verdict = checkTarget(result.token, profile.name as TargetName, {
        now: NOW,
        key: jwks.keys[0],
        settings: profile.starter.settings,
      });
      assert.equal(verdict.accepted, true, profile.name);
    }
  });

  for (const [name, options] of Object.entries(JOSE)) {
    it(`${name}: jose, configured as the docs describe the service, verifies the starter's token`, async () => {
      const { result, jwks } = starters.get(name)!;
      const settings = { ...targetProfile(name).starter.settings };
      const verified = await jwtVerify(result.token, createLocalJWKSet(publicJwks(jwks) as never), {
        ...options!(settings),
        currentDate: new Date(NOW),
      });
      assert.equal(verified.payload.sub, result.claims.sub);
    });
  }

  it("aws-http-api: aws-jwt-verify's JwtRsaVerifier with the authorizer's issuer and audience verifies it", async () => {
    const { result, jwks } = starters.get("aws-http-api")!;
    const settings = targetProfile("aws-http-api").starter.settings!;
    const verifier = JwtRsaVerifier.create({
      issuer: settings["issuer"] as string,
      audience: settings["audience"] as string[],
      jwksUri: `${settings["issuer"]}.well-known/jwks.json`,
    });
    // Offline: the key set the issuer would serve, cached as if fetched.
    verifier.cacheJwks(publicJwks(jwks) as never);
    const payload = await verifier.verify(result.token);
    assert.equal(payload.sub, result.claims.sub);
    // A token for another audience is refused by it too, as checkTarget says.
    const other = JwtRsaVerifier.create({
      issuer: settings["issuer"] as string,
      audience: "other-api",
      jwksUri: `${settings["issuer"]}.well-known/jwks.json`,
    });
    other.cacheJwks(publicJwks(jwks) as never);
    await assert.rejects(other.verify(result.token));
    assert.equal(
      checkTarget(result, "aws-http-api", { now: NOW, settings: { ...settings, audience: ["other-api"] } }).accepted,
      false,
    );
  });

  it("powersync: PowerSync's rules over jose (kid, aud, iat and exp, at most 24 h, 60 s of skew) verify it", async () => {
    const { result, jwks } = starters.get("powersync")!;
    const settings = targetProfile("powersync").starter.settings!;
    const header = decodeProtectedHeader(result.token);
    assert.ok(publicJwks(jwks).keys.some((key) => key.kid === header.kid), "the kid names a key");
    const { payload } = await jwtVerify(result.token, createLocalJWKSet(publicJwks(jwks) as never), {
      audience: settings["audience"] as string[],
      clockTolerance: 60,
      requiredClaims: ["aud", "sub", "iat", "exp"],
      currentDate: new Date(NOW),
    });
    assert.ok(payload.exp! - payload.iat! <= 86_400, "Token must expire in a maximum of 86400 seconds");
  });

  it("zendesk-sso: jsonwebtoken with the shared secret, HS256 only, 3 minutes of skew, verifies it", () => {
    const starter = starters.get("zendesk-sso")!;
    const payload = jsonwebtoken.verify(starter.result.token, secretOf(starter), {
      algorithms: ["HS256"],
      clockTolerance: 180,
      clockTimestamp: NOW / 1000,
    }) as Record<string, unknown>;
    for (const claim of ["iat", "jti", "email", "name"]) assert.ok(claim in payload, claim);
  });

  it("zendesk-messaging: jsonwebtoken with the signing key's secret, HS256, verifies it and the kid names the key", () => {
    const starter = starters.get("zendesk-messaging")!;
    const decoded = jsonwebtoken.verify(starter.result.token, secretOf(starter), {
      algorithms: ["HS256"],
      complete: true,
      clockTimestamp: NOW / 1000,
    });
    assert.equal(decoded.header.kid, starter.jwks.keys[0]!.kid);
    assert.equal((decoded.payload as Record<string, unknown>)["scope"], "user");
  });
});
