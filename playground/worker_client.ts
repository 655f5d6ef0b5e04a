/**
 * The page's side of the evaluation worker: one draft in flight, only the newest one waiting (a
 * draft typed over is never evaluated), and a watchdog: an answer overdue past Ory's 1 s mapper limit
 * (plus time to start a worker) means the mapper runs away, so the worker is ended and a fresh one
 * takes the next draft.
 */
import type { TemplatePreview } from "ory-tokenizer/lint";
import type { PreviewAnswer, PreviewRequest } from "./protocol.ts";

/** Ory stops a mapper at 1 s; the margin covers starting the worker and the engine. */
export const WATCHDOG_MS = 1250;

export type PreviewOutcome =
  | { kind: "preview"; preview: TemplatePreview }
  | { kind: "stopped" }
  | { kind: "failed"; message: string };

export class PreviewWorker {
  #worker: Worker;
  #nextId = 1;
  #inFlight: { id: number; timer: ReturnType<typeof setTimeout> } | undefined;
  #waiting: PreviewRequest["input"] | undefined;
  readonly #onOutcome: (outcome: PreviewOutcome) => void;
  readonly #url: URL;

  constructor(url: URL, onOutcome: (outcome: PreviewOutcome) => void) {
    this.#url = url;
    this.#onOutcome = onOutcome;
    this.#worker = this.#start();
  }

  /** Asks for a preview of this draft; it replaces any draft still waiting. */
  request(input: PreviewRequest["input"]): void {
    this.#waiting = input;
    if (this.#inFlight === undefined) this.#sendWaiting();
  }

  #start(): Worker {
    const worker = new Worker(this.#url, { type: "module", name: "ory-tokenizer playground" });
    worker.addEventListener("message", (event: MessageEvent<PreviewAnswer>) => this.#answered(event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.#finish({ kind: "failed", message: event.message || "The evaluation worker failed to start." });
    });
    return worker;
  }

  #sendWaiting(): void {
    const input = this.#waiting;
    if (input === undefined) return;
    this.#waiting = undefined;
    const id = this.#nextId++;
    const timer = setTimeout(() => this.#overdue(id), WATCHDOG_MS);
    this.#inFlight = { id, timer };
    this.#worker.postMessage({ id, input } satisfies PreviewRequest);
  }

  #answered(answer: PreviewAnswer): void {
    if (answer.id !== this.#inFlight?.id) return;
    // An answer to a draft typed over since is dropped: the newer one follows at once.
    const superseded = this.#waiting !== undefined;
    if (!superseded) {
      this.#finish(
        answer.ok ? { kind: "preview", preview: answer.preview } : { kind: "failed", message: answer.message },
      );
    } else {
      this.#finish(undefined);
    }
  }

  #overdue(id: number): void {
    if (this.#inFlight?.id !== id) return;
    this.#worker.terminate();
    this.#worker = this.#start();
    this.#finish({ kind: "stopped" });
  }

  #finish(outcome: PreviewOutcome | undefined): void {
    if (this.#inFlight !== undefined) clearTimeout(this.#inFlight.timer);
    this.#inFlight = undefined;
    if (outcome !== undefined) this.#onOutcome(outcome);
    this.#sendWaiting();
  }
}
