/**
 * The command-line half of Ory's end-to-end example, for Deno: Ory's own client
 * (`@ory/client-fetch`) asks the whoami emulator for the session with `tokenizeAs`, and lib
 * verifies the token against the emulator's public key set, as the guide's API does.
 *
 *   deno run --allow-read --allow-net=127.0.0.1 demo/whoami_demo.ts
 *       starts its own emulator in this process (the guide's template, the sample session);
 *   deno run --allow-read --allow-net=127.0.0.1 demo/whoami_demo.ts --url http://127.0.0.1:4433 --token <t>
 *       talks to a running `ory-tokenizer serve` (the token it printed at start-up).
 */
import { Configuration, FrontendApi } from "@ory/client-fetch";
import { createSessionStore, createWhoamiHandler, templatePublicKeys } from "../lib/entries/whoami.ts";
import { encodeTemplate, generateJwks, sampleSession, Tokenizer, verifyToken } from "../lib/mod.ts";
import { serveHttp } from "../lib/runtime/serve_http.ts";

const TEMPLATE = "jwt_example_template1";

function flag(name: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at < 0 ? undefined : Deno.args[at + 1];
}

/** An emulator in this process: a fresh ES256 key set, the guide's claims.jsonnet, the sample session. */
async function startEmulator(): Promise<{ url: URL; token: string; close: () => Promise<void> }> {
  const jwks = await generateJwks({ alg: "ES256" });
  const claimsMapper = await Deno.readTextFile(new URL("../examples/basic/claims.jsonnet", import.meta.url));
  const templates = { [TEMPLATE]: encodeTemplate({ jwks, claimsMapper, ttl: "10m" }) };
  const token = "ory_st_deno_demo";
  const expires = new Date(Date.now() + 60 * 60 * 1000).toISOString();
  const publicKeys = (await templatePublicKeys(templates)).jwks;
  // The issuer is the server's own URL (Kratos's serve.public.base_url), known once it listens.
  let handler: (request: Request) => Promise<Response> = () => Promise.reject(new Error("not ready"));
  const server = await serveHttp((request) => handler(request), { hostname: "127.0.0.1", port: 0 });
  handler = createWhoamiHandler({
    tokenizer: new Tokenizer({ templates, issuer: server.url.href }),
    sessions: createSessionStore({ [token]: sampleSession({ expires_at: expires }) }),
    publicKeys,
  });
  return { url: server.url, token, close: () => server.close() };
}

const given = flag("url");
const emulator = given === undefined
  ? await startEmulator()
  : { url: new URL(given), token: flag("token") ?? "", close: async () => {} };
try {
  console.log(`emulator: ${emulator.url.href}`);
  const frontend = new FrontendApi(new Configuration({ basePath: emulator.url.href.replace(/\/$/, "") }));
  console.log(`$ frontend.toSession({ xSessionToken, tokenizeAs: "${TEMPLATE}" })`);
  const session = await frontend.toSession({ xSessionToken: emulator.token, tokenizeAs: TEMPLATE });
  const token = session.tokenized ?? "";
  console.log(`  tokenized: ${token.slice(0, 40)}… (${token.length} characters) for identity ${session.identity?.id}`);
  const keys = new URL(".well-known/jwks.json", emulator.url);
  console.log(`$ verifyToken(tokenized, new URL("${keys.href}"))`);
  const { header, claims } = await verifyToken(token, keys);
  const { session: _whole, ...shown } = claims;
  console.log(`  verified: ${header["alg"]} signature by kid ${header["kid"]}`);
  console.log(`  claims: ${JSON.stringify(shown, null, 2).replace(/\n/g, "\n  ")}`);
} finally {
  await emulator.close();
}
