/**
 * `ory-tokenizer/lint`: authoring a claims mapper: the linter with its findings, and the preview of a
 * template (findings, claims with their origins, token, verification and Ory's error from one evaluation).
 *
 * @module
 */

export { lintClaimsMapper } from "../wired/lint_claims_mapper.ts";
export type { LintOptions } from "../lint/lint_claims_mapper.ts";
export type { Diagnostic, DiagnosticCode, DiagnosticFix, DiagnosticSeverity } from "../lint/diagnostic.ts";
export { previewTemplate } from "../wired/preview_template.ts";
export type { PreviewError, PreviewInput, PreviewOptions, TemplatePreview } from "../preview/preview_template.ts";
export type { PreviewTarget } from "../preview/target_verdicts.ts";
export type { ClaimOrigin } from "../tokenize/evaluate_claims.ts";
