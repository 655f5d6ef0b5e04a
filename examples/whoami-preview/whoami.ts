// Ory's `/sessions/whoami?tokenize_as=…` for preview environments, in any runtime that serves fetch
// handlers: your frontend signs in against it and gets the token your real Ory would issue, from your
// template. This file is the same everywhere; worker.ts, deno.ts and bun.ts only serve it.
import { encodeTemplate, Tokenizer } from "ory-tokenizer";
import { createSessionStore, createWhoamiHandler, parseSessions, templatePublicKeys } from "ory-tokenizer/whoami";

/** What a preview needs: secrets and fixtures, as the platform hands them over. */
export interface PreviewSettings {
  /** The template's key set, JSON (`ory-tokenizer jwk create preview`); keep it a secret. */
  jwks: string;
  /** The claims mapper's Jsonnet. */
  claimsMapper: string;
  /** The fixture sessions, JSON: `{"<session token>": <whoami session JSON>, …}`. */
  sessions: string;
  /** Kratos's `serve.public.base_url`, which the tokens carry as `iss`. */
  issuer: string;
}

/** The whoami handler for a preview: `tokenize_as=preview`, the public keys at `/.well-known/jwks.json`. */
export async function previewWhoami(settings: PreviewSettings): Promise<(request: Request) => Promise<Response>> {
  const templates = { preview: encodeTemplate({ jwks: settings.jwks, claimsMapper: settings.claimsMapper }) };
  return createWhoamiHandler({
    tokenizer: new Tokenizer({ templates, issuer: settings.issuer }),
    sessions: createSessionStore(parseSessions(settings.sessions, "the preview's sessions")),
    publicKeys: (await templatePublicKeys(templates)).jwks,
    baseUrl: settings.issuer,
  });
}
