/**
 * `npm run demo`: Ory's "Issue JWTs for Ory Sessions" end-to-end example, offline, in the terminal.
 * Each step runs the real CLI (bin/ory-tokenizer) and shows the command, so the walkthrough doubles
 * as a tutorial: create a key set, write the guide's claims.jsonnet, tokenize a sample session,
 * decode the token, and verify it with the public key set.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLocalJWKSet, jwtVerify } from "jose";

const bin = fileURLToPath(new URL("../bin/ory-tokenizer", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ory-tokenizer-demo-"));
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

// The claims mapper from Ory's guide, unchanged.
const CLAIMS_JSONNET = `local claims = std.extVar('claims');
local session = std.extVar('session');

{
  claims: {
    iss: claims.iss + "/additional-component",
    schema_id: session.identity.schema_id,
    session: session,
  }
}
`;

function step(n: number, title: string): void {
  console.log(`\n${bold(`${n}. ${title}`)}`);
}

function run(args: string[], show = true): string {
  console.log(`$ ory-tokenizer ${args.join(" ")}`);
  const output = execFileSync(process.execPath, [bin, ...args], { cwd: work, encoding: "utf8" });
  if (show) console.log(output.trimEnd());
  return output;
}

console.log(bold("ory-tokenizer demo: Ory's session-to-JWT example, end to end, offline"));
console.log(`(working in ${work})`);

step(1, "Create a JSON Web Key Set (like `ory create jwk some-example-set --alg ES256`)");
run(["jwk", "create", "some-example-set", "--alg", "ES256", "--out", "es256.jwks.json"]);
writeFileSync(join(work, "es256-public.jwks.json"), run(["jwk", "public", "es256.jwks.json"], false));
console.log("  wrote es256.jwks.json (private, mode 0600) and es256-public.jwks.json (for verifiers)");

step(2, "Write the guide's claims.jsonnet");
writeFileSync(join(work, "claims.jsonnet"), CLAIMS_JSONNET);
console.log(CLAIMS_JSONNET.trimEnd().replace(/^/gm, "  "));

step(3, "Tokenize a sample session with the template (jwks + claims + ttl 10m)");
const token = run(["tokenize", "--jwks", "es256.jwks.json", "--claims", "claims.jsonnet", "--ttl", "10m"], false)
  .trim();
console.log(`  ${token.slice(0, 60)}… (${token.length} characters)`);

step(4, "Decode it: header and claims");
const [header, payload] = token.split(".").slice(0, 2).map((segment) =>
  JSON.parse(Buffer.from(segment!, "base64url").toString("utf8"))
);
console.log(`  header: ${JSON.stringify(header)}`);
const { session, ...claims } = payload as Record<string, unknown>;
console.log(`  claims: ${JSON.stringify(claims, null, 2).replace(/\n/g, "\n  ")}`);
console.log(
  `  session: { id: ${
    JSON.stringify((session as { id: string }).id)
  }, … } (the whole session, as the guide's mapper asks)`,
);

step(5, "Verify it with the public key set");
const publicSet = JSON.parse(run(["jwk", "public", "es256.jwks.json"], false));
const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(publicSet), {
  issuer: "http://localhost:4433//additional-component",
});
console.log(`  verified: signature ${protectedHeader.alg} with kid ${protectedHeader.kid}, issuer and expiry OK`);

console.log(`\n${bold("Done.")} Next: \`ory-tokenizer tokenize --help\`, or put the template into Ory's config.`);
