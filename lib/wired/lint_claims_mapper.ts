/**
 * `lintClaimsMapper` as the package exports it: the core's (`lib/lint/lint_claims_mapper.ts`) with this
 * runtime's shared sandbox as the default evaluator.
 *
 * @module
 */

import { lintClaimsMapper as lintWith, type LintOptions } from "../lint/lint_claims_mapper.ts";
import type { Diagnostic } from "../lint/diagnostic.ts";
import { RUNTIME_HOST } from "../runtime/runtime_host.ts";

/**
 * Lints a Jsonnet claims mapper. Mistakes in the mapper are findings, never exceptions.
 *
 * @param source the mapper's Jsonnet.
 * @param options the session, template settings and engine to check against.
 * @returns findings sorted by position; empty when the mapper is fine.
 * @throws {RangeError} when `options.ttl` is not a Go duration.
 * @example
 * ```ts
 * import { lintClaimsMapper } from "../entries/lint.ts";
 * const diagnostics = await lintClaimsMapper("local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email } }");
 * const [finding] = diagnostics;
 * if (finding?.code !== "session-path-unknown" || finding.range.start.line !== 1) throw new Error();
 * ```
 */
export function lintClaimsMapper(source: string, options: LintOptions = {}): Promise<Diagnostic[]> {
  return lintWith(source, options, RUNTIME_HOST);
}
