/**
 * Recognises the built-in `std` in a syntax tree: `std.name`, `std['name']` and calls of them, but not a
 * user's own `local std`.
 *
 * @module
 */

import type { Arg, Node, NodeOf, Span } from "../jsonnet/jsonnet_ast.ts";
import { lookup, type Scope } from "./scope.ts";

/** `std.name` or `std['name']` on the built-in std: the name and where it is written. */
export function stdMember(node: Node, scope: Scope): { name: string; nameSpan: Span } | undefined {
  if (node.kind !== "index" || node.target === "super" || node.name === undefined || node.nameSpan === undefined) {
    return undefined;
  }
  const target = node.target.kind === "parens" ? node.target.expr : node.target;
  if (target.kind !== "var" || target.name !== "std" || lookup(scope, "std") !== undefined) return undefined;
  return { name: node.name, nameSpan: node.nameSpan };
}

/** A call of a built-in std function. */
export interface StdCall {
  name: string;
  nameSpan: Span;
  args: Arg[];
  node: NodeOf<"apply">;
}

/** `std.name(args)` on the built-in std. */
export function stdCall(node: Node, scope: Scope): StdCall | undefined {
  if (node.kind !== "apply") return undefined;
  const member = stdMember(node.target, scope);
  return member === undefined ? undefined : { ...member, args: node.args, node };
}

/** A string literal's value, looking through parentheses. */
export function stringLiteral(node: Node | undefined): string | undefined {
  while (node?.kind === "parens") node = node.expr;
  return node?.kind === "string" ? node.value : undefined;
}
