/** What every measurement tokenizes: an ES256 key, the Ory guide's mapper, the sample session. */
import { readFileSync } from "node:fs";
import { encodeTemplate, generateJwks, type JwkSet, sampleSession } from "../lib/mod.ts";

/** The claims mapper of Ory's "Issue JWTs for Ory Sessions" guide (examples/basic/claims.jsonnet). */
export const DOCS_MAPPER = readFileSync(new URL("../examples/basic/claims.jsonnet", import.meta.url), "utf8");

export const session = sampleSession();
export const jwks: JwkSet = await generateJwks({ alg: "ES256", set: "bench" });
export const template = encodeTemplate({ jwks, claimsMapper: DOCS_MAPPER, ttl: "10m" });
