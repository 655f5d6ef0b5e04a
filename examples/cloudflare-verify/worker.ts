// A Cloudflare Worker in front of your API: it accepts a request only with a token Ory issued for it.
// The key set is fetched from Ory's public JWKS URL and cached per isolate (for ten minutes, refetched at
// most every 30 s for an unknown `kid`), so most requests verify without a network call.
import { TokenError, verifyToken } from "ory-tokenizer";

interface Env {
  /** The template's public key set, as Ory or `ory-tokenizer issuer` serves it. */
  JWKS_URL: string;
  /** The `iss` your Ory project writes: its public URL. */
  ISSUER: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "")?.[1];
    if (token === undefined) return unauthorized("invalid_request", "Send the token as Authorization: Bearer <token>");
    try {
      const { claims } = await verifyToken(token, new URL(env.JWKS_URL), { issuer: env.ISSUER });
      // Your API's own work goes here, with the identity the token names.
      return Response.json({ sub: claims.sub, email: claims["email"] ?? null });
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      // The code says why (expired, wrong issuer, unknown key…); never echo the token itself.
      return unauthorized("invalid_token", `${error.code}: ${error.message}`);
    }
  },
};

function unauthorized(code: string, description: string): Response {
  return Response.json({ error: code, error_description: description }, {
    status: 401,
    headers: { "WWW-Authenticate": `Bearer error="${code}"` },
  });
}
