// What the runtime running a suite can do, read from the runtime itself, never from lib (whose own
// detection is under test): lib's neutral suites run in Node, Deno, Chromium and workerd, and a test
// that needs what a runtime lacks is skipped by name with the reason, `{ skip: NO_WORKER_THREADS }`.

const nodeProcess = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process;
const nodeThreads = nodeProcess?.getBuiltinModule?.("node:worker_threads") as { Worker?: unknown } | undefined;

/** Why the sandbox has no worker threads here (workerd has neither Web Workers nor worker_threads), or false. */
export const NO_WORKER_THREADS: string | false = typeof globalThis.Worker !== "function" &&
  typeof nodeThreads?.Worker !== "function" &&
  "this runtime has no worker threads (neither Web Workers nor node:worker_threads)";

/** The smallest WebAssembly module: the magic number and the version. */
const EMPTY_WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

/** Why WebAssembly cannot be compiled from bytes here (workerd compiles only the modules it loads), or false. */
export const NO_WASM_FROM_BYTES: string | false = await WebAssembly.compile(EMPTY_WASM).then(
  () => false,
  (error: unknown) => `this runtime compiles no WebAssembly from bytes (${String(error)})`,
);

/** Why a module has no URL of its own here (workerd's `import.meta` is empty), or false. */
export const NO_MODULE_URL: string | false = (import.meta.url as string | undefined) === undefined &&
  "this runtime gives a module no URL (import.meta.url)";
