// The preview's whoami with `Deno.serve`, as Deno Deploy runs it:
// TOKENIZER_JWKS="$(cat preview.jwks.json)" SESSIONS="$(cat sessions.json)" deno run --allow-env --allow-read --allow-net deno.ts
import { previewWhoami } from "./whoami.ts";

const handler = await previewWhoami({
  jwks: Deno.env.get("TOKENIZER_JWKS") ?? "",
  claimsMapper: await Deno.readTextFile(new URL("./claims.jsonnet", import.meta.url)),
  sessions: Deno.env.get("SESSIONS") ?? "{}",
  issuer: Deno.env.get("ISSUER") ?? "http://localhost:8000/",
});
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, handler);
