/**
 * `ory-tokenizer/golden`: golden tests of a mapper: sessions in, the expected claims or Ory's error out
 * (`ory-tokenizer test` runs them).
 *
 * @module
 */

export { compareClaims, formatClaimDifferences } from "../golden/compare_claims.ts";
export type { ClaimDifference, CompareClaimsOptions } from "../golden/compare_claims.ts";
export { GOLDEN_JTI, GOLDEN_NOW, goldenCases } from "../golden/golden_case.ts";
export type { GoldenCase, GoldenCaseOptions, GoldenCheck } from "../golden/golden_case.ts";
export { checkGoldenCase, runGoldenCases } from "../wired/golden_cases.ts";
export { goldenKeySetUrl } from "../golden/run_golden_cases.ts";
export type { GoldenRecording, GoldenResult, GoldenRunOptions } from "../golden/run_golden_cases.ts";
