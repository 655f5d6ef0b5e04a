// Shared test fixtures and helpers, for Node (tsx), Deno and the suites' browser run alike: use these
// rather than a copy per file. No file-system access here (temporary files: test/_temp_files.ts).
import assert from "node:assert/strict";
import { encodeTemplate, type JwkSet, sampleSession, tokenizeSession } from "../lib/mod.ts";

export { readFixture as fixture } from "./_read_fixture.ts";

/** Kratos's test clock: 2023-02-01T00:00:00Z. */
export const KRATOS_NOW = Date.parse("2023-02-01T00:00:00Z");
export const KRATOS_ISSUER = "http://localhost/";

/** base64url without padding (RFC 7515), written independently of lib. */
export function b64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  let binary = "";
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** Decodes base64url, with or without padding, independently of lib. */
export function unb64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

/** Decodes one base64url JWS segment to text. */
export function segmentText(segment: string): string {
  return new TextDecoder().decode(unb64url(segment));
}

/** A token as Ory issues it: the sample session, a 10-minute template, Kratos's issuer and test clock. */
export async function oryToken(jwks: JwkSet | string): Promise<string> {
  const template = encodeTemplate({ jwks, ttl: "10m" });
  return (await tokenizeSession(sampleSession(), template, { issuer: KRATOS_ISSUER, now: () => KRATOS_NOW })).token;
}

/**
 * RFC 7518 sections 6.2.2, 6.3.2 and 6.4.1, and RFC 8037 section 2, typed out here rather than taken
 * from lib: a member missing from lib's own list must turn the tests that use this red.
 */
export const RFC_PRIVATE_MEMBERS: readonly string[] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/** Whether output holds a stack trace or Node's internals (what users see never should). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[:(]\d+:\d+\)?/.test(text) || text.includes("node:internal");
}

/** Output shown to a user holds no stack trace, no Node internals and none of the given secrets. */
export function assertClean(text: string, secrets: readonly string[] = []): void {
  assert.ok(!hasStackTrace(text), `no stack trace in ${text}`);
  for (const secret of secrets) assert.ok(!text.includes(secret), "no secret (key material or a whole token)");
}

/** A mapper that runs for hours unchecked (2^40 calls): the sandbox suites' runaway. */
export const EXPONENTIAL = "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { n: f(40) } }";

/** Kratos's stub mapper (session/stub/rs512-template.jsonnet), rewritten from its description. */
export const STUB_MAPPER = `local claims = std.extVar('claims');
local session = std.extVar('session');

{
  claims: {
    foo: 'bar',
    sub: 'can not be overwritten',
    schema_id: session.identity.schema_id,
    aal: session.authenticator_assurance_level,
    second_claim: claims.exp,
    [if std.objectHas(session.identity, 'external_id') then 'external_id']: session.identity.external_id,
  },
}
`;

/**
 * The issue's example of a located error: `%s` sits on line 7, column 12 as compilers print it
 * (1-based), which is `{ line: 6, column: 11 }` zero-based. Replace `%s` with the broken expression.
 */
export const LINE_7_MAPPER = [
  "local claims = std.extVar('claims');",
  "local session = std.extVar('session');",
  "",
  "{",
  "  claims: {",
  "    email: session.identity.traits.email,",
  "    roles: %s,",
  "  },",
  "}",
  "",
].join("\n");
