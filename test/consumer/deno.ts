// Deno through npm resolution: the package in package.json, installed by npm (or `deno install`), and
// `"nodeModulesDir": "manual"` in deno.json; then `deno run --allow-read --allow-env main.ts`.
import { encodeTemplate, generateJwks, sampleSession, Tokenizer } from "ory-tokenizer";

const jwks = await generateJwks({ alg: "EdDSA" });
const tokenizer = new Tokenizer({
  issuer: "https://auth.example.com/",
  templates: { t: encodeTemplate({ jwks, claimsMapper: "{ claims: { deno: true } }" }) },
});
const { claims } = await tokenizer.tokenize(sampleSession(), "t");
const typed: string = claims.sub as string;
console.log(JSON.stringify({ deno: claims.deno, typed: typeof typed }));
