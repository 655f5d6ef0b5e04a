// A Cloudflare Worker, as a user writes one: the package imported as it is, nothing configured (wrangler
// picks the package's `workerd` entry). Key generation waits for a request: Workers refuse random values
// at global scope.
import { encodeTemplate, generateJwks, publicJwks, sampleSession, Tokenizer, verifyToken } from "ory-tokenizer";
import { createJsonnetEngine } from "ory-tokenizer/jsonnet";

const MAPPER = "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }";
const RUNAWAY = "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { n: f(40) } }";
let state;

export default {
  async fetch(request) {
    state ??= await generateJwks({ alg: "ES256" }).then((jwks) => ({
      jwks,
      tokenizer: new Tokenizer({
        templates: {
          mapper: encodeTemplate({ jwks, claimsMapper: MAPPER }),
          runaway: encodeTemplate({ jwks, claimsMapper: RUNAWAY }),
        },
      }),
    }));
    const url = new URL(request.url);
    const started = Date.now();
    try {
      if (url.pathname === "/bytes") {
        // The engine from bytes, which this runtime refuses: the error must say what to do instead.
        await createJsonnetEngine({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) })
          .evaluate({ source: "{}", filename: "x.jsonnet", extCode: {} });
        return Response.json({ compiled: true });
      }
      const { token, claims } = await state.tokenizer.tokenize(sampleSession(), url.searchParams.get("template"));
      const { claims: verified } = await verifyToken(token, publicJwks(state.jwks));
      return Response.json({ email: claims.email, verified: verified.sub === claims.sub });
    } catch (error) {
      return Response.json(
        { code: error.code, reason: error.reason, detail: error.detail, ms: Date.now() - started },
        { status: error.status ?? 500 },
      );
    }
  },
};
