/**
 * The preview's "will the services accept it?": each requested target's verdict on the previewed token,
 * with the mapper's range on findings about a claim the mapper wrote (a top-level claim, or a member of
 * one such as Hasura's `x-hasura-*` under its namespace), so editors show them at the source.
 *
 * @module
 */

import { parseJsonnet } from "../jsonnet/jsonnet_parser.ts";
import { type FieldLocation, findField, locateClaim, resultExpression } from "../lint/output_locator.ts";
import { rangeOf, sourceText } from "../lint/source_positions.ts";
import { checkTarget } from "../targets/check_target.ts";
import { targetProfile } from "../targets/registry.ts";
import type { TargetVerdict } from "../targets/target_types.ts";
import type { ClaimOrigin } from "../tokenize/evaluate_claims.ts";
import type { Claims, Jwk, Range, TokenizeResult } from "../types.ts";

/** A target to check the previewed token against, with its settings. */
export interface PreviewTarget {
  /** A target's name (`TARGET_NAMES`). */
  name: string;
  /** The profile's settings (see its `settings`); the service's defaults otherwise. */
  settings?: Readonly<Record<string, unknown>> | undefined;
}

/** How deep a member of a claim is looked for: Hasura's namespace path (`$.hasura.claims`) is a few levels. */
const MAX_NESTING = 4;

/** The path of object keys to the first member named `name` in a claim's value, breadth first. */
function memberPath(value: unknown, name: string): string[] | undefined {
  let level: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let depth = 0; depth < MAX_NESTING && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { value, path } of level) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
      if (Object.hasOwn(value, name)) return [...path, name];
      for (const [key, inner] of Object.entries(value)) next.push({ value: inner, path: [...path, key] });
    }
    level = next;
  }
  return undefined;
}

/** Registered claim names: a finding about one is about the top-level claim, never a member of the same name. */
const TOP_LEVEL = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid", "scope", "scp", "client_id"]);

/**
 * Where the mapper writes each claim that findings name, parsed once for all verdicts: a top-level
 * claim the mapper wrote, else a member of one (followed through the object literals the text has),
 * unless the name is one the service reads at the top level (then it is missing there).
 */
function claimRanges(
  mapper: string | undefined,
  claims: Claims,
  origins: Record<string, ClaimOrigin>,
): (claim: string, topLevel: ReadonlySet<string>) => Range | undefined {
  if (mapper === undefined) return () => undefined;
  let root: ReturnType<typeof parseJsonnet>["root"] | undefined;
  try {
    root = parseJsonnet(mapper).root;
  } catch {
    return () => undefined;
  }
  const source = sourceText(mapper);
  const { locals } = resultExpression(root);
  const written = Object.keys(origins).filter((claim) => origins[claim] === "mapper");
  return (claim, topLevel) => {
    if (origins[claim] === "mapper") {
      const found = locateClaim(root!, claim).claim;
      return found === undefined ? undefined : rangeOf(source, found.key);
    }
    if (Object.hasOwn(origins, claim) || topLevel.has(claim) || TOP_LEVEL.has(claim)) return undefined;
    for (const top of written) {
      const path = memberPath(claims[top], claim);
      if (path === undefined) continue;
      let field: FieldLocation | undefined = locateClaim(root!, top).claim;
      for (const key of path) field = field === undefined ? undefined : findField(field.value, key, locals);
      if (field !== undefined) return rangeOf(source, field.key);
    }
    return undefined;
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
  const rangeOfClaim = claimRanges(context.mapper, token.claims, context.origins);
  const verdicts: Record<string, TargetVerdict> = {};
  for (const target of targets) {
    const profile = targetProfile(target.name);
    const topLevel = new Set(profile.claims.map((rule) => rule.name));
    const verdict = checkTarget(token, profile, {
      now: context.nowMs,
      key: context.key,
      settings: target.settings,
    });
    for (const finding of verdict.findings) {
      if (finding.about.kind !== "claim") continue;
      const range = rangeOfClaim(finding.about.name, topLevel);
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
