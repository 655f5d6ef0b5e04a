/**
 * Bitwise operands as go-jsonnet reads them: it refuses a number outside the int64 range ("Bitwise operator
 * argument … outside of range") and converts 2^63, the one double at its upper edge, as Go on amd64 does
 * (to -2^63); its `~` checks nothing, and converts any number outside int64 to -2^63. This engine saturates
 * instead, so `1e30 & 1` is 1 here. Each operand of `&`, `|`, `^`, `<<` and `>>` that is not a small literal
 * becomes `__o_bits(x)` (a shift's amount `__o_bitsShift(x)`), of `~` `__o_bitsNot(x)`. Mappers seldom use these operators.
 *
 * @module
 */

import type { Node } from "./jsonnet_ast.ts";
import type { SourceEdit } from "./source_edits.ts";

const BITWISE = new Set(["&", "|", "^", "<<", ">>"]);

/** The insertions around each operand that needs the check (outer nodes' insertions first). */
export function bitwiseEdits(node: Node): SourceEdit[] | undefined {
  let operands: Node[];
  let check: string;
  if (node.kind === "binary" && BITWISE.has(node.op)) [operands, check] = [[node.left, node.right], "__o_bits"];
  else if (node.kind === "unary" && node.op === "~") [operands, check] = [[node.expr], "__o_bitsNot"];
  else return undefined;
  const shift = node.kind === "binary" && (node.op === "<<" || node.op === ">>");
  const edits = operands.filter((operand) => !smallLiteral(operand)).flatMap((operand) => [
    { at: operand.start, length: 0, text: `${shift && operand === operands[1] ? "__o_bitsShift" : check}(` },
    { at: operand.end, length: 0, text: ")" },
  ]);
  return edits.length === 0 ? undefined : edits;
}

/** A number literal both engines convert alike (below 2^53: no rounding, far from the int64 edge). */
function smallLiteral(node: Node): boolean {
  return node.kind === "number" && Number(node.text) < 2 ** 53;
}
