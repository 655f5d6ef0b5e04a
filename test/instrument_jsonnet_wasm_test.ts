// The engine's deadline instrumentation: which function entries get a check.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backEdgeTargets } from "../scripts/instrument_jsonnet_wasm.ts";

/** Whether the graph without `removed` has no cycle (Kahn's algorithm). */
function acyclicWithout(edges: number[][], removed: Set<number>): boolean {
  const incoming = new Array<number>(edges.length).fill(0);
  edges.forEach((targets, node) => {
    if (removed.has(node)) return;
    for (const target of targets) if (!removed.has(target)) incoming[target]!++;
  });
  const ready = edges.map((_, node) => node).filter((node) => !removed.has(node) && incoming[node] === 0);
  let seen = 0;
  while (ready.length > 0) {
    const node = ready.pop()!;
    seen++;
    for (const target of edges[node]!) if (!removed.has(target) && --incoming[target]! === 0) ready.push(target);
  }
  return seen === edges.length - removed.size;
}

describe("backEdgeTargets()", () => {
  it("picks functions that every cycle of the call graph goes through", () => {
    let seed = 20261202;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      const size = 1 + Math.floor(random() * 30);
      const density = random() * 0.3;
      const edges = Array.from(
        { length: size },
        () => Array.from({ length: size }, (_, target) => target).filter(() => random() < density),
      );
      const picked = backEdgeTargets(edges);
      assert.ok(acyclicWithout(edges, picked), `round ${round}: a cycle avoids every picked function`);
    }
  });

  it("checks a self-recursive function and leaves a call chain without cycles unchecked", () => {
    assert.deepEqual([...backEdgeTargets([[1], [2], []])], []);
    assert.deepEqual([...backEdgeTargets([[1], [1]])], [1]);
    assert.deepEqual([...backEdgeTargets([[1], [2], [0]])], [0]);
  });
});
