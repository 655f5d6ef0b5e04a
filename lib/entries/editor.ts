/**
 * `ory-tokenizer/editor`: the tables an editor completes and explains from: the shape of Kratos's session
 * and of the default claims, go-jsonnet's `std` with this engine's differences, and Jsonnet's keywords.
 *
 * @module
 */

export { CLAIMS_SHAPE, HIDDEN_MEMBERS, SESSION_SHAPE } from "../lint/session_shape.ts";
export type { FieldShape, Shape } from "../lint/session_shape.ts";
export { ENGINE_STD, GO_JSONNET_STD } from "../lint/std_functions.ts";
export type { StdOrigin } from "../lint/std_functions.ts";
export { JSONNET_KEYWORDS } from "../jsonnet/jsonnet_keywords.ts";
