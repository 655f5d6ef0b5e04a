/**
 * `ory-tokenizer jwk public`: the public half of a key set.
 *
 * @module
 */

import { parseJwks } from "../../keys/parse_jwks.ts";
import { publicJwks } from "../../keys/public_jwks.ts";
import type { Command } from "../command.ts";
import { parseFlags } from "../command.ts";
import { readText } from "../io.ts";

export const jwkPublic: Command = {
  help: `Usage: ory-tokenizer jwk public [<file> | -]

Reads a key set (a file, or standard input for - or no argument) and prints it without any private
member (d, p, q, dp, dq, qi, oth, k), like \`ory get jwk --public\`. Publish this set where your APIs
verify tokens; Ory does not serve it for you. oct (HMAC) keys have no public half and are refused.

Example:
  ory-tokenizer jwk public jwks.json > jwks.public.json`,
  async run(args, output) {
    const { positionals } = parseFlags(args, {}, 1);
    const set = parseJwks(await readText(positionals[0] ?? "-"));
    output.out(JSON.stringify(publicJwks(set), null, 2) + "\n");
    return 0;
  },
};
