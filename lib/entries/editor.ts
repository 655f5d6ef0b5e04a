/**
 * `ory-tokenizer/editor`: what an editor completes and explains from: position queries on a mapper (what is
 * there, what can be typed there) over the tables they read: the shape of Kratos's session
 * and of the default claims, go-jsonnet's `std` with this engine's differences, and Jsonnet's keywords.
 *
 * @module
 */

export { CLAIMS_SHAPE, HIDDEN_MEMBERS, SESSION_SHAPE } from "../lint/session_shape.ts";
export type { FieldShape, Shape } from "../lint/session_shape.ts";
export { ENGINE_STD, GO_JSONNET_STD } from "../lint/std_functions.ts";
export type { StdOrigin } from "../lint/std_functions.ts";
export { JSONNET_KEYWORDS } from "../jsonnet/jsonnet_keywords.ts";
export { mapperCompletionAt, mapperSubjectAt } from "../lint/mapper_position.ts";
export type {
  CompletionEntry,
  MapperCompletion,
  MapperData,
  MapperSubject,
  MemberDoc,
} from "../lint/mapper_position.ts";
export { stdDoc } from "../lint/std_docs.ts";
export type { StdDoc } from "../lint/std_docs.ts";
