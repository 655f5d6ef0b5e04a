/**
 * Finds where the mapper writes its output: the result expression, its `claims` field and each
 * claim's field, so findings about the output point at the text that produced it.
 *
 * @module
 */

import type { Bind, Member, Node, Span } from "../jsonnet/jsonnet_ast.ts";

/** A field of an object literal: where its name and its whole member are. */
export interface FieldLocation {
  key: Span;
  member: Span;
  value: Node;
}

/** The expression whose value is the output: the file minus its leading `local`s and `assert`s. */
export function resultExpression(root: Node): { node: Node; locals: Map<string, Bind> } {
  const locals = new Map<string, Bind>();
  let node = root;
  for (;;) {
    if (node.kind === "local") {
      for (const bind of node.binds) locals.set(bind.name, bind);
      node = node.body;
    } else if (node.kind === "assert") {
      node = node.rest;
    } else if (node.kind === "parens") {
      node = node.expr;
    } else {
      return { node, locals };
    }
  }
}

/**
 * The field that wins for `name` in an object expression: the last one written, looking into
 * `a + b`, `a { … }`, parentheses and top-level locals.
 */
export function findField(
  node: Node,
  name: string,
  locals: ReadonlyMap<string, Bind>,
  depth = 0,
): FieldLocation | undefined {
  if (depth > 20) return undefined;
  switch (node.kind) {
    case "object":
      return lastField(node.members, name);
    case "parens":
      return findField(node.expr, name, locals, depth + 1);
    case "local": {
      const inner = new Map(locals);
      for (const bind of node.binds) inner.set(bind.name, bind);
      return findField(node.body, name, inner, depth + 1);
    }
    case "binary":
      if (node.op !== "+") return undefined;
      return findField(node.right, name, locals, depth + 1) ?? findField(node.left, name, locals, depth + 1);
    case "applyBrace":
      return findField(node.right, name, locals, depth + 1) ?? findField(node.left, name, locals, depth + 1);
    case "if":
      return findField(node.then, name, locals, depth + 1) ??
        (node.else ? findField(node.else, name, locals, depth + 1) : undefined);
    case "var": {
      const bind = locals.get(node.name);
      return bind === undefined || bind.params !== undefined
        ? undefined
        : findField(bind.body, name, locals, depth + 1);
    }
    default:
      return undefined;
  }
}

function lastField(members: Member[], name: string): FieldLocation | undefined {
  let found: FieldLocation | undefined;
  for (const member of members) {
    if (member.kind === "field" && member.key.kind !== "expr" && member.key.name === name) {
      found = { key: member.key.span, member: { start: member.start, end: member.end }, value: member.value };
    }
  }
  return found;
}

/** Where the output's `claims` and one of its claims are written, as far as the text says. */
export function locateClaim(
  root: Node,
  claim?: string,
): { claims?: FieldLocation; claim?: FieldLocation; result: Node } {
  const { node, locals } = resultExpression(root);
  const claims = findField(node, "claims", locals);
  const found = claim === undefined || claims === undefined ? undefined : findField(claims.value, claim, locals);
  return { result: node, ...(claims ? { claims } : {}), ...(found ? { claim: found } : {}) };
}

/** The first line of a node: a readable place for a finding about a large expression. */
export function firstLine(source: string, node: Span): Span {
  const newline = source.indexOf("\n", node.start);
  return { start: node.start, end: newline < 0 || newline > node.end ? node.end : newline };
}
