/**
 * The size of the token the mapper makes for the session it was checked with: over the budget (4 KB,
 * what cookies and many proxies' header limits allow), it names the largest claims.
 *
 * @module
 */

import { goJsonStringify, type JsonValue } from "../encoding/go_json.ts";
import type { Claims } from "../types.ts";
import { generatedSignatureBytes } from "../keys/algorithms.ts";
import type { JwkAlg } from "../types.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { firstLine, locateClaim } from "./output_locator.ts";
import { rangeOf } from "./source_positions.ts";

/** Base64url length without padding. */
function encodedLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The compact JWS length for a payload, with a header like Ory's (a UUID `kid`). */
export function tokenLength(payload: string, alg: JwkAlg): number {
  const header = `{"alg":"${alg}","kid":"00000000-0000-4000-8000-000000000000","typ":"JWT"}`;
  return encodedLength(header.length) + 1 + encodedLength(utf8Length(payload)) + 1 +
    encodedLength(generatedSignatureBytes(alg));
}

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;

/**
 * Warns when the token is over budget.
 *
 * @param budget the largest acceptable compact token, in bytes.
 */
export function tokenSizeDiagnostics(
  context: LintContext,
  claims: Claims,
  options: { alg: JwkAlg; budget: number; sessionLabel: string },
): Diagnostic[] {
  const payload = goJsonStringify(claims as JsonValue);
  const length = tokenLength(payload, options.alg);
  if (length <= options.budget) return [];
  const sizes = Object.entries(claims)
    .map(([name, value]) => ({ name, size: utf8Length(goJsonStringify({ [name]: value } as JsonValue)) - 2 }))
    .sort((a, b) => b.size - a.size);
  const largest = sizes.slice(0, 3).map((c) => `${c.name} (${bytes(c.size)})`).join(", ");
  const root = context.root;
  const first = root === undefined ? undefined : locateClaim(root, sizes[0]?.name);
  const second = root === undefined ? undefined : locateClaim(root, sizes[1]?.name).claim;
  const at = first?.claim?.key ?? first?.claims?.key ??
    (first === undefined ? { start: 0, end: 0 } : firstLine(context.source.text, first.result));
  return [diagnostic(
    context,
    "token-too-large",
    "warning",
    `The ${options.alg} token for ${options.sessionLabel} is ${bytes(length)}, over the ${bytes(options.budget)} ` +
      `budget of cookies and common HTTP header limits; largest claims: ${largest}`,
    at,
    second === undefined ? {} : { relatedRange: rangeOf(context.source, second.key) },
  )];
}
