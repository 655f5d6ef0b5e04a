// A Rust panic in the engine is reported as the engine failing, with its reason, never with the engine's
// own source paths (the build machine's `.cargo/registry/…` files) that console_error_panic_hook prints.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { panicReason } from "../lib/jsonnet/engine_error.ts";

const STACK = "\n\nStack:\n\nError\n    at imports.wbg.__wbg_new (file:///x/lib.js:1:2)\n";

describe("panicReason()", () => {
  const cases: [string, string, string][] = [
    [
      "Rust 1.73+ form",
      "panicked at /home/runner/.cargo/registry/src/index.crates.io-6f17d22bba15001f/jrsonnet-evaluator-0.5.0/src/val.rs:211:18:\nindex out of bounds: the len is 3 but the index is 7" +
      STACK,
      "index out of bounds: the len is 3 but the index is 7",
    ],
    [
      "older quoted form",
      "panicked at 'attempt to subtract with overflow', /rustc/90c541806f23a127002de5b4038be731ba1458ca/library/core/src/num/mod.rs:1058:5" +
      STACK,
      "attempt to subtract with overflow",
    ],
    [
      "a path inside the message",
      "panicked at src/lib.rs:3:9:\ncalled `Result::unwrap()` on an `Err` value at /home/u/.cargo/registry/src/x/y-1.0/src/z.rs:10:2",
      "called `Result::unwrap()` on an `Err` value at <engine source>",
    ],
    ["a Windows path", "panicked at C:\\Users\\ci\\.cargo\\registry\\src\\x\\y.rs:1:2:\nboom", "boom"],
    ["nothing after the location", "panicked at src/lib.rs:1:1:", "no reason given"],
  ];
  for (const [what, panic, reason] of cases) {
    it(`keeps the reason and drops the engine's paths: ${what}`, () => {
      const found = panicReason(panic);
      assert.equal(found, reason);
      assert.doesNotMatch(found, /cargo|registry|rustc|\.rs\b|Stack:/);
    });
  }

  it("bounds a long reason", () => {
    assert.equal(panicReason(`panicked at a.rs:1:1:\n${"x".repeat(1000)}`).length, 300);
  });
});
