// The sandbox is watched from the first evaluation: no in-thread warm start unless asked for, and a
// worker that is slow to boot (or kept waiting by a blocked caller) never disables workers for good.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createJsonnetEngine, createSandboxedJsonnet, type JsonnetRequest } from "../lib/entries/jsonnet.ts";
import { createJsonnetSandbox, type PoolPolicy } from "../lib/jsonnet/sandbox.ts";
import { detectWorkerSpawner } from "../lib/runtime/spawn_worker.ts";
import { SANDBOX_RUNTIME } from "../lib/runtime/sandboxed_jsonnet.ts";
import { assertWorkersStart } from "./_built_worker.ts";
import { NO_WORKER_THREADS } from "./_capabilities.ts";
import { EXPONENTIAL } from "./_helpers.ts";

await assertWorkersStart();

const request = (source: string): JsonnetRequest => ({ source, filename: "claims.jsonnet", extCode: {} });

describe("createSandboxedJsonnet(): the first evaluation", { skip: NO_WORKER_THREADS }, () => {
  it("runs in a worker by default, under the watchdog", async () => {
    const sandbox = createSandboxedJsonnet();
    try {
      const first = await sandbox.evaluate(request("{ claims: { a: 1 } }"));
      assert.deepEqual(first.ok && first.value, { claims: { a: 1 } });
      assert.equal(sandbox.isolation, "worker");
    } finally {
      sandbox.close();
    }
  });

  it("a worker that never gets ready is replaced, not taken as a reason to stop using workers", async () => {
    const real = (await detectWorkerSpawner()).spawn!;
    let spawns = 0;
    const sandbox = createSandboxedJsonnet({
      startTimeoutMs: 1000,
      spawn: (events) => spawns++ === 0 ? { postMessage() {}, terminate() {} } : real(events),
    });
    try {
      const result = await sandbox.evaluate(request("{ claims: { a: 2 } }"));
      assert.deepEqual(result.ok && result.value, { claims: { a: 2 } });
      assert.equal(sandbox.isolation, "worker");
      assert.equal(sandbox.fallbackReason, undefined);
      assert.equal(spawns, 2);
    } finally {
      sandbox.close();
    }
  });

  it("a caller that blocks its thread while the first worker boots does not disable workers", async () => {
    const sandbox = createSandboxedJsonnet({ startTimeoutMs: 400 });
    try {
      const pending = sandbox.evaluate(request("{ claims: { a: 3 } }"));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const until = performance.now() + 1500;
      while (performance.now() < until); // the caller's thread is busy past the start timeout
      const result = await pending;
      assert.deepEqual(result.ok && result.value, { claims: { a: 3 } });
      assert.equal(sandbox.fallbackReason, undefined);
      assert.equal(sandbox.isolation, "worker");
    } finally {
      sandbox.close();
    }
  });
});

describe("createJsonnetEngine(): loops inside std functions check the deadline too", () => {
  // CPU-bound loops that call nothing recursive: before loop checks, only a terminated worker stopped
  // them (Deno cannot terminate a busy one), and in-thread they ran for seconds.
  const cases: [string, string][] = [
    ["std.findSubstr, quadratic", "std.length(std.findSubstr(std.repeat('a', 3000), std.repeat('a', 2000000)))"],
    ["std.sort of 3,000,000 items", "std.length(std.sort(std.makeArray(3000000, function(i) -i)))"],
    ["std.md5 of 100 MB", "std.md5(std.repeat('ab', 50000000))"],
    ["std.base64 of 100 MB", "std.length(std.base64(std.repeat('ab', 50000000)))"],
    ["std.repeat to 1 GB", "std.length(std.repeat('ab', 500000000))"],
  ];
  for (const [name, source] of cases) {
    it(`stops ${name} at Ory's 1 s, in this thread`, async () => {
      const engine = createJsonnetEngine();
      const started = performance.now();
      const result = await engine.evaluate(request(source));
      const took = performance.now() - started;
      // On a fast run a case may finish just inside 1 s; what must never happen is running on past it.
      assert.ok(result.ok || result.failure.kind === "timeout", result.ok ? "" : result.failure.message);
      assert.ok(took < 3000, `took ${Math.round(took)} ms`);
    });
  }
});

describe("createJsonnetSandbox(): the pool by cores", { skip: NO_WORKER_THREADS }, () => {
  /** Runs rounds of `callers` quick evaluations at once and counts the workers started. */
  async function workersStarted(pool: PoolPolicy, callers: number): Promise<number> {
    const real = (await detectWorkerSpawner()).spawn!;
    let spawns = 0;
    const sandbox = createJsonnetSandbox(SANDBOX_RUNTIME, {
      spawn: (events) => {
        spawns++;
        return real(events);
      },
    }, pool);
    try {
      await sandbox.start();
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all(
          Array.from({ length: callers }, (_, i) => sandbox.evaluate(request(`{ claims: { i: ${i} } }`))),
        );
        assert.deepEqual(
          results.map((result) => result.ok && result.value),
          results.map((_, i) => ({ claims: { i } })),
        );
      }
      return spawns;
    } finally {
      sandbox.close();
    }
  }

  it("on two cores, quick evaluations of two callers share one worker", async () => {
    // A spill time far above any evaluation here, so that a loaded machine cannot make one spill.
    assert.equal(await workersStarted({ cores: 2, spillMs: 60_000 }, 2), 1);
  });

  it("with more cores, a second caller gets a second worker at once", async () => {
    assert.equal(await workersStarted({ cores: 4, spillMs: 60_000 }, 2), 2);
  });

  it("on two cores, a job that keeps its worker busy past the spill time sends the next to a second", async () => {
    const sandbox = createJsonnetSandbox(SANDBOX_RUNTIME, {}, { cores: 2, spillMs: 20 });
    try {
      await sandbox.start();
      let loopingSettled = false;
      const looping = sandbox.evaluate(request(EXPONENTIAL)).finally(() => loopingSettled = true);
      const quick = await sandbox.evaluate(request("{ claims: { a: 1 } }"));
      assert.deepEqual(quick.ok && quick.value, { claims: { a: 1 } });
      assert.equal(loopingSettled, false, "the quick evaluation waited for the runaway");
      const slow = await looping;
      assert.equal(!slow.ok && slow.failure.kind, "timeout");
    } finally {
      sandbox.close();
    }
  });
});
