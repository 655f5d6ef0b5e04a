/**
 * `ory-tokenizer jwk create`: a key set like `ory create jwk`.
 *
 * @module
 */

import { generateJwks } from "../../keys/generate_jwks.ts";
import { publicJwks } from "../../keys/public_jwks.ts";
import { ALGORITHMS, JWK_ALGS } from "../../keys/algorithms.ts";
import { type Command, oneOf, parseFlags } from "../command.ts";
import { UsageError } from "../usage_error.ts";
import { writePrivateFile } from "../write_private_file.ts";

export const jwkCreate: Command = {
  help:
    `Usage: ory-tokenizer jwk create <set> [--alg ES256] [--use sig] [--kid <id> | --thumbprint-kid] [--public] [--out <file> [--force]]

Creates a JSON Web Key Set with one new private key, shaped like \`ory create jwk\` output:
{"set": "<set>", "keys": [{"alg", "crv", "d", "kid", "kty", "use", "x", "y"}]} (members sorted).
Ory's tokenizer signs with the first key of the set, so the template needs this private set;
give verifiers the public half (\`--public\`, or \`ory-tokenizer jwk public\`).

Flags:
  --alg <alg>        ${JWK_ALGS.join(", ")} (default ES256, as in Ory's guide;
                     HS* makes a shared secret: only for consumers that need one, such as Zendesk)
  --use <use>        sig or enc (default sig)
  --kid <id>         a fixed key id (default: a random UUID v4, like Ory)
  --thumbprint-kid   use the RFC 7638 SHA-256 thumbprint as the key id
  --public           print only the public half (the private key is discarded)
  --out <file>       write to a file with mode 0600 instead of stdout (atomically; never
                     through a symbolic link, never into a FIFO, device or directory)
  --force            replace --out if it is an existing regular file

Examples:
  ory-tokenizer jwk create tokenizer --alg ES256 --out jwks.json
  ory-tokenizer jwk public jwks.json > jwks.public.json`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      alg: { type: "string" },
      use: { type: "string" },
      kid: { type: "string" },
      "thumbprint-kid": { type: "boolean" },
      public: { type: "boolean" },
      out: { type: "string" },
      force: { type: "boolean" },
    }, 1);
    const set = positionals[0];
    if (set === undefined) throw new UsageError("Missing the set name, as in `ory-tokenizer jwk create tokenizer`");
    if (values.kid !== undefined && values["thumbprint-kid"]) {
      throw new UsageError("Use --kid or --thumbprint-kid, not both");
    }
    const alg = oneOf("alg", values.alg, JWK_ALGS) ?? "ES256";
    const use = oneOf("use", values.use, ["sig", "enc"] as const) ?? "sig";
    const kid = values["thumbprint-kid"] ? "thumbprint" : values.kid;
    const jwks = await generateJwks({ alg, set, use, ...(kid === undefined ? {} : { kid }) });
    if (values.public && ALGORITHMS[alg].kty === "oct") {
      throw new UsageError(`--public makes no sense for ${alg}: an HMAC secret has no public half`);
    }
    const text = JSON.stringify(values.public ? publicJwks(jwks) : jwks, null, 2) + "\n";
    if (values.out === undefined) {
      output.out(text);
      return 0;
    }
    await writePrivateFile(values.out, text, { force: values.force === true });
    output.err(
      `Wrote ${values.public ? "public" : "private"} ${alg} key set "${set}" (kid ${
        jwks.keys[0]!.kid
      }) to ${values.out}\n`,
    );
    return 0;
  },
};
