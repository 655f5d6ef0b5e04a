/**
 * Stand-in for lib's `previewTemplate` until it lands: the same result shape from lint, tokenize,
 * decode and verify. Replaced by the lib call; nothing else depends on this file.
 *
 * @module
 */

import {
  type Claims,
  decodeToken,
  type Diagnostic,
  encodeTemplate,
  type JsonnetEvaluator,
  type JwkSet,
  lintClaimsMapper,
  publicJwks,
  type Session,
  TokenizerError,
  tokenizeSession,
  verifyToken,
} from "../../../lib/mod.ts";
import type { PreviewContent } from "../logic/preview_html.ts";

/** The inputs of a preview. */
export interface PreviewRequest {
  claimsMapper: string;
  jwks: JwkSet;
  session: Session;
  issuer: string;
  ttl: string;
  filename: string;
}

const DEFAULTS = new Set(["jti", "iss", "exp", "nbf", "iat", "sid"]);

/** Previews a mapper: findings, claims with origins, token, verification or Ory's error. */
export async function composePreview(
  request: PreviewRequest,
  jsonnet: JsonnetEvaluator,
): Promise<PreviewContent> {
  const diagnostics: Diagnostic[] = await lintClaimsMapper(
    request.claimsMapper,
    {
      session: request.session,
      filename: request.filename,
      issuer: request.issuer,
      ttl: request.ttl,
      jsonnet,
    },
  );
  try {
    const template = encodeTemplate({
      jwks: request.jwks,
      claimsMapper: request.claimsMapper,
      ttl: request.ttl,
    });
    const result = await tokenizeSession(request.session, template, {
      issuer: request.issuer,
      jsonnet,
    });
    const origins: Record<string, "default" | "mapper" | "forced"> = {};
    for (const name of Object.keys(result.claims as Claims)) {
      origins[name] = name === "sub" ? "forced" : DEFAULTS.has(name) ? "default" : "mapper";
    }
    let verification: PreviewContent["verification"];
    try {
      await verifyToken(result.token, publicJwks(request.jwks), {
        issuer: request.issuer,
      });
      verification = { valid: true };
    } catch (error) {
      verification = {
        valid: false,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    return {
      diagnostics,
      claims: result.claims,
      origins,
      token: result.token,
      header: { ...result.header },
      decoded: decodeToken(result.token),
      verification,
    };
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    const located = diagnostics.find((d) => d.severity === "error");
    return {
      diagnostics,
      error: {
        code: error.code,
        status: error.status,
        reason: error.reason,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
        ...(located === undefined ? {} : { range: located.range }),
      },
    };
  }
}
