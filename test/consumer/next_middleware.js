// Next.js middleware, which runs in Vercel's edge runtime: the package imported as it is (Next's bundler
// picks its `edge-light` entry, which imports the engine as a `.wasm?module`). Answers the test's paths.
import { NextResponse } from "next/server";
import { encodeTemplate, generateJwks, sampleSession, Tokenizer } from "ory-tokenizer";

const MAPPER = "local s = std.extVar('session'); { claims: { email: s.identity.traits.email } }";
const RUNAWAY = "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { n: f(40) } }";
let tokenizer;

export async function middleware(request) {
  tokenizer ??= generateJwks({ alg: "ES256" }).then((jwks) =>
    new Tokenizer({
      templates: {
        mapper: encodeTemplate({ jwks, claimsMapper: MAPPER }),
        runaway: encodeTemplate({ jwks, claimsMapper: RUNAWAY }),
      },
    })
  );
  const started = Date.now();
  try {
    const { claims } = await (await tokenizer).tokenize(sampleSession(), request.nextUrl.searchParams.get("template"));
    return NextResponse.json({ email: claims.email });
  } catch (error) {
    return NextResponse.json(
      { code: error.code, detail: error.detail, ms: Date.now() - started },
      { status: error.status ?? 500 },
    );
  }
}

export const config = { matcher: "/edge/:path*" };
