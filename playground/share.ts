/**
 * Share links: the page's state in the URL fragment (never sent to any server), as
 * `#share=1.<base64url>`: version 1 is the first 8 bytes of the SHA-256 of the JSON text, then the
 * text compressed with deflate-raw. The hash makes a truncated or edited link a clear message rather
 * than a half-restored page. The key set in a link is only ever its public half: `publicJwks` drops
 * every private member before the link is made, and a link carrying one is refused on the way in. An
 * HS* set is all secret, with no public half: the link carries its algorithm alone, so the page that
 * opens it can say why it has a new key set.
 */
import { JWK_ALGS, type JwkSet, publicJwks } from "ory-tokenizer";
import { hasPrivateMaterial } from "./key_material.ts";
import type { PlaygroundState } from "./storage.ts";

export const SHARE_PREFIX = "#share=";
const VERSION = "1";
const HASH_BYTES = 8;
/**
 * The most state text a link holds: the page makes no larger link, so it reads none either, and a link
 * that inflates past it (a few hundred kilobytes can inflate to hundreds of megabytes) is stopped there.
 */
export const SHARED_STATE_MAX_BYTES = 1024 * 1024;

/** What a link carries: everything typed, and the public key set instead of the private one. */
export type SharedState = Omit<PlaygroundState, "jwks" | "storePrivate"> & {
  publicJwks?: JwkSet;
  /** The algorithm of a secret (HS*) key set, which the link leaves out. */
  secretKeysAlg?: SecretAlg;
};

/** The algorithms whose keys are a shared secret, with no public half to put in a link. */
const SECRET_ALGS = ["HS256", "HS384", "HS512"] as const;
type SecretAlg = typeof SECRET_ALGS[number];

function isSecretAlg(alg: unknown): alg is SecretAlg {
  return (SECRET_ALGS as readonly unknown[]).includes(alg);
}

/** `{ target: { setting: text } }`, as the page keeps target settings. */
function isTextRecords(value: unknown): boolean {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  return isRecord(value) &&
    Object.values(value).every((settings) =>
      isRecord(settings) && Object.values(settings).every((t) => typeof t === "string")
    );
}

/** Why a link could not be read, in words for the page. */
export class ShareLinkError extends Error {
  override name = "ShareLinkError";
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new ShareLinkError("The share link has characters no link of this page has.");
  }
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    // A length no base64 text has (one character past a group of four): the link lost its end.
    throw new ShareLinkError("This share link is cut short or damaged (it does not decode); it was left aside.");
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Inflates a link's payload, stopping as soon as it holds more than the page ever writes. */
async function inflateBounded(bytes: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > SHARED_STATE_MAX_BYTES) {
      await reader.cancel();
      throw new ShareLinkError(
        `This share link holds more than any link this page makes (over ${
          SHARED_STATE_MAX_BYTES / 1024 / 1024
        } MiB); it was left aside.`,
      );
    }
    chunks.push(read.value);
  }
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

async function digest(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource)).slice(0, HASH_BYTES);
}

/** The public half of a key set text, or none when the text is no usable set. */
export function publicHalf(jwksText: string | undefined): JwkSet | undefined {
  try {
    const set = JSON.parse(jwksText ?? "") as JwkSet;
    return Array.isArray(set?.keys) ? publicJwks(set) : undefined;
  } catch {
    return undefined;
  }
}

/** The algorithm of a key set text whose first key is a secret (HS*) one, else undefined. */
export function secretKeysAlg(jwksText: string | undefined): SecretAlg | undefined {
  try {
    const first = (JSON.parse(jwksText ?? "") as JwkSet)?.keys?.[0];
    return first?.kty === "oct" && isSecretAlg(first.alg) ? first.alg : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fragment (`#share=…`) for this state: the private key set is replaced by its public half, or,
 * for a secret (HS*) set, by its algorithm.
 * @throws {ShareLinkError} when the state is larger than a link holds.
 */
export async function shareFragment(state: PlaygroundState): Promise<string> {
  const { jwks, storePrivate: _storePrivate, ...rest } = state;
  const publicSet = publicHalf(jwks);
  const secretAlg = publicSet === undefined ? secretKeysAlg(jwks) : undefined;
  const shared: SharedState = {
    ...rest,
    ...(publicSet === undefined ? {} : { publicJwks: publicSet }),
    ...(secretAlg === undefined ? {} : { secretKeysAlg: secretAlg }),
  };
  const text = new TextEncoder().encode(JSON.stringify(shared));
  if (text.length > SHARED_STATE_MAX_BYTES) {
    throw new ShareLinkError(
      `This page's state is too large for a link (${Math.ceil(text.length / 1024)} KiB; a link holds at most ${
        SHARED_STATE_MAX_BYTES / 1024
      } KiB): share the mapper and session as files instead.`,
    );
  }
  const compressed = await through(text, new CompressionStream("deflate-raw"));
  const payload = new Uint8Array(HASH_BYTES + compressed.length);
  payload.set(await digest(text));
  payload.set(compressed, HASH_BYTES);
  return `${SHARE_PREFIX}${VERSION}.${base64url(payload)}`;
}

/**
 * What a link may set, each member with the check of its value. The page copies a link's state over
 * its own: a member it never writes (`jwks` with a private key, `storePrivate`, `__proto__`, whose
 * copy would put a private key set under the page's state) or a value of the wrong type is refused.
 */
const SHARED_MEMBERS: Record<keyof SharedState, (value: unknown) => boolean> = {
  templateName: isString,
  ttl: isString,
  subjectSource: (value) => value === "" || value === "external_id",
  issuer: isString,
  slug: isString,
  clock: (value) => value === "now" || (typeof value === "number" && Number.isFinite(value)),
  mapper: isString,
  session: isString,
  alg: (value) => (JWK_ALGS as readonly unknown[]).includes(value),
  publicJwks: (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  secretKeysAlg: isSecretAlg,
  targets: (value) => Array.isArray(value) && value.every(isString),
  targetSettings: isTextRecords,
};

function isString(value: unknown): value is string {
  return typeof value === "string";
}

/** The link's state, member by member into a fresh object, or why not. */
function sharedState(parsed: unknown): SharedState {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ShareLinkError("This share link does not hold the page's state; it was left aside.");
  }
  const shared: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const check = Object.hasOwn(SHARED_MEMBERS, name) ? SHARED_MEMBERS[name as keyof SharedState] : undefined;
    if (check === undefined || !check(value)) {
      const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
      throw new ShareLinkError(
        `This share link sets ${check === undefined ? "" : "a wrong value for "}${shown}, which links made by this ` +
          "page never do; it was left aside.",
      );
    }
    shared[name] = value;
  }
  if (typeof shared["mapper"] !== "string") {
    throw new ShareLinkError("This share link does not hold the page's state; it was left aside.");
  }
  return shared as SharedState;
}

/**
 * Reads a fragment made by {@linkcode shareFragment}.
 * @throws {ShareLinkError} when it is of another version, truncated, edited, larger than any link the page
 *   makes, sets a member the page never writes or a value of the wrong type, or carries a private key.
 */
export async function readShareFragment(fragment: string): Promise<SharedState> {
  const body = fragment.slice(SHARE_PREFIX.length);
  const dot = body.indexOf(".");
  if (dot < 0 || body.slice(0, dot) !== VERSION) {
    throw new ShareLinkError("This share link is of a version this page does not read; it was left aside.");
  }
  const payload = fromBase64url(body.slice(dot + 1));
  let text: Uint8Array;
  try {
    text = await inflateBounded(payload.slice(HASH_BYTES));
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError("This share link is cut short or damaged (it does not decompress); it was left aside.");
  }
  const expected = await digest(text);
  if (payload.length < HASH_BYTES || expected.some((byte, i) => byte !== payload[i])) {
    throw new ShareLinkError("This share link was changed after it was made (its check fails); it was left aside.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(text));
  } catch {
    throw new ShareLinkError("This share link does not hold the page's state; it was left aside.");
  }
  const shared = sharedState(parsed);
  if (
    shared.publicJwks !== undefined &&
    (!Array.isArray(shared.publicJwks.keys) || shared.publicJwks.keys.some(hasPrivateMaterial))
  ) {
    throw new ShareLinkError(
      "This share link carries private key material, which links never should; it was left aside.",
    );
  }
  return shared;
}
