/**
 * The bounds of every source read. Ory's fetcher has none for the tokenizer (no size limit, and only
 * the HTTP client's connection timeout), so a `file:///dev/zero` or a server that trickles one byte a
 * second holds a request, and its memory, for as long as it likes. We bound both, far above any real
 * key set or mapper (a set of 100 RSA-4096 private keys is about 330 KB; a mapper is a few KB).
 *
 * @module
 */

/** Bounds of one source read. */
export interface SourceLimits {
  /** The most bytes a source may have; default {@linkcode SOURCE_MAX_BYTES}. */
  maxBytes?: number | undefined;
  /** The longest a read may take, from the request to the last byte; default {@linkcode SOURCE_TIMEOUT_MS}. */
  timeoutMs?: number | undefined;
}

/** 4 MiB: more than ten times the largest key set anyone ships, and than any mapper. */
export const SOURCE_MAX_BYTES = 4 * 1024 * 1024;

/** 10 s, for the whole read: a source slower than that is down, and the caller is waiting. */
export const SOURCE_TIMEOUT_MS = 10_000;

/** Why a read was stopped: too many bytes, or too long. */
export class SourceLimitError extends Error {
  readonly kind: "size" | "time";
  readonly limit: number;

  constructor(kind: "size" | "time", limit: number) {
    super(
      kind === "size"
        ? `the source is larger than ${formatBytes(limit)} (the limit for a key set or mapper)`
        : `the source was not read within ${limit / 1000}s`,
    );
    this.name = "SourceLimitError";
    this.kind = kind;
    this.limit = limit;
  }
}

/** The limits with their defaults filled in, checked so a misuse fails loudly. */
export function resolveLimits(limits: SourceLimits | undefined): Required<{ [K in keyof SourceLimits]: number }> {
  const maxBytes = limits?.maxBytes ?? SOURCE_MAX_BYTES;
  const timeoutMs = limits?.timeoutMs ?? SOURCE_TIMEOUT_MS;
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new RangeError(`maxBytes must be a positive integer`);
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError(`timeoutMs must be a positive number`);
  return { maxBytes, timeoutMs };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}
