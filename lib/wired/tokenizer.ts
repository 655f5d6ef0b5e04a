/**
 * `Tokenizer` and `tokenizeSession` as the package exports them: the core's
 * (`lib/tokenize/tokenizer.ts`) with this runtime's default evaluator and signer.
 *
 * @module
 */

import {
  type TokenizeOptions,
  Tokenizer as CoreTokenizer,
  type TokenizerOptions,
  tokenizeSession as tokenizeWith,
} from "../tokenize/tokenizer.ts";
import { RUNTIME_HOST } from "../runtime/runtime_host.ts";
import type { Session } from "../session/session.ts";
import type { TokenizeResult, TokenizerTemplate } from "../types.ts";

/**
 * Holds templates and caches what Kratos caches: parsed key sets for an hour per `jwks_url` string,
 * and http(s) mapper sources for an hour. `file://` and `base64://` mappers are read on every call.
 * Mappers run in the shared sandbox unless `jsonnet` says otherwise.
 *
 * @example
 * ```ts
 * import { Tokenizer, generateJwks, encodeTemplate, sampleSession } from "../mod.ts";
 * const jwks = await generateJwks({ alg: "ES256" });
 * const tokenizer = new Tokenizer({ templates: { jwt: encodeTemplate({ jwks }) } });
 * const { claims } = await tokenizer.tokenize(sampleSession(), "jwt");
 * if (claims["sub"] !== sampleSession().identity.id) throw new Error();
 * ```
 */
export class Tokenizer extends CoreTokenizer {
  /** @param options the templates, the issuer, how sources are read and (optionally) the evaluator. */
  constructor(options: TokenizerOptions) {
    super(options, RUNTIME_HOST);
  }
}

/**
 * Tokenizes a session with one template, without caches: the one-shot form of {@linkcode Tokenizer}.
 *
 * @throws {TokenizerError} with Ory's status and reason, and a detail for the author.
 */
export function tokenizeSession(
  session: Session,
  template: TokenizerTemplate,
  options: TokenizeOptions = {},
): Promise<TokenizeResult> {
  return tokenizeWith(session, template, options, RUNTIME_HOST);
}
