/** What every measurement tokenizes: an ES256 key, the Ory guide's mapper, the sample session. */
import { encodeTemplate, generateJwks, type JwkSet, sampleSession } from "../lib/mod.ts";

/** The claims mapper of Ory's "Issue JWTs for Ory Sessions" guide. */
export const DOCS_MAPPER = `local claims = std.extVar('claims');
local session = std.extVar('session');

{
  claims: {
    iss: claims.iss + "/additional-component",
    schema_id: session.identity.schema_id,
    session: session,
  }
}
`;

export const session = sampleSession();
export const jwks: JwkSet = await generateJwks({ alg: "ES256", set: "bench" });
export const template = encodeTemplate({ jwks, claimsMapper: DOCS_MAPPER, ttl: "10m" });
