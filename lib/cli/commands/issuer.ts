/**
 * `ory-tokenizer issuer`: the issuer kit as static files: `<iss>/.well-known/openid-configuration`
 * and the public key set its `jwks_uri` names, laid out under the issuer's path, to host anywhere.
 *
 * @module
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { TokenizerError } from "../../errors.ts";
import { issuerDocuments } from "../../issuer/issuer_documents.ts";
import { parseJwks } from "../../keys/parse_jwks.ts";
import { templateKeySet } from "../../config/template_key_set.ts";
import type { JwkSet } from "../../types.ts";
import { templatePublicKeys } from "../../whoami/template_public_keys.ts";
import { type Command, type Output, parseFlags } from "../command.ts";
import { readFileLikeGo, readText } from "../io.ts";
import { loadTemplates } from "../load_config.ts";
import { UsageError } from "../usage_error.ts";

export const issuer: Command = {
  help: `Usage: ory-tokenizer issuer --issuer <url> (--jwks <file> | --config <kratos.yml|json> [--template <name>])
                            --out <dir>

Writes what a service that finds keys through the token's iss fetches (Supabase's third-party auth,
AWS API Gateway's HTTP API JWT authorizer, Kubernetes, Neon, Vault's oidc_discovery_url):
  <dir>/<iss path>/.well-known/openid-configuration   issuer (= iss exactly), jwks_uri,
                                                     id_token_signing_alg_values_supported, …
  <dir>/<iss path>/.well-known/jwks.json              the public halves of the keys
Ory publishes neither for tokenizer keys: upload <dir> to the web root of the issuer's host, over
https, with Content-Type: application/json (the discovery file has no extension). Private members
never leave the key set; an HS* (oct) key is refused, since a shared secret must never be published.

The issuer must be the tokens' iss to the byte: Kratos's serve.public.base_url (trailing slash and
all), or https://<slug>.projects.oryapis.com on Ory Network, whose host you cannot put files on;
there, point Ory's base URL (a custom domain) at a host you control, or use a service's key-set URL
setting instead of discovery.

Flags:
  --issuer <url>       the tokens' iss
  --jwks <file>        a key set (private or public; - for stdin)
  --config <file>      a Kratos config: the keys of every template, merged (Ory gives all templates
                       one iss, so one document serves them all); HS* templates are left out, noted
  --template <name>    with --config: only this template's keys
  --jwks-uri <url>     serve the key set elsewhere (default <iss>/.well-known/jwks.json, where
                       aws-jwt-verify looks for it without discovery)
  --out <dir>          the folder to write into (created; files there are replaced)

Examples:
  ory-tokenizer issuer --issuer https://auth.example.com/ --jwks jwks.json --out site
  ory-tokenizer issuer --issuer https://example.com/tokens --config kratos.yml --template supabase --out site
    # writes site/tokens/.well-known/openid-configuration and site/tokens/.well-known/jwks.json
  ory-tokenizer serve --tls   # serves the same documents at https://127.0.0.1:4433/ for local tests`,
  async run(args, output) {
    const { values } = parseFlags(args, {
      issuer: { type: "string" },
      jwks: { type: "string" },
      config: { type: "string" },
      template: { type: "string" },
      "jwks-uri": { type: "string" },
      out: { type: "string" },
    });
    if (values.issuer === undefined) throw new UsageError("Missing --issuer <url>: the tokens' iss");
    if (values.out === undefined) throw new UsageError("Missing --out <dir>: where to write the files");
    if ((values.jwks === undefined) === (values.config === undefined)) {
      throw new UsageError("Give either --jwks <file> or --config <file> [--template <name>]");
    }
    if (values.template !== undefined && values.config === undefined) {
      throw new UsageError("--template belongs with --config");
    }
    const keys = values.jwks !== undefined
      ? parseJwks(await readText(values.jwks))
      : await configKeys(values.config!, values.template, output);
    const kit = issuerDocuments(keys, values.issuer, { jwksUri: values["jwks-uri"] });
    const files = [
      { url: kit.discoveryUrl, body: kit.discovery },
      { url: kit.jwksUrl, body: kit.jwks },
    ];
    const lines = [`Wrote the issuer kit for iss ${kit.issuer}; serve each file at its URL:`];
    const written = files.map((file) => ({ ...file, path: join(values.out!, ...segments(file.url)) }));
    const width = Math.max(...written.map((file) => file.path.length));
    for (const file of written) {
      await mkdir(join(file.path, ".."), { recursive: true });
      await writeFile(file.path, `${JSON.stringify(file.body, null, 2)}\n`);
      lines.push(`  ${file.path.padEnd(width)}  ->  ${file.url}`);
    }
    const algs = kit.discovery.id_token_signing_alg_values_supported.join(", ");
    lines.push(`  ${kit.jwks.keys.length} public key${kit.jwks.keys.length === 1 ? "" : "s"} (${algs})`);
    lines.push("Serve both over https as application/json; verifiers cache keys (AWS up to 2 h, Supabase 30 min).");
    output.out(`${lines.join("\n")}\n`);
    if (new URL(kit.issuer).protocol !== "https:") {
      output.err("note: the issuer is http: Supabase, AWS and Kubernetes fetch discovery over https only\n");
    }
    return 0;
  },
};

/** The keys of one template, or of every template (HS* ones left out with a note). */
async function configKeys(path: string, name: string | undefined, output: Output): Promise<JwkSet> {
  const templates = await loadTemplates(path);
  if (name !== undefined) {
    if (!Object.hasOwn(templates, name)) {
      throw new TokenizerError("ERR_TEMPLATE_NOT_FOUND", {
        text: name,
        detail: `Known templates: ${Object.keys(templates).join(", ") || "none"}.`,
      });
    }
    return await templateKeySet(templates[name]!, { readFile: readFileLikeGo });
  }
  const keys = await templatePublicKeys(templates, { readFile: readFileLikeGo });
  for (const line of keys.skipped) output.err(`note: left out ${line}\n`);
  return keys.jwks;
}

/** A URL's path as folder and file names, refusing anything that is not a plain name. */
function segments(url: string): string[] {
  const parts = new URL(url).pathname.split("/").slice(1);
  for (const part of parts) {
    if (!/^[A-Za-z0-9._~-]+$/.test(part) || part === "." || part === "..") {
      throw new UsageError(
        `Cannot lay out ${url} as files: its path segment ${JSON.stringify(part)} is not a plain name ` +
          "(letters, digits, . _ ~ -)",
      );
    }
  }
  return parts;
}
