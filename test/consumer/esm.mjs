// A Node ESM script, as a user writes one against the installed package.
import { createSandboxedJsonnet } from "ory-tokenizer/jsonnet";
import { encodeTemplate, generateJwks, publicJwks, sampleSession, Tokenizer, verifyToken } from "ory-tokenizer";

const jwks = await generateJwks({ alg: "ES256" });
const jsonnet = createSandboxedJsonnet({ inThreadFallback: "refuse" }); // never run a mapper on this thread
const tokenizer = new Tokenizer({
  issuer: "https://auth.example.com/",
  jsonnet,
  templates: {
    jwt_example_template1: encodeTemplate({
      jwks,
      claimsMapper: "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }",
      ttl: "10m",
    }),
  },
});
await jsonnet.start(); // the first worker, before the first request
const { token } = await tokenizer.tokenize(sampleSession(), "jwt_example_template1");
const { claims } = await verifyToken(token, publicJwks(jwks), { issuer: "https://auth.example.com/" });
console.log(JSON.stringify({ email: claims.email, isolation: jsonnet.isolation }));
jsonnet.close();
