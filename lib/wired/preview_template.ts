/**
 * `previewTemplate` as the package exports it: the core's (`lib/preview/preview_template.ts`) with this
 * runtime's default evaluator and signer.
 *
 * @module
 */

import {
  type PreviewInput,
  type PreviewOptions,
  previewTemplate as previewWith,
  type TemplatePreview,
} from "../preview/preview_template.ts";
import { RUNTIME_HOST } from "../runtime/runtime_host.ts";

/**
 * Previews a template for its author: the lint findings, the claims with their origins, the token, its
 * decoded form and verification, and Ory's error when Ory would refuse, from one evaluation.
 *
 * @param input a template or its parts, the session, and the issuer, clock and `jti` to sign with.
 * @param options the signal to drop a stale preview with, and the evaluator.
 * @returns the findings, claims, token and Ory's error, as far as Ory would get.
 * @throws the signal's `reason` when it aborts; an `Error` when the engine binary cannot be loaded.
 * @example
 * ```ts
 * import { generateJwks, sampleSession } from "../mod.ts";
 * import { previewTemplate } from "../entries/lint.ts";
 * const preview = await previewTemplate({
 *   jwks: await generateJwks({ alg: "ES256" }),
 *   claimsMapper: "{ claims: { email: std.extVar('session').identity.traits.email } }",
 *   session: sampleSession(),
 * });
 * if (preview.origins?.["email"] !== "mapper" || preview.verification?.valid !== true) throw new Error();
 * ```
 */
export function previewTemplate(input: PreviewInput, options: PreviewOptions = {}): Promise<TemplatePreview> {
  return previewWith(input, options, RUNTIME_HOST);
}
