/**
 * The preview's "will the services accept it?": each requested target's verdict on the previewed token,
 * with the mapper's range on findings about a claim the mapper wrote, so editors show them at the source.
 *
 * @module
 */

import { parseJsonnet } from "../jsonnet/jsonnet_parser.ts";
import { locateClaim } from "../lint/output_locator.ts";
import { rangeOf, sourceText } from "../lint/source_positions.ts";
import { checkTarget } from "../targets/check_target.ts";
import { targetProfile } from "../targets/registry.ts";
import type { TargetVerdict } from "../targets/target_types.ts";
import type { ClaimOrigin } from "../tokenize/evaluate_claims.ts";
import type { Jwk, Range, TokenizeResult } from "../types.ts";

/** A target to check the previewed token against, with its settings. */
export interface PreviewTarget {
  /** A target's name (`TARGET_NAMES`). */
  name: string;
  /** The profile's settings (see its `settings`); the service's defaults otherwise. */
  settings?: Readonly<Record<string, unknown>> | undefined;
}

/** Where the mapper writes each claim that findings name, parsed once for all verdicts. */
function claimRanges(mapper: string | undefined): (claim: string) => Range | undefined {
  if (mapper === undefined) return () => undefined;
  let root: ReturnType<typeof parseJsonnet>["root"] | undefined;
  try {
    root = parseJsonnet(mapper).root;
  } catch {
    return () => undefined;
  }
  const source = sourceText(mapper);
  return (claim) => {
    const found = locateClaim(root!, claim).claim;
    return found === undefined ? undefined : rangeOf(source, found.key);
  };
}

/**
 * Each target's verdict on the token.
 *
 * @throws {TokenizerError} `ERR_INVALID_INPUT` for an unknown target or a setting of the wrong type.
 */
export function targetVerdicts(
  targets: readonly PreviewTarget[],
  token: TokenizeResult,
  context: { key: Jwk; nowMs: number; mapper: string | undefined; origins: Record<string, ClaimOrigin> },
): Record<string, TargetVerdict> {
  const rangeOfClaim = claimRanges(context.mapper);
  const verdicts: Record<string, TargetVerdict> = {};
  for (const target of targets) {
    const verdict = checkTarget(token, targetProfile(target.name), {
      now: context.nowMs,
      key: context.key,
      settings: target.settings,
    });
    for (const finding of verdict.findings) {
      if (finding.about.kind !== "claim" || context.origins[finding.about.name] !== "mapper") continue;
      const range = rangeOfClaim(finding.about.name);
      if (range !== undefined) finding.range = range;
    }
    Object.defineProperty(verdicts, target.name, {
      value: verdict,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return verdicts;
}
