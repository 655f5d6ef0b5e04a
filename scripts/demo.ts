/**
 * `npm run demo`: Ory's "Issue JWTs for Ory Sessions" end-to-end example, offline, in the terminal.
 * Each step runs the real CLI (bin/ory-tokenizer) and shows the command, so the walkthrough doubles
 * as a tutorial: create a key set, write the guide's claims.jsonnet, tokenize a sample session,
 * decode the token, verify it with the public key set, and print the config command to deploy it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/ory-tokenizer", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ory-tokenizer-demo-"));
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

// The claims mapper of Ory's guide (kept in examples/basic/, where `ory-tokenizer test` checks it).
const CLAIMS_JSONNET = readFileSync(new URL("../examples/basic/claims.jsonnet", import.meta.url), "utf8");

function step(n: number, title: string): void {
  console.log(`\n${bold(`${n}. ${title}`)}`);
}

/** Runs the CLI, shows the command (with `shown` in place of the arguments when given), returns stdout. */
function run(args: string[], shown?: string): string {
  console.log(`$ ory-tokenizer ${shown ?? args.join(" ")}`);
  return execFileSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

console.log(bold("ory-tokenizer demo: Ory's session-to-JWT example, end to end, offline"));
console.log(`(working in ${work})`);

step(1, "Create a JSON Web Key Set (like `ory create jwk some-example-set --alg ES256`)");
run(["jwk", "create", "some-example-set", "--alg", "ES256", "--out", "es256.jwks.json"]);
writeFileSync(
  join(work, "es256-public.jwks.json"),
  run(["jwk", "public", "es256.jwks.json"], "jwk public es256.jwks.json > es256-public.jwks.json"),
);
console.log("  wrote es256.jwks.json (private, mode 0600) and es256-public.jwks.json (for verifiers)");

step(2, "Write the guide's claims.jsonnet");
writeFileSync(join(work, "claims.jsonnet"), CLAIMS_JSONNET);
console.log(CLAIMS_JSONNET.trimEnd().replace(/^/gm, "  "));

step(3, "Tokenize a sample session with the template (jwks + claims + ttl 10m)");
const tokenizeArgs = ["tokenize", "--jwks", "es256.jwks.json", "--claims", "claims.jsonnet", "--ttl", "10m"];
const token = run(tokenizeArgs).trim();
console.log(`  ${token.slice(0, 60)}… (${token.length} characters)`);

step(4, "Decode it: header and claims (nothing is verified yet)");
const decoded = JSON.parse(run(["decode", token], "decode <token>")) as {
  header: unknown;
  claims: Record<string, unknown>;
};
console.log(`  header: ${JSON.stringify(decoded.header)}`);
const { session, ...claims } = decoded.claims;
const sessionId = JSON.stringify((session as { id: string }).id);
console.log(`  claims: ${JSON.stringify(claims, null, 2).replace(/\n/g, "\n  ")}`);
console.log(`  session: { id: ${sessionId}, … } (the whole session, as the guide's mapper asks)`);

step(5, "Verify it with the public key set, as an API would");
const issuer = "http://localhost:4433//additional-component";
const verifyArgs = ["--jwks", "es256-public.jwks.json", "--issuer", issuer];
const verified = JSON.parse(run(["verify", token, ...verifyArgs], `verify <token> ${verifyArgs.join(" ")}`)) as {
  header: { alg: string; kid: string };
};
console.log(`  verified: ${verified.header.alg} signature by kid ${verified.header.kid}; issuer and expiry OK`);

step(6, "Put the template into Ory's config (the guide's `ory patch identity-config` command)");
const encodeArgs = ["--jwks", "es256.jwks.json", "--claims", "claims.jsonnet", "--ttl", "10m"];
const patch = run(["encode", ...encodeArgs, "--name", "jwt_example_template1"]);
const shortened = patch.trimEnd().replace(/base64:\/\/([A-Za-z0-9+/=]{24})[A-Za-z0-9+/=]+/g, "base64://$1…");
console.log(shortened.replace(/^/gm, "  "));

console.log(`\n${bold("Done.")} Then call \`GET /sessions/whoami?tokenize_as=jwt_example_template1\`.`);
console.log("Every command has --help; the files are in the working folder above.");
console.log(`\n${bold("The same example against Ory's endpoint, with Ory's own client (@ory/client-fetch):")}`);
console.log("  in a browser: `npm start` (the whoami emulator), then open http://127.0.0.1:4433/demo/");
console.log("  from Deno:    `npx deno run --allow-read --allow-net=127.0.0.1 demo/whoami_demo.ts`");
