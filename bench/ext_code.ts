/**
 * What exact ext code costs. Ory passes `session` and `claims` as ext code, read with Go's correctly
 * rounded ParseFloat; this engine's std.parseJson is exact only for numbers of at most 15 significant
 * digits and decimal exponents within ±22, so any other session is written into the prelude as a
 * Jsonnet literal instead (lib/jsonnet/prelude.ts). Nearly every session takes the ext-string path;
 * this shows what one with such a number (here 1.7e-22 in metadata_public) costs.
 */
import { createJsonnetEngine } from "../lib/entries/jsonnet.ts";
import { goJsonStringify, type JsonValue } from "../lib/mod.ts";
import { DOCS_MAPPER, session } from "./fixtures.ts";
import { type Measurement, rate } from "./measure.ts";

const engine = createJsonnetEngine();
const claimsJson = goJsonStringify(
  { iss: "http://localhost/", sub: "x", iat: 1, exp: 2, nbf: 1, jti: "j" } as JsonValue,
);
const plain = JSON.stringify(session);
const exact = JSON.stringify({ ...session, metadata_public: { score: 1.7e-22 } });
const evaluate = (json: string) => () =>
  engine.evaluate({ source: DOCS_MAPPER, filename: "claims.jsonnet", extCode: { session: json, claims: claimsJson } });

let measured: Promise<{ ratio: number; literal: number }> | undefined;

function interleaved(seconds: number) {
  measured ??= (async () => {
    const ratios: number[] = [];
    const literal: number[] = [];
    for (let round = 0; round < 8; round++) {
      const a = await rate(evaluate(plain), seconds / 16);
      const b = await rate(evaluate(exact), seconds / 16);
      ratios.push(b / a);
      literal.push(b);
    }
    const median = (v: number[]) => v.sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
    return { ratio: median(ratios), literal: median(literal) };
  })();
  return measured;
}

export const extCode: Measurement[] = [
  {
    name: "engine_literal_ext_code_per_s",
    unit: "ops/s",
    description:
      "the guide's mapper in lib's in-thread engine with a session whose numbers must be written as a literal",
    run: async ({ seconds }) => (await interleaved(seconds)).literal,
  },
  {
    name: "engine_literal_ext_code_ratio",
    unit: "×",
    description: "that rate / the same session without such a number (ext string, parsed by the engine)",
    run: async ({ seconds }) => (await interleaved(seconds)).ratio,
  },
];
