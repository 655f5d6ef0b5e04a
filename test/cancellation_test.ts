// AbortSignal through evaluate, tokenize, lint and preview: dropped work never runs, running work frees
// its worker, and the caller gets the signal's reason. Evaluations are counted, never timed.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createSandboxedJsonnet, type JsonnetSandbox, type SpawnWorker } from "../lib/entries/jsonnet.ts";
import { encodeTemplate, type JwkSet, sampleSession, Tokenizer } from "../lib/mod.ts";
import { lintClaimsMapper, previewTemplate, type TemplatePreview } from "../lib/entries/lint.ts";
import { detectWorkerSpawner } from "../lib/runtime/spawn_worker.ts";
import { fixture } from "./_helpers.ts";
import { assertWorkersStart } from "./_built_worker.ts";
import { NO_WORKER_THREADS } from "./_capabilities.ts";

await assertWorkersStart();

const GUIDE_MAPPER = fixture("../../examples/basic/claims.jsonnet");
const ES256: JwkSet = JSON.parse(fixture("jwk.es256.json"));
const LOOP = "local f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1); { claims: { x: f(40) } }";
const session = sampleSession();
const sandboxes: JsonnetSandbox[] = [];
/** The tests that need the sandbox's workers, skipped where the runtime has none (workerd). */
const NEEDS_WORKERS = { skip: NO_WORKER_THREADS };
after(() => sandboxes.forEach((sandbox) => sandbox.close()));

/** A sandbox whose workers count the evaluations they are given (the warm start would run some in-thread). */
async function countingSandbox(): Promise<{ sandbox: JsonnetSandbox; evaluations: () => number }> {
  const detected = await detectWorkerSpawner();
  assert.ok(detected.spawn, "this runtime starts workers");
  const real: SpawnWorker = detected.spawn;
  let count = 0;
  const sandbox = createSandboxedJsonnet({
    warmStart: false,
    spawn: (events) => {
      const worker = real(events);
      return {
        postMessage(message) {
          if ((message as { type?: string }).type === "evaluate") count++;
          worker.postMessage(message);
        },
        terminate: () => worker.terminate(),
      };
    },
  });
  sandboxes.push(sandbox);
  await sandbox.start();
  count = 0;
  return { sandbox, evaluations: () => count };
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** A promise's outcome, handled from the start (a dropped preview rejects before anyone awaits it). */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: "fulfilled", value }),
    (reason: unknown) => ({ status: "rejected", reason }),
  );
}

/** 50 previews, as keystrokes: each one aborts the one before; `pause` runs between keystrokes. */
async function typeFiftyKeystrokes(sandbox: JsonnetSandbox, pause?: () => Promise<unknown>) {
  let controller: AbortController | undefined;
  const previews: Promise<PromiseSettledResult<TemplatePreview>>[] = [];
  for (let keystroke = 1; keystroke <= 50; keystroke++) {
    controller?.abort();
    controller = new AbortController();
    const mapper = GUIDE_MAPPER.replace("/additional-component", `/keystroke-${keystroke}`);
    previews.push(settle(previewTemplate({ jwks: ES256, claimsMapper: mapper, session }, {
      jsonnet: sandbox,
      signal: controller.signal,
    })));
    await pause?.();
  }
  const settled = await Promise.all(previews);
  const last = settled.pop()!;
  assert.equal(last.status, "fulfilled");
  assert.match(String((last as PromiseFulfilledResult<TemplatePreview>).value.claims?.["iss"]), /keystroke-50$/);
  for (const dropped of settled) {
    if (dropped.status === "rejected") assert.ok(isAbortError(dropped.reason), String(dropped.reason));
  }
  return settled;
}

describe("cancellation", () => {
  it("a burst of 50 previews with only the last kept evaluates far fewer than 50", NEEDS_WORKERS, async () => {
    const { sandbox, evaluations } = await countingSandbox();
    const dropped = await typeFiftyKeystrokes(sandbox);
    assert.ok(dropped.every((preview) => preview.status === "rejected"), "every earlier preview is dropped");
    assert.ok(evaluations() <= 5, `${evaluations()} evaluations for one kept preview`);
  });

  it("previews spaced like typing still drop most evaluations", NEEDS_WORKERS, async () => {
    const { sandbox, evaluations } = await countingSandbox();
    // A macrotask between keystrokes: each preview has reached the sandbox before the next aborts it.
    await typeFiftyKeystrokes(sandbox, () => new Promise((resolve) => setTimeout(resolve, 0)));
    assert.ok(evaluations() < 50, `${evaluations()} evaluations for 50 previews`);
  });

  it("an aborted running evaluation frees its worker at once, as a timeout does", NEEDS_WORKERS, async () => {
    const { sandbox, evaluations } = await countingSandbox();
    const controller = new AbortController();
    const running = sandbox.evaluate({ source: LOOP, filename: "loop.jsonnet", extCode: {} }, {
      signal: controller.signal,
    });
    while (evaluations() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(sandbox.pending.running, 1);
    controller.abort();
    await assert.rejects(running, isAbortError);
    assert.deepEqual(sandbox.pending, { queued: 0, running: 0 });
    const next = await sandbox.evaluate({ source: "{ claims: { a: 1 } }", filename: "m.jsonnet", extCode: {} });
    assert.equal(next.ok, true);
  });

  it("an aborted queued evaluation never runs, and its reason is the signal's", NEEDS_WORKERS, async () => {
    const { sandbox, evaluations } = await countingSandbox();
    const blocker = new AbortController();
    const running = sandbox.evaluate({ source: LOOP, filename: "loop.jsonnet", extCode: {} }, {
      signal: blocker.signal,
    });
    const queued = new AbortController();
    const waiting = sandbox.evaluate({ source: "{}", filename: "m.jsonnet", extCode: {} }, { signal: queued.signal });
    const reason = new Error("stale");
    queued.abort(reason);
    await assert.rejects(waiting, (error) => error === reason);
    blocker.abort();
    await assert.rejects(running, isAbortError);
    assert.ok(evaluations() <= 2, "the loop may have reached a second worker, the queued job never");
    const aborted = AbortSignal.abort();
    await assert.rejects(
      sandbox.evaluate({ source: "{}", filename: "m", extCode: {} }, { signal: aborted }),
      isAbortError,
    );
  });

  it("tokenize, lint and preview reject with the reason of a signal aborted already", async () => {
    const aborted = AbortSignal.abort();
    const tokenizer = new Tokenizer({
      templates: { jwt: encodeTemplate({ jwks: ES256, claimsMapper: GUIDE_MAPPER }) },
    });
    await assert.rejects(tokenizer.tokenize(session, "jwt", { signal: aborted }), isAbortError);
    await assert.rejects(lintClaimsMapper(GUIDE_MAPPER, { signal: aborted }), isAbortError);
    await assert.rejects(previewTemplate({ jwks: ES256, session }, { signal: aborted }), isAbortError);
  });

  it("a tokenization running in a worker rejects with the signal's reason", NEEDS_WORKERS, async () => {
    const { sandbox } = await countingSandbox();
    const controller = new AbortController();
    const tokenizing = new Tokenizer({
      templates: { jwt: encodeTemplate({ jwks: ES256, claimsMapper: LOOP }) },
      jsonnet: sandbox,
    }).tokenize(session, "jwt", { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(tokenizing, isAbortError);
  });
});
