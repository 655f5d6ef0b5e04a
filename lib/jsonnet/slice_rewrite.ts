/**
 * Slices as go-jsonnet evaluates them. go-jsonnet turns `x[a:b:c]` into `std.slice(x, a, b, c)` (std.jsonnet's
 * definition: negative bounds count from the end, fractional ones index by their integer part, ends are
 * clamped); this engine refuses a negative or fractional bound (`s[:-1]` is a type error here, a mapper's
 * usual way to trim). So each slice whose bounds are not all absent or whole-number literals becomes a call
 * of the prelude's go-jsonnet `slice`: `__o_slice(x,a,b,c)`, absent parts `null`.
 *
 * @module
 */

import { childrenOf, type Node } from "./jsonnet_ast.ts";
import { parseJsonnet } from "./jsonnet_parser.ts";
import type { Token } from "./jsonnet_lexer.ts";
import type { SourceEdit } from "./source_edits.ts";

/** The prelude function a rewritten slice calls. */
export const SLICE_FUNCTION = "__o_slice";

/**
 * The edits that turn the source's slices into calls, outer slices before the slices inside them (the
 * insertions at one offset apply in that order).
 *
 * @returns no edits when the source has no slice that needs one, or does not parse (the engine then
 *   reports the syntax error as it would).
 */
export function sliceEdits(source: string): SourceEdit[] {
  // A slice needs a `:` after a `[`; most mappers have neither in that order, and skip the parse.
  const bracket = source.indexOf("[");
  if (bracket === -1 || source.indexOf(":", bracket) === -1) return [];
  let tokens: Token[];
  let root: Node;
  try {
    ({ tokens, root } = parseJsonnet(source));
  } catch {
    return [];
  }
  const edits: SourceEdit[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === "slice" && needsRewrite(node)) edits.push(...rewrite(node, tokens));
    pending.push(...childrenOf(node).reverse());
  }
  return edits;
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
