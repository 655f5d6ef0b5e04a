/**
 * `ory-tokenizer decode`: what a token holds, without verifying it.
 *
 * @module
 */

import { decodeToken } from "../../token/decode_token.ts";
import { type Command, parseFlags, timeFlag } from "../command.ts";
import { readToken } from "./verify.ts";

/** The `decode` command. */
export const decode: Command = {
  help: `Usage: ory-tokenizer decode <token | -> [--now <RFC 3339>]

Prints, as JSON, what a token holds: header, claims, the signature's length (and the length its alg
should give), each segment's size, iat/nbf/exp as ISO dates with relative times ("in 9 min",
"42 s ago"), the lifetime (exp - iat: the template's ttl), which registered claims (iss, sub, aud,
exp, nbf, iat, jti) are present, and "problems": what is missing or odd. Truncated, unsigned and
2-segment tokens are decoded as far as they go; problems are also listed on stderr.

NOTHING IS VERIFIED: anyone can write any claims. Use \`ory-tokenizer verify\` to trust a token.

Arguments and flags:
  <token | ->          the compact JWT, or - to read it from stdin
  --now <RFC 3339>     measure relative times from this instant instead of the clock

Examples:
  TOKEN=$(ory-tokenizer tokenize --jwks jwks.json --ttl 10m)
  ory-tokenizer decode "$TOKEN"
  ory-tokenizer tokenize --jwks jwks.json | ory-tokenizer decode -
  ory-tokenizer decode - < token.txt | jq .claims`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, { now: { type: "string" } }, 1);
    const now = timeFlag("now", values.now);
    const token = await readToken(positionals[0], "decode");
    const decoded = decodeToken(token, now === undefined ? {} : { now });
    output.out(`${JSON.stringify(decoded, null, 2)}\n`);
    for (const problem of decoded.problems) output.err(`warning: ${problem}\n`);
    return 0;
  },
};
