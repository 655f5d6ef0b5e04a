// When the extension's language server stops on its own: restarted a bounded number of times within the
// window, with a message each time, then not again (no restart loop), and again after the window passes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RESTART_LIMITS, RestartBudget, restartMessage } from "../extension/src/logic/restart_policy.ts";

/** A budget on a clock the test moves. */
function budgetAt(start = 0): { budget: RestartBudget; advance: (ms: number) => void } {
  let now = start;
  return { budget: new RestartBudget({ maxRestarts: 3, windowMs: 60_000 }, () => now), advance: (ms) => (now += ms) };
}

describe("the language server's restart budget", () => {
  it("restarts up to the limit within the window, then stops for good", () => {
    const { budget, advance } = budgetAt();
    const decisions = [];
    for (let i = 0; i < 6; i++) {
      decisions.push(budget.onStop());
      advance(1_000);
    }
    assert.deepEqual(decisions, [
      { restart: true, attempt: 1 },
      { restart: true, attempt: 2 },
      { restart: true, attempt: 3 },
      { restart: false },
      { restart: false },
      { restart: false },
    ]);
  });

  it("counts only the stops within the window", () => {
    const { budget, advance } = budgetAt();
    for (let i = 0; i < 3; i++) assert.equal(budget.onStop().restart, true);
    advance(60_000);
    assert.deepEqual(budget.onStop(), { restart: true, attempt: 1 });
  });

  it("starts over when the user restarts the server", () => {
    const { budget } = budgetAt();
    for (let i = 0; i < 4; i++) budget.onStop();
    assert.equal(budget.onStop().restart, false);
    budget.reset();
    assert.deepEqual(budget.onStop(), { restart: true, attempt: 1 });
  });

  it("says which restart it is, and what to do once it gives up", () => {
    assert.match(
      restartMessage({ restart: true, attempt: 2 }, RESTART_LIMITS),
      /stopped; restarting it \(2 of 4 restarts within 3 minutes\)/,
    );
    const final = restartMessage({ restart: false }, RESTART_LIMITS);
    assert.match(final, /stopped 5 times within 3 minutes, so it is not restarted/);
    assert.match(final, /Ory Tokenizer: Restart Language Server/);
  });
});
