// The lean path: the page serves the engine and the worker itself (copied from
// node_modules/ory-tokenizer/dist/) and passes their URLs, so the inline copies are never loaded
// (bundled with esbuild --splitting, or Vite, which split the inline chunks out).
import { createSandboxedJsonnet } from "ory-tokenizer/jsonnet";
import { encodeTemplate, generateJwks, sampleSession, Tokenizer } from "ory-tokenizer";

const jsonnet = createSandboxedJsonnet({
  wasm: new URL("./jsonnet.wasm", location.href),
  worker: new URL("./jsonnet_worker.js", location.href),
  inThreadFallback: "refuse",
});
const jwks = await generateJwks({ alg: "ES256" });
const tokenizer = new Tokenizer({
  issuer: "https://auth.example.com/",
  jsonnet,
  templates: { t: encodeTemplate({ jwks, claimsMapper: "{ claims: { page: true } }", ttl: "10m" }) },
});
const { token, claims } = await tokenizer.tokenize(sampleSession(), "t");
document.querySelector("#token").textContent = token;
document.querySelector("#claims").textContent = JSON.stringify(claims);
document.querySelector("#isolation").textContent = jsonnet.isolation;
