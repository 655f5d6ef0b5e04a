/**
 * jose, loaded on first use. Importing it is a large part of a cold start in Node (its entry point
 * pulls in dozens of modules; BENCHMARKS.md), and tokenizing never needs it: only verifying a token and
 * a thumbprint `kid` do.
 *
 * @module
 */

type Jose = typeof import("jose");

let jose: Promise<Jose> | undefined;

/** The jose module, imported once per process or page. */
export function loadJose(): Promise<Jose> {
  jose ??= import("jose");
  return jose;
}
