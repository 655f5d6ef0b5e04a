// Every entry point of the installed package from one ES module (Node, Deno and Bun run it), as a user
// imports them: each does its job, and they share one copy of lib (an error class, a sandbox) between them.
import { encodeTemplate, generateJwks, sampleSession, Tokenizer, TokenizerError } from "ory-tokenizer";
import { lintClaimsMapper, previewTemplate } from "ory-tokenizer/lint";
import { compareClaims } from "ory-tokenizer/golden";
import { createSessionStore, createWhoamiHandler, WHOAMI_PATH } from "ory-tokenizer/whoami";
import { compileJsonnetWasm, defaultJsonnetSandbox } from "ory-tokenizer/jsonnet";
import { JSONNET_KEYWORDS, SESSION_SHAPE } from "ory-tokenizer/editor";

const jwks = await generateJwks({ alg: "ES256" });
const mapper = "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }";
const templates = { t: encodeTemplate({ jwks, claimsMapper: mapper }) };
const session = sampleSession({ expires_at: "2999-01-01T00:00:00Z" });

const lint = await lintClaimsMapper("local s = std.extVar('session'); { claims: { e: s.identity.trait.email } }");
const preview = await previewTemplate({ jwks, claimsMapper: mapper, session });
const golden = compareClaims(preview.claims ?? {}, preview.claims ?? {});
const handler = createWhoamiHandler({
  tokenizer: new Tokenizer({ templates }),
  sessions: createSessionStore({ ory_st_consumer: session }),
});
const response = await handler(
  new Request(`http://127.0.0.1${WHOAMI_PATH}?tokenize_as=t`, { headers: { "X-Session-Token": "ory_st_consumer" } }),
);
const whoami = await response.json();
const engineError = await compileJsonnetWasm(new Uint8Array([1, 2, 3])).catch((error) => error);
console.log(JSON.stringify({
  lint: lint.map((d) => d.code),
  preview: preview.verification?.valid,
  golden: golden.length,
  whoami: [response.status, typeof whoami.tokenized],
  oneErrorClass: engineError instanceof TokenizerError && engineError.code === "ERR_ENGINE_ASSET",
  oneSandbox: defaultJsonnetSandbox().isolation,
  editor: [JSONNET_KEYWORDS.includes("local"), typeof SESSION_SHAPE],
}));
