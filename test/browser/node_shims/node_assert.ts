// `node:assert/strict` for lib's suites in Chromium (test/browser/suite_bundles.ts maps the import
// here): the calls the suites make, with Node's strict semantics (Object.is for primitives, prototypes
// and own enumerable keys compared, a RegExp matched against a string). No package on the machine
// provides node:assert for browsers, and these ten calls are all the suites use.

/** What a failed assertion throws, like Node's (the suites only read its message). */
export class AssertionError extends Error {
  override name = "AssertionError";
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  try {
    const text = JSON.stringify(value, (_key, item) => typeof item === "bigint" ? `${item}n` : item);
    return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return String(value);
  }
}

function fail(message: string | Error | undefined, otherwise: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? otherwise);
}

function isDeepStrictEqual(actual: unknown, expected: unknown, seen = new Map<object, unknown>()): boolean {
  if (Object.is(actual, expected)) return true;
  if (typeof actual !== "object" || typeof expected !== "object" || actual === null || expected === null) {
    return false;
  }
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return false;
  if (seen.get(actual) === expected) return true;
  seen.set(actual, expected);
  if (actual instanceof Date) return actual.getTime() === (expected as Date).getTime();
  if (actual instanceof RegExp) return String(actual) === String(expected);
  if (actual instanceof Error) {
    const other = expected as Error;
    if (actual.name !== other.name || actual.message !== other.message) return false;
  }
  if (ArrayBuffer.isView(actual)) {
    const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
    const view = expected as ArrayBufferView;
    const b = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    if (a.length !== b.length || a.some((byte, i) => byte !== b[i])) return false;
  }
  if (actual instanceof Map) {
    const other = expected as Map<unknown, unknown>;
    if (actual.size !== other.size) return false;
    for (const [key, value] of actual) {
      if (!other.has(key) || !isDeepStrictEqual(value, other.get(key), seen)) return false;
    }
  }
  if (actual instanceof Set) {
    const other = expected as Set<unknown>;
    if (actual.size !== other.size) return false;
    for (const value of actual) if (!other.has(value)) return false;
  }
  const keys = Object.keys(actual);
  const otherKeys = Object.keys(expected);
  if (keys.length !== otherKeys.length) return false;
  const a = actual as Record<string, unknown>;
  const b = expected as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(b, key) && isDeepStrictEqual(a[key], b[key], seen));
}

type Expected = RegExp | (new (...args: never[]) => unknown) | ((error: unknown) => unknown) | object;

/** Node's rules for the second argument of throws/rejects: a class, a RegExp, a validator, or an object. */
function check(error: unknown, expected: Expected | undefined, message: string | undefined): void {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (!expected.test(String(error))) fail(message, `The error ${show(String(error))} does not match ${expected}`);
    return;
  }
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof (expected as new () => unknown)) return;
    if (expected === Error || expected.prototype instanceof Error) {
      fail(message, `The error is not an instance of ${expected.name}: ${show(String(error))}`);
    }
    if ((expected as (error: unknown) => unknown).call(undefined, error) !== true) {
      fail(message, `The validation function did not return true for ${show(String(error))}`);
    }
    return;
  }
  for (const [key, value] of Object.entries(expected)) {
    const actual = (error as Record<string, unknown> | null)?.[key];
    const matches = value instanceof RegExp && typeof actual === "string"
      ? value.test(actual)
      : isDeepStrictEqual(actual, value);
    if (!matches) fail(message, `The error's ${key} is ${show(actual)}, expected ${show(value)}`);
  }
}

const NOTHING = Symbol("nothing thrown");

const assert = {
  ok(value: unknown, message?: string | Error): asserts value {
    if (!value) fail(message, `Expected a truthy value, got ${show(value)}`);
  },
  equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
    if (!Object.is(actual, expected)) fail(message, `Expected ${show(actual)} to be ${show(expected)}`);
  },
  notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
    if (Object.is(actual, expected)) fail(message, `Expected ${show(actual)} not to be ${show(expected)}`);
  },
  deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
    if (!isDeepStrictEqual(actual, expected)) {
      fail(message, `Expected values to be deeply equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`);
    }
  },
  match(text: string, pattern: RegExp, message?: string | Error): void {
    if (typeof text !== "string" || !pattern.test(text)) fail(message, `${show(text)} does not match ${pattern}`);
  },
  doesNotMatch(text: string, pattern: RegExp, message?: string | Error): void {
    if (typeof text !== "string" || pattern.test(text)) fail(message, `${show(text)} matches ${pattern}`);
  },
  fail(message?: string | Error): never {
    fail(message, "Failed");
  },
  throws(run: () => unknown, expected?: Expected | string, message?: string): void {
    if (typeof expected === "string") [message, expected] = [expected, undefined];
    let caught: unknown = NOTHING;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    if (caught === NOTHING) fail(message, "Missing expected exception");
    check(caught, expected, message);
  },
  async rejects(
    promise: Promise<unknown> | (() => Promise<unknown>),
    expected?: Expected | string,
    message?: string,
  ): Promise<void> {
    if (typeof expected === "string") [message, expected] = [expected, undefined];
    let caught: unknown = NOTHING;
    try {
      await (typeof promise === "function" ? promise() : promise);
    } catch (error) {
      caught = error;
    }
    if (caught === NOTHING) fail(message, "Missing expected rejection");
    check(caught, expected, message);
  },
};

export default assert;
export const { ok, equal, notEqual, deepEqual, match, doesNotMatch, throws, rejects } = assert;
export { isDeepStrictEqual };
