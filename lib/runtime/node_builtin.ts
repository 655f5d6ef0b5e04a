/**
 * A Node built-in module, where the runtime has Node's (Node, and Deno and Bun through their Node
 * compatibility), found without ever asking a browser for one: an `import("node:…")` in a page is a
 * failed network request that every browser logs as an error.
 *
 * @module
 */

interface NodeProcess {
  getBuiltinModule?: (specifier: string) => unknown;
}

/**
 * Returns a Node built-in, or `undefined` where the runtime has none.
 *
 * `process.getBuiltinModule` (Node 20.16+, which the package requires anyway; Deno 2; Bun) answers
 * synchronously, never touches the module loader, and leaves no dynamic import for a bundler or JSR
 * to puzzle over. Anything without a `process` (browsers, web workers, edge runtimes) is never asked.
 *
 * @param specifier such as `node:worker_threads`.
 * @returns the module, or `undefined`.
 */
export function nodeBuiltin<T>(specifier: string): T | undefined {
  const process = (globalThis as { process?: NodeProcess }).process;
  if (typeof process?.getBuiltinModule !== "function") return undefined;
  try {
    return (process.getBuiltinModule(specifier) ?? undefined) as T | undefined;
  } catch {
    // Deno without the permission the module needs, for one.
    return undefined;
  }
}
