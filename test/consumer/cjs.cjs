// A CommonJS script: Node 20.19+ and 22.12+ load the ES module package through require().
const { decodeToken, encodeTemplate, generateJwks, sampleSession, tokenizeSession } = require("ory-tokenizer");

async function main() {
  const jwks = await generateJwks({ alg: "ES384" });
  const template = encodeTemplate({ jwks, claimsMapper: "{ claims: { cjs: true } }", ttl: "1m" });
  const { token } = await tokenizeSession(sampleSession(), template, { issuer: "https://auth.example.com/" });
  console.log(JSON.stringify({ cjs: decodeToken(token).claims.cjs, alg: decodeToken(token).header.alg }));
}
main();
