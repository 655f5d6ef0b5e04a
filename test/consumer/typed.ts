// A strict TypeScript consumer: checked under nodenext, node16 and bundler resolution, with and
// without DOM in `lib`. Every @ts-expect-error proves a type is real (an `any` would make it unused).
import { createSandboxedJsonnet, type JsonnetResult } from "ory-tokenizer/jsonnet";
import { type Diagnostic, lintClaimsMapper, previewTemplate, type TemplatePreview } from "ory-tokenizer/lint";
import { type ClaimDifference, compareClaims } from "ory-tokenizer/golden";
import { createSessionStore, createWhoamiHandler } from "ory-tokenizer/whoami";
import { JSONNET_KEYWORDS, SESSION_SHAPE, type Shape } from "ory-tokenizer/editor";
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
// Each entry point's types are real.
const findings: Diagnostic[] = await lintClaimsMapper("{}", { jsonnet: sandbox });
// @ts-expect-error: a finding's code is one of lib's codes
const code: "no-such-code" = findings[0]!.code;
const preview: TemplatePreview = await previewTemplate({ jwks, session: sampleSession() }, { jsonnet: sandbox });
const differences: ClaimDifference[] = compareClaims({ a: 1 }, { a: 2 });
const handler: (request: Request) => Promise<Response> = createWhoamiHandler({
  tokenizer,
  sessions: createSessionStore({}),
});
// @ts-expect-error: the handler takes a Request
await handler("http://localhost/");
const shape: Shape = SESSION_SHAPE;
const keyword: string = JSONNET_KEYWORDS[0]!;
console.log(wrong, header, text, code, preview, differences, shape, keyword);
