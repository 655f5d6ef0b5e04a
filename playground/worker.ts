/**
 * The playground's evaluation worker: runs lib's `previewTemplate` off the page's thread, so typing
 * never waits for the mapper. The page replaces this worker when an answer is overdue (worker_client.ts).
 */
/// <reference lib="webworker" />
import { previewTemplate } from "ory-tokenizer/lint";
import type { PreviewAnswer, PreviewRequest } from "./protocol.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener("message", async (event: MessageEvent<PreviewRequest>) => {
  const { id, input } = event.data;
  const { nowMs, ...rest } = input;
  let answer: PreviewAnswer;
  try {
    const preview = await previewTemplate({ ...rest, ...(nowMs === undefined ? {} : { now: new Date(nowMs) }) });
    answer = { id, ok: true, preview };
  } catch (error) {
    answer = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(answer);
});
