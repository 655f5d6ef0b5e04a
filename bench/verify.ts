/**
 * verifyToken against jose's jwtVerify with the same key, side by side: a local key set (jose given
 * the imported key, we the public set) and a remote one (jose's createRemoteJWKSet, we a URL), both
 * served by an HTTP server on 127.0.0.1 that stops when the figures are measured.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, importJWK, type JWK, jwtVerify } from "jose";
import { publicJwks, Tokenizer, verifyToken } from "../lib/mod.ts";
import { jwks, session, template } from "./fixtures.ts";
import { type Measurement, rate } from "./measure.ts";

const ISSUER = "http://localhost:4433/";
const ROUNDS = 6;

let measured: Promise<Record<string, number>> | undefined;

function interleaved(seconds: number): Promise<Record<string, number>> {
  measured ??= (async () => {
    const tokenizer = new Tokenizer({ templates: { bench: template }, issuer: ISSUER });
    const { token, claims } = await tokenizer.tokenize(session, "bench");
    const publicSet = publicJwks(jwks);
    const key = await importJWK(publicSet.keys[0] as JWK, "ES256");
    const body = JSON.stringify(publicSet);
    const server = createServer((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
      const remote = createRemoteJWKSet(url);
      const options = { issuer: String(claims["iss"]) }; // the guide's mapper extends iss
      const operations = {
        jose_local: () => jwtVerify(token, key, { ...options, algorithms: ["ES256"] }),
        ours_local: () => verifyToken(token, publicSet, options),
        jose_remote: () => jwtVerify(token, remote, { ...options, algorithms: ["ES256"] }),
        ours_remote: () => verifyToken(token, url, options),
      };
      const rounds: Record<string, number>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const rates: Record<string, number> = {};
        for (const [name, run] of Object.entries(operations)) {
          rates[name] = await rate(run, seconds / ROUNDS / 2, 1, 50);
        }
        rounds.push(rates);
      }
      const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
      return {
        verify_local_per_s: median(rounds.map((r) => r["ours_local"]!)),
        jose_verify_local_per_s: median(rounds.map((r) => r["jose_local"]!)),
        verify_local_ratio: median(rounds.map((r) => r["ours_local"]! / r["jose_local"]!)),
        verify_remote_per_s: median(rounds.map((r) => r["ours_remote"]!)),
        jose_verify_remote_per_s: median(rounds.map((r) => r["jose_remote"]!)),
        verify_remote_ratio: median(rounds.map((r) => r["ours_remote"]! / r["jose_remote"]!)),
      };
    } finally {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    }
  })();
  return measured;
}

function figure(name: string, unit: string, description: string, target?: Measurement["target"]): Measurement {
  return {
    name,
    unit,
    description,
    ...(target === undefined ? {} : { target }),
    run: async ({ seconds }) => (await interleaved(seconds))[name]!,
  };
}

export const verify: Measurement[] = [
  figure("verify_local_per_s", "ops/s", "verifyToken of an Ory ES256 token against the public set (object)"),
  figure("jose_verify_local_per_s", "ops/s", "jose's jwtVerify of the same token with the same key, imported once"),
  figure("verify_local_ratio", "×", "verify_local_per_s / jose_verify_local_per_s (median of 6 interleaved rounds)", {
    min: 0.8,
  }),
  figure("verify_remote_per_s", "ops/s", "verifyToken with the set's URL (127.0.0.1; cached with a cooldown)"),
  figure("jose_verify_remote_per_s", "ops/s", "jose's jwtVerify with createRemoteJWKSet on the same URL"),
  figure("verify_remote_ratio", "×", "verify_remote_per_s / jose_verify_remote_per_s", { min: 0.8 }),
];
