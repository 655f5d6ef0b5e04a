// A server's worst mapper, as a user meets it: one that would run for hours is Ory's 400 at Ory's 1 s
// limit, and the next token is made as usual. Run under Bun by the consumer tests.
import { createSandboxedJsonnet } from "ory-tokenizer/jsonnet";
import { encodeTemplate, generateJwks, sampleSession, Tokenizer, TokenizerError } from "ory-tokenizer";

const jwks = await generateJwks({ alg: "ES256" });
const jsonnet = createSandboxedJsonnet({ inThreadFallback: "refuse" }); // never run a mapper on this thread
const tokenizer = new Tokenizer({
  jsonnet,
  templates: {
    runaway: encodeTemplate({
      jwks,
      claimsMapper: "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { n: f(40) } }",
    }),
    email: encodeTemplate({
      jwks,
      claimsMapper: "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }",
    }),
  },
});
await jsonnet.start();
const start = performance.now();
const error = await tokenizer.tokenize(sampleSession(), "runaway").catch((error) => error);
const ms = performance.now() - start;
const { claims } = await tokenizer.tokenize(sampleSession(), "email");
console.log(JSON.stringify({
  refused: error instanceof TokenizerError ? [error.status, error.reason, error.detail] : String(error),
  // Never before Ory's 1 s; the upper bound only tells the deadline from a mapper left running.
  stopped: ms >= 950 && ms < 4000 ? "at about 1 s" : `after ${Math.round(ms)} ms`,
  then: claims.email,
  isolation: jsonnet.isolation,
}));
jsonnet.close();
