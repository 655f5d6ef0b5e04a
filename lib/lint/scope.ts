/**
 * Jsonnet's scoping rules for the linter: which `local`, parameter or comprehension variable a name
 * refers to at each node, so rules can tell the real `std` from a user's `local std` and follow
 * `local session = std.extVar('session')` to what it reads.
 *
 * @module
 */

import type { Bind, CompSpec, Member, Node, Param } from "../jsonnet/jsonnet_ast.ts";

/** What a name is bound to. */
export type Binding =
  /** `local name = body` (also inside objects); `scope` is where `body` is evaluated. */
  | { kind: "local"; bind: Bind; scope: Scope }
  /** `for name in expr`; `scope` is where `expr` is evaluated. */
  | { kind: "for"; expr: Node; scope: Scope }
  | { kind: "param"; param: Param };

/** A chain of name tables, innermost first. */
export interface Scope {
  names: ReadonlyMap<string, Binding>;
  parent: Scope | undefined;
}

/** The scope of a file: nothing bound yet (`std` is the free, built-in one). */
export const ROOT_SCOPE: Scope = { names: new Map(), parent: undefined };

/** What a name refers to, or `undefined` for a free name such as the built-in `std`. */
export function lookup(scope: Scope | undefined, name: string): Binding | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const binding = s.names.get(name);
    if (binding !== undefined) return binding;
  }
  return undefined;
}

function child(parent: Scope, entries: [string, Binding][]): Scope {
  return entries.length === 0 ? parent : { names: new Map(entries), parent };
}

function paramScope(parent: Scope, params: Param[] | undefined): Scope {
  return child(parent, (params ?? []).map((param) => [param.name, { kind: "param", param }]));
}

/**
 * Visits every node with the scope it is evaluated in, parents first.
 *
 * @param visit called for each node; return `false` to skip the node's children.
 */
export function walkScoped(node: Node, scope: Scope, visit: (node: Node, scope: Scope) => boolean | void): void {
  if (visit(node, scope) === false) return;
  const walk = (n: Node | undefined, s: Scope) => n !== undefined && walkScoped(n, s, visit);
  switch (node.kind) {
    case "local": {
      const names = new Map<string, Binding>();
      const inner: Scope = { names, parent: scope };
      for (const bind of node.binds) names.set(bind.name, { kind: "local", bind, scope: inner });
      for (const bind of node.binds) walkBind(bind, inner, walk);
      walk(node.body, inner);
      return;
    }
    case "function": {
      const inner = paramScope(scope, node.params);
      for (const param of node.params) walk(param.defaultValue, inner);
      walk(node.body, inner);
      return;
    }
    case "object":
      walkMembers(node.members, scope, scope, walk);
      return;
    case "objectComp": {
      const inner = walkSpecs(node.specs, scope, walk);
      walkMembers(node.members, inner, inner, walk);
      return;
    }
    case "arrayComp": {
      const inner = walkSpecs(node.specs, scope, walk);
      walk(node.body, inner);
      return;
    }
    case "index":
      if (node.target !== "super") walk(node.target, scope);
      walk(node.index, scope);
      return;
    case "slice":
      for (const part of [node.target, node.from, node.to, node.step]) walk(part, scope);
      return;
    case "apply":
      walk(node.target, scope);
      for (const arg of node.args) walk(arg.value, scope);
      return;
    case "applyBrace":
      walk(node.left, scope);
      walk(node.right, scope);
      return;
    case "binary":
      walk(node.left, scope);
      walk(node.right, scope);
      return;
    case "unary":
    case "inSuper":
    case "error":
    case "parens":
      walk(node.expr, scope);
      return;
    case "if":
      walk(node.cond, scope);
      walk(node.then, scope);
      walk(node.else, scope);
      return;
    case "assert":
      walk(node.cond, scope);
      walk(node.message, scope);
      walk(node.rest, scope);
      return;
    case "array":
      for (const element of node.elements) walk(element, scope);
      return;
    default:
      return;
  }
}

type Walk = (node: Node | undefined, scope: Scope) => void;

function walkBind(bind: Bind, scope: Scope, walk: Walk): void {
  const inner = paramScope(scope, bind.params);
  for (const param of bind.params ?? []) walk(param.defaultValue, inner);
  walk(bind.body, inner);
}

/** Field names are evaluated outside the object (they cannot see its locals); values inside. */
function walkMembers(members: Member[], outer: Scope, scope: Scope, walk: Walk): void {
  const names = new Map<string, Binding>();
  const inner: Scope = { names, parent: scope };
  for (const member of members) {
    if (member.kind === "local") names.set(member.bind.name, { kind: "local", bind: member.bind, scope: inner });
  }
  for (const member of members) {
    if (member.kind === "local") {
      walkBind(member.bind, inner, walk);
    } else if (member.kind === "assert") {
      walk(member.cond, inner);
      walk(member.message, inner);
    } else {
      if (member.key.kind === "expr") walk(member.key.expr, outer);
      const fieldScope = paramScope(inner, member.params);
      for (const param of member.params ?? []) walk(param.defaultValue, fieldScope);
      walk(member.value, fieldScope);
    }
  }
}

function walkSpecs(specs: CompSpec[], scope: Scope, walk: Walk): Scope {
  let current = scope;
  for (const spec of specs) {
    walk(spec.expr, current);
    if (spec.kind === "for") current = child(current, [[spec.name, { kind: "for", expr: spec.expr, scope: current }]]);
  }
  return current;
}
