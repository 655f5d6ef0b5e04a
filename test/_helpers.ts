// Shared test fixtures and helpers, for Node (tsx) and Deno alike.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Reads a file under test/fixtures as text. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
}

/** Kratos's test clock: 2023-02-01T00:00:00Z. */
export const KRATOS_NOW = Date.parse("2023-02-01T00:00:00Z");
export const KRATOS_ISSUER = "http://localhost/";

/** Decodes one base64url JWS segment to text. */
export function segmentText(segment: string): string {
  const b64 = segment.replace(/-/g, "+").replace(/_/g, "/");
  return new TextDecoder().decode(
    Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)),
  );
}

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
