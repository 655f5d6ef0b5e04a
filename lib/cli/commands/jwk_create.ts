/**
 * `ory-tokenizer jwk create`: a key set like `ory create jwk`.
 *
 * @module
 */

import { generateJwks } from "../../keys/generate_jwks.ts";
import { publicJwks } from "../../keys/public_jwks.ts";
import { ALGORITHMS, JWK_ALGS } from "../../keys/algorithms.ts";
import { TokenizerError } from "../../errors.ts";
import { type Command, oneOf, parseFlags } from "../command.ts";
import { UsageError } from "../usage_error.ts";
import { writePrivateFile } from "../write_private_file.ts";
import { readFileLikeGo, readStdin } from "../io.ts";

export const jwkCreate: Command = {
  help:
    `Usage: ory-tokenizer jwk create <set> [--alg ES256] [--use sig] [--kid <id> | --thumbprint-kid] [--public] [--out <file> [--force]]
       ory-tokenizer jwk create <set> --alg HS256 (--secret-file <file> | --secret -) [--kid <id>] [--out <file>]

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

A service's shared secret (HS*: Zendesk's JWT single sign-on and messaging):
  --secret-file <f>  the secret exactly as the service shows it (trailing line breaks dropped);
                     k becomes the base64url of its bytes. At least 32 bytes for HS256 (48, 64
                     for HS384, HS512: RFC 7518 section 3.2)
  --secret -         read it from standard input instead (never type it into the command line:
                     shells keep history; --secret <value> works but warns)
  --kid <id>         Zendesk messaging: the key ID Zendesk shows beside the secret; Zendesk SSO
                     needs none (Ory still writes the kid header, "" when the key has none)

Examples:
  ory-tokenizer jwk create tokenizer --alg ES256 --out jwks.json
  ory-tokenizer jwk public jwks.json > jwks.public.json
  ory-tokenizer jwk create zendesk --alg HS256 --secret-file zendesk-secret.txt --out zendesk.jwks.json
  pbpaste | ory-tokenizer jwk create zendesk-messaging --alg HS256 --secret - --kid <key ID> --out zm.jwks.json`,
  async run(args, output) {
    const { values, positionals } = parseFlags(args, {
      alg: { type: "string" },
      use: { type: "string" },
      kid: { type: "string" },
      "thumbprint-kid": { type: "boolean" },
      public: { type: "boolean" },
      out: { type: "string" },
      force: { type: "boolean" },
      secret: { type: "string" },
      "secret-file": { type: "string" },
    }, 1);
    const set = positionals[0];
    if (set === undefined) throw new UsageError("Missing the set name, as in `ory-tokenizer jwk create tokenizer`");
    if (values.kid !== undefined && values["thumbprint-kid"]) {
      throw new UsageError("Use --kid or --thumbprint-kid, not both");
    }
    const secret = await secretFrom(values.secret, values["secret-file"], output);
    const alg = oneOf("alg", values.alg, JWK_ALGS) ?? (secret === undefined ? "ES256" : "HS256");
    if (secret !== undefined && ALGORITHMS[alg].kty !== "oct") {
      throw new UsageError(`A shared secret makes an HS256, HS384 or HS512 key, not ${alg}`);
    }
    const use = oneOf("use", values.use, ["sig", "enc"] as const) ?? "sig";
    const kid = values["thumbprint-kid"] ? "thumbprint" : values.kid;
    const jwks = await generateJwks({
      alg,
      set,
      use,
      ...(kid === undefined ? {} : { kid }),
      ...(secret === undefined ? {} : { secret }),
    });
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

/** The shared secret's bytes, from a file, standard input (`-`) or (with a warning) the command line. */
async function secretFrom(
  value: string | undefined,
  file: string | undefined,
  output: { err(text: string): void },
): Promise<Uint8Array | undefined> {
  if (value !== undefined && file !== undefined) throw new UsageError("Use --secret or --secret-file, not both");
  let text: string;
  if (file !== undefined) {
    text = new TextDecoder().decode(await readFileLikeGo(file));
  } else if (value === "-") {
    text = await readStdin();
  } else if (value !== undefined) {
    output.err(
      "warning: a secret on the command line stays in your shell's history and is visible to other users in the " +
        "process list; use --secret-file <file> or --secret - (standard input)\n",
    );
    text = value;
  } else {
    return undefined;
  }
  // An editor or `echo` ends the file with a line break that is not part of the secret.
  text = text.replace(/[\r\n]+$/, "");
  if (text === "" && value !== undefined && value !== "-") throw new UsageError("The secret given is empty");
  if (text === "") {
    // A file's or standard input's content is data: exit 1 (2 is for the command line).
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `The secret ${file === undefined ? "on standard input" : `in ${file}`} is empty`,
      detail: "Put the shared secret (at least as many bytes as the hash: 32 for HS256) in the file or on stdin.",
    });
  }
  return new TextEncoder().encode(text);
}
