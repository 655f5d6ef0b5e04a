/**
 * What a target's finding is about, in a word or two, as the CLI's lines and the editor's diagnostics
 * name it: `email`, `header alg`, `key`, `token`.
 *
 * @module
 */

import type { TargetFinding } from "./target_types.ts";

/** What a finding is about, in a word or two: `email`, `header alg`, `key`, `token`. */
export function aboutWords(finding: TargetFinding): string {
  switch (finding.about.kind) {
    case "claim":
      return finding.about.name;
    case "header":
      return `header ${finding.about.name}`;
    case "key":
      return "key";
    case "token":
      return "token";
  }
}
