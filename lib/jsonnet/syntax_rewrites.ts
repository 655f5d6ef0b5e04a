/**
 * The rewrites that need the syntax tree (slices, indexes, `%`), in one walk, outer nodes first, so that insertions
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
  // A slice or an index needs a `[`, a format a `%`; many mappers have neither, and skip the parse.
  if (!source.includes("[") && !source.includes("%")) return found;
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
    const format = formatEdits(node, source, tokens);
    if (format !== undefined) {
      found.edits.push(...format);
      for (const edit of format) for (const match of edit.text.matchAll(/__o_(\w+)/g)) found.uses.add(match[1]!);
    }
    pending.push(...childrenOf(node).reverse());
  }
  return found;
}
