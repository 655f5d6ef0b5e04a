// The preview's whoami as a Cloudflare Worker: `wrangler secret put TOKENIZER_JWKS`, then `wrangler deploy`.
// Workers have no threads: mappers run in the request's thread, still stopped at Ory's 1 s.
import { previewWhoami } from "./whoami.ts";
import claimsMapper from "./claims.jsonnet";

interface Env {
  TOKENIZER_JWKS: string;
  SESSIONS: string;
  ISSUER: string;
}

let handler: ReturnType<typeof previewWhoami> | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // Made on an isolate's first request: Workers refuse key work at global scope.
    handler ??= previewWhoami({ jwks: env.TOKENIZER_JWKS, claimsMapper, sessions: env.SESSIONS, issuer: env.ISSUER });
    return (await handler)(request);
  },
};
