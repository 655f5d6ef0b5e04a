// A strict TypeScript consumer: checked under nodenext, node16 and bundler resolution, with and
// without DOM in `lib`. Every @ts-expect-error proves a type is real (an `any` would make it unused).
import { createSandboxedJsonnet, type JsonnetResult } from "ory-tokenizer/jsonnet";
import {
  decodeToken,
  encodeTemplate,
  generateJwks,
  type JwkSet,
  sampleSession,
  TokenError,
  Tokenizer,
  TokenizerError,
  type TokenizeResult,
} from "ory-tokenizer";

const jwks: JwkSet = await generateJwks({ alg: "ES256" });
// @ts-expect-error: not an algorithm
await generateJwks({ alg: "ES257" });
const tokenizer = new Tokenizer({ issuer: "https://auth.example.com/", templates: { t: encodeTemplate({ jwks }) } });
const result: TokenizeResult = await tokenizer.tokenize(sampleSession(), "t");
// @ts-expect-error: a token is a string
const wrong: number = result.token;
const header: "JWT" = result.header.typ;
const sandbox = createSandboxedJsonnet({ inThreadFallback: "refuse", worker: new URL("https://example.com/w.js") });
const evaluated: JsonnetResult = await sandbox.evaluate({ source: "{}", filename: "x", extCode: {} });
const text: string = evaluated.ok ? evaluated.output : evaluated.failure.message;
try {
  decodeToken("x");
} catch (error) {
  if (error instanceof TokenError) console.log(error.code === "ERR_TOKEN_MALFORMED");
}
try {
  await tokenizer.tokenize(sampleSession(), "missing");
} catch (error) {
  if (error instanceof TokenizerError) {
    const status: 400 | 500 = error.status;
    console.log(status, error.code === "ERR_TEMPLATE_NOT_FOUND");
  }
}
console.log(wrong, header, text);
