/**
 * The Jsonnet syntax tree the linter works on. Every node keeps its source offsets (`start`, `end`,
 * UTF-16 code units, end exclusive) so that diagnostics point at the user's own text.
 *
 * @module
 */

/** Offsets shared by every node. */
export interface Span {
  start: number;
  end: number;
}

/** A function parameter, with its default when it has one. */
export interface Param extends Span {
  name: string;
  defaultValue?: Node;
}

/** `name = body` or `name(params) = body` in a `local`. */
export interface Bind extends Span {
  name: string;
  nameSpan: Span;
  params?: Param[];
  body: Node;
}

/** A call argument: positional, or `name = value`. */
export interface Arg {
  name?: string;
  value: Node;
}

/** `for x in e` or `if e` in a comprehension. */
export type CompSpec = { kind: "for"; name: string; expr: Node } | { kind: "if"; expr: Node };

/** A field's name: `id`, `'string'` or `[expression]`. */
export type FieldKey =
  | { kind: "id"; name: string; span: Span }
  | { kind: "string"; name: string; span: Span }
  | { kind: "expr"; expr: Node; span: Span };

/** A member of an object literal. */
export type Member =
  | (Span & {
    kind: "field";
    key: FieldKey;
    plus: boolean;
    /** `:` visible, `::` hidden, `:::` forced visible. */
    hide: ":" | "::" | ":::";
    params?: Param[];
    value: Node;
  })
  | (Span & { kind: "local"; bind: Bind })
  | (Span & { kind: "assert"; cond: Node; message?: Node });

/** Any expression. */
export type Node =
  | (Span & { kind: "null" | "true" | "false" | "self" | "dollar" })
  | (Span & { kind: "number"; text: string })
  | (Span & { kind: "string"; value: string; quote: string })
  | (Span & { kind: "var"; name: string })
  | (Span & { kind: "parens"; expr: Node })
  | (Span & {
    kind: "index";
    target: Node | "super";
    /** The field name for `a.b` and `a['b']`. */
    name?: string;
    /** The name's own text: `b` in `a.b`, `'b'` in `a['b']`. */
    nameSpan?: Span;
    index?: Node;
  })
  | (Span & { kind: "slice"; target: Node; from?: Node; to?: Node; step?: Node })
  | (Span & { kind: "apply"; target: Node; args: Arg[]; tailstrict: boolean })
  | (Span & { kind: "applyBrace"; left: Node; right: Node })
  | (Span & { kind: "binary"; op: string; opSpan: Span; left: Node; right: Node })
  | (Span & { kind: "unary"; op: string; expr: Node })
  | (Span & { kind: "inSuper"; expr: Node })
  | (Span & { kind: "local"; binds: Bind[]; body: Node })
  | (Span & { kind: "function"; params: Param[]; body: Node })
  | (Span & { kind: "if"; cond: Node; then: Node; else?: Node })
  | (Span & { kind: "error"; expr: Node })
  | (Span & { kind: "assert"; cond: Node; message?: Node; rest: Node })
  | (Span & { kind: "import"; keyword: "import" | "importstr" | "importbin"; path: string })
  | (Span & { kind: "object"; members: Member[] })
  | (Span & { kind: "objectComp"; members: Member[]; specs: CompSpec[] })
  | (Span & { kind: "array"; elements: Node[] })
  | (Span & { kind: "arrayComp"; body: Node; specs: CompSpec[] });

/** The node kinds. */
export type NodeKind = Node["kind"];

/** Narrows a node to one kind. */
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;

/**
 * The direct children of a node, in source order (binds and members included as their nodes).
 */
export function childrenOf(node: Node): Node[] {
  switch (node.kind) {
    case "parens":
      return [node.expr];
    case "index":
      return [...(node.target === "super" ? [] : [node.target]), ...(node.index ? [node.index] : [])];
    case "slice":
      return [node.target, node.from, node.to, node.step].filter((n): n is Node => n !== undefined);
    case "apply":
      return [node.target, ...node.args.map((a) => a.value)];
    case "applyBrace":
      return [node.left, node.right];
    case "binary":
      return [node.left, node.right];
    case "unary":
    case "inSuper":
    case "error":
      return [node.expr];
    case "local":
      return [...node.binds.flatMap(bindNodes), node.body];
    case "function":
      return [...paramNodes(node.params), node.body];
    case "if":
      return [node.cond, node.then, ...(node.else ? [node.else] : [])];
    case "assert":
      return [node.cond, ...(node.message ? [node.message] : []), node.rest];
    case "object":
      return node.members.flatMap(memberNodes);
    case "objectComp":
      return [...node.members.flatMap(memberNodes), ...node.specs.map((s) => s.expr)];
    case "array":
      return node.elements;
    case "arrayComp":
      return [node.body, ...node.specs.map((s) => s.expr)];
    default:
      return [];
  }
}

function paramNodes(params: Param[] | undefined): Node[] {
  return (params ?? []).flatMap((p) => (p.defaultValue ? [p.defaultValue] : []));
}

function bindNodes(bind: Bind): Node[] {
  return [...paramNodes(bind.params), bind.body];
}

/** The expressions inside an object member. */
export function memberNodes(member: Member): Node[] {
  switch (member.kind) {
    case "field":
      return [...(member.key.kind === "expr" ? [member.key.expr] : []), ...paramNodes(member.params), member.value];
    case "local":
      return bindNodes(member.bind);
    case "assert":
      return [member.cond, ...(member.message ? [member.message] : [])];
  }
}

/** Calls `visit` for a node and every node below it, parents first. */
export function forEachNode(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of childrenOf(node)) forEachNode(child, visit);
}
