/**
 * The messages between the page and its evaluation worker (worker.ts): one request per draft, answered
 * with the same `id`, so the page can tell an answer to its newest draft from a stale one.
 */
import type { PreviewInput, TemplatePreview } from "ory-tokenizer/lint";

/** The draft to preview: lib's input, with the session already parsed and the clock as milliseconds. */
export interface PreviewRequest {
  id: number;
  input: Omit<PreviewInput, "now"> & { nowMs?: number };
}

/** The preview, or the message of an error that is no template mistake (the engine failed to load). */
export type PreviewAnswer =
  | { id: number; ok: true; preview: TemplatePreview }
  | { id: number; ok: false; message: string };
