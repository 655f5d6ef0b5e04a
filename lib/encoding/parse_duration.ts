/**
 * Go's `time.ParseDuration`, the parser Ory applies to a template's `ttl`.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n, // micro sign
  "\u03bcs": 1_000n, // Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NANOS = (1n << 63n) - 1n;

/**
 * Ory's config schema pattern for a template's `ttl`: a Go duration without sign, fraction or `µs`
 * (`10m`, `1h30m`, `1500ms`), so narrower than what {@linkcode parseDuration} reads.
 */
export const TTL_PATTERN: RegExp = /^([0-9]+(ns|us|ms|s|m|h))+$/;

function durationError(text: string, why: string): TokenizerError {
  return new TokenizerError("ERR_DURATION", {
    text: `time: ${why} ${JSON.stringify(text)}`,
    detail: 'Use a Go duration: a number and a unit (ns, us, ms, s, m, h), combined like "10m", "1h30m" or "1500ms".',
  });
}

/**
 * Parses a Go duration into nanoseconds, exactly (signs, decimals, `µs` and overflow as Go has them).
 *
 * @throws {TokenizerError} `ERR_DURATION` with Go's message.
 */
export function parseDurationNanos(text: string): bigint {
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") throw durationError(text, "invalid duration");
  let total = 0n;
  while (rest !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    const whole = number[1]!;
    const fraction = number[2] ?? "";
    if (whole === "" && fraction === "") throw durationError(text, "invalid duration");
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === "") throw durationError(text, "missing unit in duration");
    const scale = UNIT_NANOS[unit];
    if (scale === undefined) throw durationError(text, `unknown unit ${JSON.stringify(unit)} in duration`);
    rest = rest.slice(unit.length);
    let value = BigInt(whole === "" ? "0" : whole) * scale;
    if (fraction !== "") value += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    total += value;
    if (total > MAX_NANOS + (negative ? 1n : 0n)) throw durationError(text, "invalid duration");
  }
  return negative ? -total : total;
}

/**
 * Parses a Go duration (`10m`, `1h30m`, `1500ms`, `-1.5h`) into milliseconds.
 *
 * @example
 * ```ts
 * import { parseDuration } from "./parse_duration.ts";
 * if (parseDuration("1h30m") !== 5_400_000) throw new Error();
 * ```
 * @throws {TokenizerError} `ERR_DURATION` with Go's message and an example of accepted text.
 */
export function parseDuration(text: string): number {
  return Number(parseDurationNanos(text)) / 1e6;
}
