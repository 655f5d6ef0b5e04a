/**
 * Ory's contract for the mapper's output, checked on the evaluated output: a `claims` object is
 * required, `sub` is overwritten, default claims may be replaced but not removed, and `null` stays.
 *
 * @module
 */

import type { JsonValue } from "../encoding/go_json.ts";
import { ORY_FAILURES } from "../errors.ts";
import { claimsObjectProblem } from "../tokenize/claims_object.ts";
import { isObject } from "../encoding/is_object.ts";
import type { Claims } from "../types.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { type FieldLocation, firstLine, locateClaim } from "./output_locator.ts";
import type { Span } from "../jsonnet/jsonnet_ast.ts";
import { rangeOf } from "./source_positions.ts";

const DEFAULT_CLAIMS = ["jti", "iss", "exp", "nbf", "iat", "sid"];

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The member's text, with its line when it is alone there: what removing it should delete. */
function removalSpan(source: string, member: Span): Span {
  let end = member.end;
  while (source[end] === " " || source[end] === "\t") end++;
  if (source[end] === ",") end++;
  const lineStart = source.lastIndexOf("\n", member.start - 1) + 1;
  let lineEnd = end;
  while (source[lineEnd] === " " || source[lineEnd] === "\t" || source[lineEnd] === "\r") lineEnd++;
  const alone = source.slice(lineStart, member.start).trim() === "" &&
    (source[lineEnd] === "\n" || lineEnd >= source.length);
  return alone ? { start: lineStart, end: Math.min(lineEnd + 1, source.length) } : { start: member.start, end };
}

/**
 * Checks the output against Ory's contract.
 *
 * @param output the mapper's evaluated output.
 * @param defaults the claims Ory passed in (`sub` included).
 */
export function contractDiagnostics(context: LintContext, output: JsonValue, defaults: Claims): Diagnostic[] {
  const root = context.root;
  const text = context.source.text;
  const place = (claim?: string): { at: Span; located?: FieldLocation } => {
    if (root === undefined) return { at: { start: 0, end: 0 } };
    const found = locateClaim(root, claim);
    if (found.claim) return { at: found.claim.key, located: found.claim };
    if (found.claims) return { at: found.claims.key };
    return { at: firstLine(text, found.result) };
  };
  const problem = claimsObjectProblem(output);
  const claims = isObject(output) ? output["claims"] : undefined;
  if (problem !== undefined || !isObject(claims)) {
    return [diagnostic(
      context,
      "claims-not-object",
      "error",
      `Ory answers ${ORY_FAILURES.ERR_CLAIMS_NOT_OBJECT.status} "${ORY_FAILURES.ERR_CLAIMS_NOT_OBJECT.reason}": ${problem}; return { claims: { ... } }`,
      place().at,
    )];
  }
  const found: Diagnostic[] = [];
  for (const [name, value] of Object.entries(claims)) {
    const { at, located } = place(name);
    // A default passed through unchanged (`std.extVar('claims') + { … }`) replaces nothing.
    const unchanged = Object.hasOwn(defaults, name) && defaults[name] === value;
    if (name === "sub" && !unchanged) {
      found.push(diagnostic(
        context,
        "sub-overwritten",
        "warning",
        `Ory overwrites sub after the mapper runs (with the identity's id, or its external_id with ` +
          `subject_source external_id), so ${show(value)} never reaches the token`,
        at,
        located === undefined ? {} : {
          fix: {
            title: "Remove the sub claim",
            range: rangeOf(context.source, removalSpan(text, located.member)),
            newText: "",
          },
        },
      ));
    } else if (DEFAULT_CLAIMS.includes(name) && !unchanged) {
      found.push(diagnostic(
        context,
        "default-claim-overridden",
        "information",
        `Replaces Ory's default ${name} claim: ${show(defaults[name])} for this session, ${show(value)} instead`,
        at,
      ));
    }
    if (value === null) {
      found.push(diagnostic(
        context,
        "null-claim",
        "information",
        `Claim ${name} is null, and Ory keeps it in the token as "${name}":null; to leave a claim out, ` +
          `write the field conditionally: [if value != null then '${name}']: value`,
        at,
      ));
    }
  }
  return found;
}
