/**
 * Durations and instants in words, for token times: "42 s", "3 min", "1 h 30 min", "in 9 min", "42 s ago".
 * Internal to lib: decodeToken and verifyToken share it so both speak alike.
 *
 * @module
 */

const UNITS: readonly [string, number][] = [["d", 86_400], ["h", 3_600], ["min", 60], ["s", 1]];

/**
 * A non-negative duration in at most two units, largest first: `42 s`, `3 min`, `2 min 30 s`, `1 h 30 min`.
 *
 * @param seconds the duration; its sign is ignored and fractions are dropped.
 * @returns the duration in words.
 */
export function formatSeconds(seconds: number): string {
  const total = Math.floor(Math.abs(seconds));
  const major = UNITS.findIndex(([, size]) => total >= size);
  if (major === -1) return "0 s";
  const [unit, size] = UNITS[major]!;
  const text = `${Math.floor(total / size)} ${unit}`;
  const next = UNITS[major + 1];
  // Two units are precise enough for a person; the exact value is in the ISO date next to it.
  const minor = next === undefined ? 0 : Math.floor((total % size) / next[1]);
  return minor === 0 ? text : `${text} ${minor} ${next![0]}`;
}

/**
 * An instant relative to now: `in 9 min`, `42 s ago`, or `now`.
 *
 * @param secondsFromNow the instant minus now, in seconds.
 * @returns the offset in words.
 */
export function relativeTime(secondsFromNow: number): string {
  if (Math.trunc(secondsFromNow) === 0) return "now";
  return secondsFromNow > 0 ? `in ${formatSeconds(secondsFromNow)}` : `${formatSeconds(secondsFromNow)} ago`;
}

/** Reads a `now` option as milliseconds since the epoch. */
export function nowMillis(now: number | Date | (() => number | Date) | undefined): number {
  const value = typeof now === "function" ? now() : now;
  if (value === undefined) return Date.now();
  const ms = typeof value === "number" ? value : value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Cannot use "now": ${String(value)} is not a valid time`);
  return ms;
}

/** Quotes a value taken from a token or key set for a message: JSON-quoted, cut to a readable length. */
export function quote(value: unknown, max = 64): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}
