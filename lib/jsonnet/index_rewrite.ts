/**
 * Fractional indexes as go-jsonnet evaluates them: it indexes an array or string by the number's integer
 * part (Go's `int(x)`, toward zero: `[1, 2][1.9]` is 2, `[1, 2][-0.5]` is 1) and refuses a negative one;
 * this engine refuses a fractional array index, and reads a negative one as 0 (`[1, 2][-1]` is 1) or, in a
 * string, from the end. So each `x[e]` whose index is not a literal (a string or a whole number, which
 * both engines read alike) becomes `x[__o_index(e)]`. Mappers index by names they spell out, so most have
 * no such index and pay nothing.
 *
 * @module
 */

import type { Node } from "./jsonnet_ast.ts";
import type { SourceEdit } from "./source_edits.ts";

/** The prelude function a rewritten index calls. */
export const INDEX_FUNCTION = "__o_index";

/**
 * The edits that wrap one index in the call (the insertion first, so a rewrite of the index itself at the
 * same offset comes after it).
 *
 * @returns undefined when the node is not an index, or one this engine evaluates as go-jsonnet does.
 */
export function indexEdits(node: Node): SourceEdit[] | undefined {
  if (node.kind !== "index" || node.target === "super" || node.name !== undefined) return undefined;
  const index = node.index;
  if (index === undefined || index.kind === "string" || (index.kind === "number" && /^\d+$/.test(index.text))) {
    return undefined;
  }
  return [{ at: index.start, length: 0, text: `${INDEX_FUNCTION}(` }, { at: index.end, length: 0, text: ")" }];
}
