/**
 * What a shell pays per keystroke for `previewTemplate`: findings, claims, token, decode and
 * verification from one evaluation of the guide's mapper, with the shared sandbox and the key warm.
 */
import { previewTemplate } from "../lib/entries/lint.ts";
import { DOCS_MAPPER, jwks, session } from "./fixtures.ts";
import { type Measurement, percentile } from "./measure.ts";

export const preview: Measurement[] = [
  {
    name: "preview_guide_mapper_p95_ms",
    unit: "ms",
    description: "p95 of previewTemplate on the guide's mapper, warm (lint, claims, ES256 token, verification)",
    target: { max: 5 },
    // percentile's warm-up runs start the sandbox's worker and import the signing key.
    run: () => percentile(() => previewTemplate({ jwks, claimsMapper: DOCS_MAPPER, session, ttl: "10m" }), 500, 95),
  },
  {
    // The median beside the p95: the main thread is idle while the worker evaluates (a CPU profile of
    // 300 previews shows no lib frame worth a millisecond), so the tail is the round trip to the
    // worker on a shared 2-core machine.
    name: "preview_guide_mapper_p50_ms",
    unit: "ms",
    description: "median of the same previews: the typical keystroke",
    run: () => percentile(() => previewTemplate({ jwks, claimsMapper: DOCS_MAPPER, session, ttl: "10m" }), 500, 50),
  },
];
