// The preview's whoami with `Bun.serve`: bun build bun.ts --target=bun --outdir=out, then
// TOKENIZER_JWKS="$(cat preview.jwks.json)" SESSIONS="$(cat sessions.json)" bun out/bun.js
import { previewWhoami } from "./whoami.ts";
import claimsMapper from "./claims.jsonnet" with { type: "text" };

const handler = await previewWhoami({
  jwks: process.env["TOKENIZER_JWKS"] ?? "",
  claimsMapper,
  sessions: process.env["SESSIONS"] ?? "{}",
  issuer: process.env["ISSUER"] ?? "http://localhost:3000/",
});
const server = Bun.serve({ port: Number(process.env["PORT"] ?? 3000), fetch: handler });
console.log(`whoami on ${server.url}`);
