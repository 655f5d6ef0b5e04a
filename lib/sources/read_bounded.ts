/**
 * Source reads with a size and a time limit, whatever the capability does: an HTTP body is streamed
 * and cut off at the limit, and a `readFile` is raced against the clock (and asked, through its
 * options, to stop by itself).
 *
 * @module
 */

import type { Fetch, ReadFile } from "../types.ts";
import { SourceLimitError } from "./source_limits.ts";

/** What a bounded HTTP read returns: the status, and the body when the status is 2xx. */
export interface BoundedResponse {
  status: number;
  bytes: Uint8Array;
}

/**
 * Fetches `url` and reads its body, within `maxBytes` and `timeoutMs` for the whole exchange.
 *
 * @throws {SourceLimitError} past either limit; whatever `fetch` throws otherwise.
 */
export async function fetchBounded(
  url: string,
  fetchImpl: Fetch,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<BoundedResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    const response = await withDeadline(fetchImpl(url, { signal: controller.signal }), controller.signal);
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => {});
      return { status: response.status, bytes: new Uint8Array() };
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new SourceLimitError("size", limits.maxBytes);
    }
    return { status: response.status, bytes: await readBody(response, limits.maxBytes, controller.signal) };
  } catch (error) {
    if (timedOut) throw new SourceLimitError("time", limits.timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await withDeadline(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new SourceLimitError("size", maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  return concat(chunks, total);
}

/**
 * Calls `readFile` with the limits as options, and enforces them whether or not it honours them.
 *
 * @throws {SourceLimitError} past either limit; whatever `readFile` throws otherwise.
 */
export async function readFileBounded(
  readFile: ReadFile,
  path: string,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const content = await withDeadline(
      readFile(path, { maxBytes: limits.maxBytes, signal: controller.signal }),
      controller.signal,
    ).catch((error) => {
      throw controller.signal.aborted ? new SourceLimitError("time", limits.timeoutMs) : error;
    });
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    if (bytes.byteLength > limits.maxBytes) throw new SourceLimitError("size", limits.maxBytes);
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (a capability may ignore signals). */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
