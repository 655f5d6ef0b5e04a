/**
 * Slices as go-jsonnet evaluates them. go-jsonnet turns `x[a:b:c]` into `std.slice(x, a, b, c)` (std.jsonnet's
 * definition: negative bounds count from the end, fractional ones index by their integer part, ends are
 * clamped); this engine refuses a negative or fractional bound (`s[:-1]` is a type error here, a mapper's
 * usual way to trim). So each slice whose bounds are not all absent or whole-number literals becomes a call
 * of the prelude's go-jsonnet `slice`: `__o_slice(x,a,b,c)`, absent parts `null`.
 *
 * @module
 */

import type { Node } from "./jsonnet_ast.ts";
import type { Token } from "./jsonnet_lexer.ts";
import type { SourceEdit } from "./source_edits.ts";

/** The prelude function a rewritten slice calls. */
export const SLICE_FUNCTION = "__o_slice";

/**
 * The edits that turn one slice into a call (an insertion before its target first: a rewrite of an inner
 * node at the same offset must come after it).
 *
 * @returns undefined when the node is not a slice, or one this engine evaluates as go-jsonnet does.
 */
export function sliceEdits(node: Node, tokens: readonly Token[]): SourceEdit[] | undefined {
  return node.kind === "slice" && needsRewrite(node) ? rewrite(node, tokens) : undefined;
}

/** A bound this engine reads as go-jsonnet does: absent, or a whole-number literal. */
function plain(bound: Node | undefined): boolean {
  return bound === undefined || (bound.kind === "number" && /^\d+$/.test(bound.text));
}

function needsRewrite(node: Extract<Node, { kind: "slice" }>): boolean {
  return !(plain(node.from) && plain(node.to) && plain(node.step));
}

/**
 * `x [ a : b : c ]` → `__o_slice(x , a , b , c )`: the insertion before the target, then each of the
 * slice's own tokens (`[`, `:`, `::`, `]`, those not inside a bound) replaced, so every bound keeps its text.
 */
function rewrite(node: Extract<Node, { kind: "slice" }>, tokens: readonly Token[]): SourceEdit[] {
  const parts = [node.from, node.to, node.step];
  const inside = (token: Token) =>
    parts.some((part) => part !== undefined && token.start >= part.start && token.end <= part.end);
  const own = tokens.filter((token) => token.start >= node.target.end && token.end <= node.end && !inside(token));
  const edits: SourceEdit[] = [{ at: node.target.start, length: 0, text: `${SLICE_FUNCTION}(` }];
  // The part each separator opens: 0 after `[`, 1 after the first `:`, 2 after the second.
  let part = 0;
  const opens = (index: number) => "," + (parts[index] === undefined ? "null" : "");
  for (const token of own) {
    if (token.text === "[") edits.push({ at: token.start, length: 1, text: opens(part) });
    else if (token.text === ":") edits.push({ at: token.start, length: 1, text: opens(++part) });
    else if (token.text === "::") {
      edits.push({ at: token.start, length: 2, text: opens(++part) + opens(++part) });
    } else if (token.text === "]") {
      let text = "";
      while (part < 2) text += opens(++part);
      edits.push({ at: token.start, length: 1, text: text + ")" });
    }
  }
  return edits;
}
