// The engine's assets: a binary that cannot be loaded is a typed error naming the file and the fix,
// and a sandbox that loses its worker says so (a warning), or refuses to run on the caller's thread.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileJsonnetWasm, createJsonnetEngine, createSandboxedJsonnet } from "../lib/entries/jsonnet.ts";
import { TokenizerError } from "../lib/mod.ts";
import { NO_MODULE_URL, NO_WASM_FROM_BYTES } from "./_capabilities.ts";

// Where a module has no URL (workerd), the missing worker's cases need only some URL with nothing there.
const MISSING = new URL("./no-such-folder/", NO_MODULE_URL ? "file:///" : import.meta.url);
const REQUEST = { source: "{ claims: { a: 1 } }", filename: "claims.jsonnet", extCode: {} };

async function engineAssetError(promise: Promise<unknown>): Promise<TokenizerError> {
  const error = await promise.then(() => undefined, (error: unknown) => error);
  assert.ok(error instanceof TokenizerError, `expected a TokenizerError, got ${String(error)}`);
  assert.equal(error.code, "ERR_ENGINE_ASSET");
  assert.equal(error.status, 500);
  return error;
}

describe("compileJsonnetWasm()", () => {
  it("names the file, where it looked and the fix when a URL has nothing", { skip: NO_MODULE_URL }, async () => {
    const error = await engineAssetError(compileJsonnetWasm(new URL("jsonnet.wasm", MISSING)));
    // file: under Node and Deno, http: in the browser run of the suites.
    const where = new URL("jsonnet.wasm", MISSING).href;
    assert.ok(error.detail!.startsWith(`Cannot load jsonnet.wasm from ${where}: `), error.detail);
    assert.match(error.detail!, /nothing is there: pass the binary shipped as `ory-tokenizer\/jsonnet\.wasm`/);
  });

  it("refuses bytes that are not the engine", { skip: NO_WASM_FROM_BYTES }, async () => {
    const error = await engineAssetError(compileJsonnetWasm(new Uint8Array([0, 97, 115, 109, 9, 9])));
    assert.match(error.detail!, /it is not the engine's WebAssembly/);
  });

  it("refuses WebAssembly that is not the engine's (an empty module) when it would run it", {
    skip: NO_WASM_FROM_BYTES,
  }, async () => {
    const engine = createJsonnetEngine({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) });
    const error = await engineAssetError(engine.evaluate({ source: "{}", filename: "x.jsonnet", extCode: {} }));
    assert.match(error.detail!, /it is not the engine's WebAssembly/);
  });

  it("says what to pass instead where the runtime compiles no bytes", {
    skip: !NO_WASM_FROM_BYTES && "this runtime compiles WebAssembly from bytes",
  }, async () => {
    const error = await engineAssetError(compileJsonnetWasm(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));
    assert.match(error.detail!, /compiles WebAssembly only from a module it loads itself, never from bytes/);
    assert.doesNotMatch(error.detail!, /not the engine's WebAssembly/);
  });

  it("reports an HTTP failure of a Response", async () => {
    const error = await engineAssetError(compileJsonnetWasm(new Response("gone", { status: 404 })));
    assert.match(error.detail!, /HTTP 404/);
  });
});

/** The little of Deno's API the missing-worker cases need (the suite also type-checks under Node). */
interface DenoRuntime {
  execPath(): string;
  env: { get(name: string): string | undefined };
  Command: new (command: string, options: { args: string[]; env: Record<string, string> }) => {
    output(): Promise<{ code: number; stdout: Uint8Array; stderr: Uint8Array }>;
  };
}

const deno = (globalThis as { Deno?: DenoRuntime }).Deno;
const IN_CHILD = "ORY_TOKENIZER_MISSING_WORKER_CHILD";
/**
 * Deno reports a worker that fails to load on the process's stderr, handled or not (type-checking,
 * a TS2307 and "Type checking failed" first): under `deno test` the missing-worker cases run in a
 * child `deno test`, whose output this suite reads instead of printing.
 */
const MISSING_WORKER_HERE = deno === undefined || deno.env.get(IN_CHILD) === "1";
const MISSING_WORKER_CASES = "createSandboxedJsonnet() with a missing worker";

describe(MISSING_WORKER_CASES, { skip: !MISSING_WORKER_HERE && "under Deno: in a child deno test, below" }, () => {
  it('refuses to evaluate in-thread with inThreadFallback: "refuse"', async () => {
    const sandbox = createSandboxedJsonnet({ worker: new URL("worker.js", MISSING), inThreadFallback: "refuse" });
    try {
      const error = await sandbox.evaluate(REQUEST).then(() => undefined, (error: unknown) => error);
      assert.ok(error instanceof TokenizerError, `expected a TokenizerError, got ${String(error)}`);
      assert.equal(error.code, "ERR_SANDBOX_UNAVAILABLE");
      assert.match(error.detail!, /No Jsonnet worker can run \([\s\S]+\)/);
      assert.ok(sandbox.fallbackReason !== undefined);
    } finally {
      sandbox.close();
    }
  });

  it("warns once, then evaluates in-thread", async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    const sandbox = createSandboxedJsonnet({ worker: new URL("worker.js", MISSING), warmStart: false });
    try {
      for (let i = 0; i < 2; i++) {
        const result = await sandbox.evaluate(REQUEST);
        assert.ok(result.ok);
      }
      assert.equal(sandbox.isolation, "in-thread");
      assert.equal(warnings.length, 1);
      assert.match(
        String(warnings[0]![0]),
        /^ory-tokenizer: Jsonnet mappers run on this thread, without a worker's isolation: /,
      );
    } finally {
      console.warn = warn;
      sandbox.close();
    }
  });
});

describe("createSandboxedJsonnet() without a worker", () => {
  it("under Deno: the missing-worker cases pass in a child deno test, which met the missing worker", {
    skip: MISSING_WORKER_HERE && "the cases ran above, in this process",
  }, async () => {
    const child = await new deno!.Command(deno!.execPath(), {
      args: [
        "test",
        "--allow-read",
        "--allow-env",
        "--filter",
        MISSING_WORKER_CASES,
        decodeURIComponent(new URL(import.meta.url).pathname),
      ],
      env: { [IN_CHILD]: "1", NO_COLOR: "1" },
    }).output();
    const output = new TextDecoder().decode(child.stdout) + new TextDecoder().decode(child.stderr);
    assert.equal(child.code, 0, output);
    assert.match(output, /refuses to evaluate in-thread with inThreadFallback: "refuse" \.\.\. ok/);
    assert.match(output, /warns once, then evaluates in-thread \.\.\. ok/);
    assert.match(output, /no-such-folder\/worker\.js/, "the worker the cases name is the one Deno could not load");
  });

  it("stays silent when in-thread evaluation is asked for (spawn: null)", async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    const sandbox = createSandboxedJsonnet({ spawn: null });
    try {
      assert.ok((await sandbox.evaluate(REQUEST)).ok);
      assert.deepEqual(warnings, []);
    } finally {
      console.warn = warn;
      sandbox.close();
    }
  });
});
