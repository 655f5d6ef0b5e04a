/**
 * The rewrites that need the syntax tree (slices, indexes, bitwise operands, `%`), in one walk, outer nodes first, so that insertions
 * at one offset apply from the outside in.
 *
 * @module
 */

import { childrenOf, type Node } from "./jsonnet_ast.ts";
import { parseJsonnet } from "./jsonnet_parser.ts";
import type { Token } from "./jsonnet_lexer.ts";
import type { SourceEdit } from "./source_edits.ts";
import { sliceEdits } from "./slice_rewrite.ts";
import { formatEdits } from "./format_rewrite.ts";
import { indexEdits } from "./index_rewrite.ts";
import { bitwiseEdits } from "./bitwise_rewrite.ts";

/** The edits, and the prelude definitions they call (`slice`, `fmtD`, `mod`, …). */
export interface SyntaxRewrites {
  edits: SourceEdit[];
  uses: Set<string>;
}

/**
 * @returns no edits when the source has nothing to rewrite, or does not parse (the engine then reports
 *   the syntax error as it would).
 */
export function syntaxRewrites(source: string): SyntaxRewrites {
  const found: SyntaxRewrites = { edits: [], uses: new Set() };
  // A slice or an index needs a `[`, a format a `%`, a bitwise operator one of `&|^<>~`; many mappers have
  // none, and skip the parse.
  if (!/[[%&|^<>~]/.test(source)) return found;
  let tokens: Token[];
  let root: Node;
  try {
    ({ tokens, root } = parseJsonnet(source));
  } catch {
    return found;
  }
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const slice = sliceEdits(node, tokens);
    if (slice !== undefined) {
      found.edits.push(...slice);
      found.uses.add("slice");
    }
    const index = indexEdits(node);
    if (index !== undefined) {
      found.edits.push(...index);
      found.uses.add("index");
    }
    const bitwise = bitwiseEdits(node);
    if (bitwise !== undefined) {
      found.edits.push(...bitwise);
      for (const edit of bitwise) if (edit.text.startsWith("__o_")) found.uses.add(edit.text.slice(4, -1));
    }
    const format = formatEdits(node, source, tokens);
    if (format !== undefined) {
      found.edits.push(...format);
      for (const edit of format) for (const match of edit.text.matchAll(/__o_(\w+)/g)) found.uses.add(match[1]!);
    }
    pending.push(...childrenOf(node).reverse());
  }
  return found;
}
