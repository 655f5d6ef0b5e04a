// Tokens for the target suites: each profile's starter tokenized by lib, as Ory would, with a fresh key of the
// starter's algorithm, at one clock shared by the checks and the consumers' verifiers.
import {
  encodeTemplate,
  generateJwks,
  type JsonnetEvaluator,
  type JwkSet,
  sampleSession,
  type TargetProfile,
  type TokenizeResult,
  tokenizeSession,
} from "../lib/mod.ts";

/** The clock of every target test, in milliseconds (whole seconds, as Ory's times are). */
export const NOW = Math.floor(Date.now() / 1000) * 1000;
export const NOW_SECONDS = NOW / 1000;

/** A starter's token, the set that signed it, and the settings the starter assumes. */
export interface StarterToken {
  result: TokenizeResult;
  jwks: JwkSet;
}

/** Tokenizes a profile's starter for the sample session; the caller closes the evaluator. */
export async function starterToken(
  profile: TargetProfile,
  jsonnet: JsonnetEvaluator,
): Promise<StarterToken> {
  const starter = profile.starter;
  const jwks = await generateJwks({ alg: starter.template.alg });
  const template = encodeTemplate({
    jwks,
    claimsMapper: starter.claimsMapper,
    ttl: starter.template.ttl,
    subjectSource: starter.template.subject_source,
  });
  const result = await tokenizeSession(sampleSession(), template, {
    ...(starter.issuer === undefined ? {} : { issuer: starter.issuer }),
    now: () => NOW,
    jsonnet,
  });
  return { result, jwks };
}
