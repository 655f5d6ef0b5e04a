// The sandbox is watched from the first evaluation: no in-thread warm start unless asked for, and a
// worker that is slow to boot (or kept waiting by a blocked caller) never disables workers for good.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSandboxedJsonnet, type JsonnetRequest } from "../lib/mod.ts";
import { detectWorkerSpawner } from "../lib/runtime/spawn_worker.ts";

const request = (source: string): JsonnetRequest => ({ source, filename: "claims.jsonnet", extCode: {} });

describe("createSandboxedJsonnet(): the first evaluation", () => {
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
