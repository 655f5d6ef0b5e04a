/**
 * `ory-tokenizer/whoami`: Kratos's `/sessions/whoami` as a fetch handler (`Request` in, `Response` out),
 * for a local emulator, preview environments and tests: sessions, credentials, CORS, the public keys and the issuer kit
 * (the discovery document and key set a verifier finds through `iss`).
 *
 * @module
 */

export {
  createWhoamiHandler,
  JWKS_PATH,
  SIGN_IN_PATH,
  SIGN_OUT_PATH,
  WHOAMI_PATH,
} from "../whoami/create_whoami_handler.ts";
export type { WhoamiHandlerOptions, WhoamiRequestLog } from "../whoami/create_whoami_handler.ts";
export { createSessionStore } from "../whoami/session_store.ts";
export type { SessionStore } from "../whoami/session_store.ts";
export { parseSessions } from "../whoami/parse_sessions.ts";
export { templatePublicKeys } from "../whoami/template_public_keys.ts";
export type { TemplatePublicKeys } from "../whoami/template_public_keys.ts";
export type { CorsOptions } from "../config/cors_options.ts";
export { DISCOVERY_SUFFIX, issuerDocuments, JWKS_SUFFIX } from "../issuer/issuer_documents.ts";
export type { IssuerDocuments, IssuerDocumentsOptions, OpenIdConfiguration } from "../issuer/issuer_documents.ts";
