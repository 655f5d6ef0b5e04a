/**
 * The browser half of Ory's end-to-end example: Ory's own client asks the emulator for the session
 * with `tokenizeAs`, and lib verifies the token against the emulator's public key set, as the
 * guide's API does. Bundled by scripts/build.ts into dist/demo/ (served by `serve` at /demo/).
 *
 * The emulator is this page's origin, or `?emulator=<url>` for an emulator on another origin (start
 * it with `--cors-origin <this page's origin>`: the calls carry the session cookie across origins).
 */
import { Configuration, FrontendApi, ResponseError } from "@ory/client-fetch";
import { verifyToken } from "../lib/mod.ts";

const emulator = new URL(new URLSearchParams(location.search).get("emulator") ?? location.origin);
const base = emulator.href.replace(/\/$/, "");
const frontend = new FrontendApi(new Configuration({ basePath: base, credentials: "include" }));

const element = (id: string) => document.getElementById(id)!;
const templateInput = element("template") as HTMLInputElement;
element("emulator").textContent = emulator.href;

function show(state: "idle" | "working" | "verified" | "error", text: string): void {
  element("status").dataset["state"] = state;
  element("status").textContent = text;
}

/** What went wrong, in Ory's words when Ory answered: its reason, and our detail from debug. */
async function describe(error: unknown): Promise<string> {
  if (error instanceof ResponseError) {
    const body = await error.response.json().catch(() => undefined) as
      | { error?: { code?: number; reason?: string; message?: string; debug?: string } }
      | undefined;
    const e = body?.error;
    if (e !== undefined) return `${e.code}: ${e.reason ?? e.message}${e.debug ? ` (${e.debug})` : ""}`;
    return `HTTP ${error.response.status}`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function signIn(signOut: boolean): Promise<void> {
  const path = signOut ? "_ory-tokenizer/sign-out" : "_ory-tokenizer/sign-in";
  const response = await fetch(new URL(path, emulator), { credentials: "include" });
  if (!response.ok) throw new Error(`The emulator's sign-in answered HTTP ${response.status}`);
  show("idle", signOut ? "Signed out." : "Signed in: the emulator set the ory_kratos_session cookie.");
}

async function tokenize(): Promise<void> {
  show("working", "Calling toSession…");
  element("claims").textContent = "";
  element("token").textContent = "";
  const session = await frontend.toSession({ tokenizeAs: templateInput.value });
  const token = session.tokenized;
  if (token === undefined) throw new Error("The session has no tokenized field");
  element("token").textContent = token;
  // Signature (the key named by kid, with the key's own alg) and times; the issuer is shown rather
  // than checked, since the guide's claims.jsonnet rewrites it (claims.iss + "/additional-component").
  const verified = await verifyToken(token, new URL(".well-known/jwks.json", emulator));
  element("claims").textContent = JSON.stringify(verified.claims, null, 2);
  const { alg, kid } = verified.header;
  show(
    "verified",
    `Verified: ${alg} signature by kid ${kid}, iss ${verified.claims["iss"]}, for ${session.identity?.id}`,
  );
}

function run(action: () => Promise<void>): () => void {
  return () => void action().catch(async (error) => show("error", await describe(error)));
}
element("sign-in").addEventListener("click", run(() => signIn(false)));
element("sign-out").addEventListener("click", run(() => signIn(true)));
element("tokenize").addEventListener("click", run(tokenize));
show("idle", "Ready. Sign in, then call toSession.");
