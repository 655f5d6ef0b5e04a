/**
 * `ory-tokenizer verify`: checks a token's signature, times, issuer and audience against a key set.
 *
 * @module
 */

import { parseDuration } from "../../encoding/parse_duration.ts";
import { parseJwks } from "../../keys/parse_jwks.ts";
import type { JwkSet } from "../../types.ts";
import { verifyToken } from "../../token/verify_token.ts";
import { type Command, parseFlags, timeFlag } from "../command.ts";
import { readText } from "../io.ts";
import { UsageError } from "../usage_error.ts";

/** Reads the token argument: the token itself, or `-` for standard input (one line). */
export async function readToken(argument: string | undefined, command: string): Promise<string> {
  if (argument === undefined) {
    throw new UsageError(`Missing the token, as in \`ory-tokenizer ${command} eyJhbGciOi…\` (or - to read stdin)`);
  }
  // A trailing line break from `echo` or a file is not part of the token.
  return argument === "-" ? (await readText("-")).trim() : argument;
}

function toleranceSeconds(value: string | undefined): number {
  if (value === undefined) return 0;
  let ms: number;
  try {
    ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : parseDuration(value);
  } catch {
    ms = NaN;
  }
  if (!(ms >= 0)) throw new UsageError(`--clock-tolerance must be a duration such as 5s or 1m, not "${value}"`);
  return ms / 1000;
}

async function keySet(source: string): Promise<JwkSet | URL> {
  if (/^https?:\/\//i.test(source)) {
    try {
      return new URL(source);
    } catch {
      throw new UsageError(`--jwks "${source}" is not a valid URL`);
    }
  }
  return parseJwks(await readText(source));
}

/** The `verify` command. */
export const verify: Command = {
  help: `Usage: ory-tokenizer verify <token | -> --jwks <file | url> [--issuer <url>] [--audience <aud>]
                            [--now <RFC 3339>] [--clock-tolerance <duration>] [--json]

Verifies a JWT the way a careful API does, and says in plain words why a token is refused:
  1. the key is found by the token's kid ("kid X is not in the key set (it has A, B)");
  2. the algorithm is the KEY's own "alg", never the token's: tokens claiming "none", or HS256
     keyed with a public key's bytes, are refused before any cryptography;
  3. the signature, then exp and nbf (with --clock-tolerance), then --issuer and --audience.
On success the header, claims and the public key that verified are printed as JSON (exit 0).
A refused token exits 1 with "error: <why>" on stderr and a code such as ERR_TOKEN_EXPIRED
(ERR_VERIFY_KEYS when the key set itself is unusable). These are not Ory errors, since Ory never
verifies: with --json they print as {"error": {"code", "message", "claim"?, "detail"?}}.
Neither the token nor key material is printed.

Arguments and flags:
  <token | ->                the compact JWT, or - to read it from stdin
  --jwks <file | url>        the key set: a file (a private set works: only its public half is used)
                             or an http(s) URL such as your published jwks.json
  --issuer <url>             the expected iss: Kratos's serve.public.base_url, exactly (trailing slash
                             included), or https://<slug>.projects.oryapis.com on Ory Network
  --audience <aud>           an aud the token must contain (Ory sets none unless the mapper does)
  --now <RFC 3339>           verify as of this time instead of the clock
  --clock-tolerance <d>      allowed clock skew for exp and nbf: 5s, 1m (default 0s)
  --json                     errors as JSON: {"error": {"code": "ERR_TOKEN_…", "message", …}}

Example, from a new key set to a verified token:
  ory-tokenizer jwk create tokenizer --alg ES256 --out jwks.json
  ory-tokenizer jwk public jwks.json > jwks.public.json
  TOKEN=$(ory-tokenizer tokenize --jwks jwks.json --issuer https://auth.example.com/ --ttl 10m)
  ory-tokenizer verify "$TOKEN" --jwks jwks.public.json --issuer https://auth.example.com/
  echo "$TOKEN" | ory-tokenizer verify - --jwks https://api.example.com/.well-known/jwks.json \\
    --clock-tolerance 5s`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      jwks: { type: "string" },
      issuer: { type: "string" },
      audience: { type: "string" },
      now: { type: "string" },
      "clock-tolerance": { type: "string" },
    }, 1);
    if (values.jwks === undefined) {
      throw new UsageError("Missing --jwks <file | url>: the key set to verify with (its public half is enough)");
    }
    const now = timeFlag("now", values.now);
    const clockTolerance = toleranceSeconds(values["clock-tolerance"]);
    const token = await readToken(positionals[0], "verify");
    const keys = await keySet(values.jwks);
    const result = await verifyToken(token, keys, {
      clockTolerance,
      ...(values.issuer === undefined ? {} : { issuer: values.issuer }),
      ...(values.audience === undefined ? {} : { audience: values.audience }),
      ...(now === undefined ? {} : { now }),
    });
    output.out(`${JSON.stringify(result, null, 2)}\n`);
    const kid = typeof result.key.kid === "string" && result.key.kid !== "" ? ` "${result.key.kid}"` : "";
    const exp = result.claims["exp"];
    const expires = typeof exp === "number"
      ? `; expires ${new Date(exp * 1000).toISOString().replace(".000Z", "Z")}`
      : "; it has no exp, so it never expires";
    output.err(`verified: signed by key${kid} (${String(result.key.alg)})${expires}\n`);
    return 0;
  },
};
