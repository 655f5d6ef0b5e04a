/**
 * A key set fetched from a URL and cached, the way jose's `createRemoteJWKSet` caches one: kept for
 * `cacheMaxAgeMs` (10 min), fetched again early only when a token names a `kid` the cached set lacks,
 * and then at most once per `cooldownMs` (30 s), so a flood of tokens with made-up kids cannot make
 * the verifier flood the key server. Each fetch is bounded in time (5 s) and size (4 MiB); concurrent
 * verifications share one fetch. A failed fetch is not cached, but keeps a still-fresh set in use.
 *
 * @module
 */

import type { Fetch, JwkSet } from "../types.ts";
import { fetchBounded } from "../sources/read_bounded.ts";
import { SOURCE_MAX_BYTES } from "../sources/source_limits.ts";

/** How a remote key set is cached; jose's defaults. */
export interface RemoteKeySetOptions {
  /** How long a fetched set is used; default 600,000 ms (10 min). */
  cacheMaxAgeMs?: number | undefined;
  /** The least time between two fetches forced by an unknown `kid`; default 30,000 ms. */
  cooldownMs?: number | undefined;
  /** The longest a fetch may take; default 5,000 ms. */
  timeoutMs?: number | undefined;
}

interface Entry {
  set?: JwkSet;
  fetchedAt: number;
  /** When the last fetch started, successful or not: the cooldown counts from here. */
  attemptedAt: number;
  pending?: Promise<JwkSet> | undefined;
}

/** Most URLs cached at once: a verifier trusts a handful of issuers, not thousands. */
const MAX_URLS = 64;

/** Remote sets by fetch function (a test's fetch never sees another's cache), then by URL. */
const caches = new WeakMap<Fetch, Map<string, Entry>>();

/**
 * The key set at `url`, from the cache when it is fresh enough.
 *
 * @param url the set's URL (credentials and query included: they are part of what is fetched).
 * @param kid the token's `kid`, or undefined; a kid missing from a cached set forces a fetch after the cooldown.
 * @param options the fetch, the parser of its bytes, the clock and the cache's timings.
 * @returns the set.
 * @throws whatever `fetchBounded` or `parse` throws; an HTTP status other than 2xx as an Error.
 */
export async function remoteKeySet(
  url: string,
  kid: string | undefined,
  options: { fetch: Fetch; parse: (bytes: Uint8Array) => JwkSet; now: () => number } & RemoteKeySetOptions,
): Promise<JwkSet> {
  const maxAge = options.cacheMaxAgeMs ?? 600_000;
  const cooldown = options.cooldownMs ?? 30_000;
  let byUrl = caches.get(options.fetch);
  if (byUrl === undefined) caches.set(options.fetch, byUrl = new Map());
  let entry = byUrl.get(url);
  if (entry === undefined) {
    if (byUrl.size >= MAX_URLS) byUrl.delete(byUrl.keys().next().value!);
    entry = { fetchedAt: -Infinity, attemptedAt: -Infinity };
    byUrl.set(url, entry);
  }
  const now = options.now();
  const fresh = entry.set !== undefined && now - entry.fetchedAt < maxAge;
  const known = kid === undefined || kid === "" || entry.set?.keys.some((key) => key.kid === kid) === true;
  if (fresh && (known || now - entry.attemptedAt < cooldown)) return entry.set!;
  if (entry.pending === undefined) {
    entry.attemptedAt = now;
    entry.pending = refresh(url, entry, options);
  }
  try {
    return await entry.pending;
  } catch (error) {
    // A key server that is down must not take a set that is still fresh with it.
    if (fresh) return entry.set!;
    throw error;
  }
}

async function refresh(
  url: string,
  entry: Entry,
  options: { fetch: Fetch; parse: (bytes: Uint8Array) => JwkSet; now: () => number } & RemoteKeySetOptions,
): Promise<JwkSet> {
  try {
    const response = await fetchBounded(url, options.fetch, {
      maxBytes: SOURCE_MAX_BYTES,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
    if (response.status < 200 || response.status > 299) throw new HttpStatusError(response.status);
    const set = options.parse(response.bytes);
    entry.set = set;
    entry.fetchedAt = options.now();
    return set;
  } finally {
    entry.pending = undefined;
  }
}

/** A key server's answer other than 2xx. */
export class HttpStatusError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`HTTP status ${status}`);
    this.name = "HttpStatusError";
    this.status = status;
  }
}
