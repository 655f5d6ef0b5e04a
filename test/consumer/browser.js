// A page's script, bundled by esbuild or Vite with default settings: the engine and its worker travel
// inside the bundle (the package's `browser` entry), nothing to copy.
import { createSandboxedJsonnet } from "ory-tokenizer/jsonnet";
import { encodeTemplate, generateJwks, sampleSession, Tokenizer } from "ory-tokenizer";
import { lintClaimsMapper } from "ory-tokenizer/lint";

const jsonnet = createSandboxedJsonnet({ inThreadFallback: "refuse" });
const jwks = await generateJwks({ alg: "ES256" });
const tokenizer = new Tokenizer({
  issuer: "https://auth.example.com/",
  jsonnet,
  templates: { t: encodeTemplate({ jwks, claimsMapper: "{ claims: { page: true } }", ttl: "10m" }) },
});
const { token, claims } = await tokenizer.tokenize(sampleSession(), "t");
document.querySelector("#token").textContent = token;
document.querySelector("#claims").textContent = JSON.stringify(claims);
// Another entry point in the same bundle, with the same sandbox.
const findings = await lintClaimsMapper("{ claims: { sub: 1 } }", { jsonnet });
document.querySelector("#lint").textContent = findings.map((d) => d.code).join(",");
document.querySelector("#isolation").textContent = jsonnet.isolation;
