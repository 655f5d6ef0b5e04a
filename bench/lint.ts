/**
 * The linter's latency, as an editor sees it on every keystroke: p95 of `lintClaimsMapper` for the Ory
 * docs' mapper and for a realistic 300-line mapper, with the shared engine warm.
 */
import { lintClaimsMapper } from "../lib/entries/lint.ts";
import { sampleSession } from "../lib/mod.ts";
import { DOCS_MAPPER } from "./fixtures.ts";
import { type Measurement, percentile } from "./measure.ts";

/** A 300-line mapper of the kind a team grows: helpers, guards, comprehensions, formatting. */
export function largeMapper(lines = 300): string {
  const head = [
    "local claims = std.extVar('claims');",
    "local session = std.extVar('session');",
    "local identity = session.identity;",
    "local traits = identity.traits;",
    "local has(o, k) = std.isObject(o) && std.objectHas(o, k);",
    "local get(o, k, d) = if has(o, k) then o[k] else d;",
    "local methods = [m.method for m in session.authentication_methods];",
    "local verified = [a.value for a in std.get(identity, 'verifiable_addresses', []) if a.verified];",
    "",
    "{",
    "  claims: {",
    "    email: traits.email,",
    "    email_verified: std.member(verified, traits.email),",
    "    amr: methods,",
    "    aal: session.authenticator_assurance_level,",
    "    [if has(identity, 'external_id') then 'external_id']: identity.external_id,",
    "    plan: get(identity.metadata_public, 'plan', 'free'),",
  ];
  const body: string[] = [];
  for (let i = 0; body.length + head.length + 3 < lines; i++) {
    body.push(
      `    claim_${i}: {`,
      `      label: std.format('claim %d of %s', [${i}, identity.schema_id]),`,
      `      enabled: std.length(methods) > ${i % 3} && session.active,`,
      `      tags: [std.asciiUpper(m) + '-${i}' for m in methods if m != 'code'],`,
      `      source: if ${i} % 2 == 0 then claims.iss else session.id,`,
      "    },",
    );
  }
  return [...head, ...body, "  },", "}", ""].join("\n");
}

const session = sampleSession();
const large = largeMapper();

export const lint: Measurement[] = [
  {
    name: "lint_docs_mapper_p95_ms",
    unit: "ms",
    description: "p95 of lintClaimsMapper on the docs' mapper (evaluation, static rules, token size)",
    target: { max: 30 },
    run: () => percentile(() => lintClaimsMapper(DOCS_MAPPER, { session }), 500, 95),
  },
  {
    name: "lint_300_lines_p95_ms",
    unit: "ms",
    description: `p95 of lintClaimsMapper on a ${large.split("\n").length - 1}-line mapper`,
    target: { max: 100 },
    run: () => percentile(() => lintClaimsMapper(large, { session }), 200, 95),
  },
];
