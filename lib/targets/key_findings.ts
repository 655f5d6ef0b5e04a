/**
 * A token signed by a throwaway key (a preview or a lint without the user's key set) says nothing about
 * the header's `alg` and `kid` or the key: the findings about those are left out, and every surface says
 * so in the same words.
 *
 * @module
 */

import type { TargetFinding, TargetVerdict } from "./target_types.ts";

/** What a surface says when a throwaway key signed; each adds how to give its key set. */
export const STAND_IN_UNCHECKED = "the header's alg and kid and the key were not checked (a throwaway key signed)";

/** Whether a finding is about the header's alg or kid, or the key: what a stand-in key makes meaningless. */
export function isAboutTheKey(finding: TargetFinding): boolean {
  return finding.about.kind === "key" || (finding.about.kind === "header" && /^(alg|kid)$/.test(finding.about.name));
}

/** The verdict without the findings a stand-in key makes meaningless, accepted again when no error is left. */
export function withoutKeyFindings(verdict: TargetVerdict): TargetVerdict {
  const findings = verdict.findings.filter((finding) => !isAboutTheKey(finding));
  return { ...verdict, accepted: !findings.some((finding) => finding.severity === "error"), findings };
}
