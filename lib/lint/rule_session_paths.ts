/**
 * What the mapper reads from `std.extVar('session')` and `std.extVar('claims')`, checked against
 * Kratos's session shape and the default claims, at the expression that reads it. It follows locals
 * (`local session = std.extVar('session')`) and comprehension variables
 * (`for m in session.authentication_methods`).
 *
 * @module
 */

import type { Node, Span } from "../jsonnet/jsonnet_ast.ts";
import { forEachNode } from "../jsonnet/jsonnet_ast.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { ROOT_SCOPE, walkScoped } from "./scope.ts";
import { closestName } from "../encoding/closest_name.ts";
import { stdCall, stringLiteral } from "./std_reference.ts";
import { HIDDEN_MEMBERS } from "./session_shape.ts";
import { type PathValue, SessionPathResolver } from "./session_path_resolver.ts";
import { rangeOf } from "./source_positions.ts";

const GUARD_FUNCTIONS = new Set(["objectHas", "objectHasAll", "objectHasEx", "get"]);

/** Reads of paths that do not exist (errors) or that Kratos may leave out (warnings). */
export function sessionPathDiagnostics(context: LintContext): Diagnostic[] {
  const root = context.root;
  if (root === undefined) return [];
  const found: Diagnostic[] = [];
  const guarded = guardedNames(root);
  const resolver = new SessionPathResolver();
  walkScoped(root, ROOT_SCOPE, (node, scope) => {
    if (node.kind === "index" && node.target !== "super" && node.name !== undefined && node.nameSpan !== undefined) {
      const parent = resolver.resolve(node.target, scope);
      if (parent !== undefined) found.push(...checkMember(context, parent, node.name, node.nameSpan, guarded, "read"));
      return;
    }
    const call = stdCall(node, scope);
    if (call === undefined || !GUARD_FUNCTIONS.has(call.name)) return;
    const [objectArg, keyArg] = call.args;
    const key = stringLiteral(keyArg?.value);
    if (objectArg === undefined || keyArg === undefined || key === undefined) return;
    const parent = resolver.resolve(objectArg.value, scope);
    if (parent !== undefined) found.push(...checkMember(context, parent, key, keyArg.value, guarded, "test"));
  });
  return found;
}

function display(value: PathValue, member?: string): string {
  const path = [...value.segments, ...(member === undefined ? [] : [member])];
  return path.reduce((text, segment) => (segment === "[i]" ? `${text}[i]` : `${text}.${segment}`), value.root);
}

function checkMember(
  context: LintContext,
  parent: PathValue,
  name: string,
  nameSpan: Span,
  guarded: ReadonlySet<string>,
  how: "read" | "test",
): Diagnostic[] {
  const code = parent.root === "session" ? "session-path-unknown" : "claims-path-unknown";
  const severity = how === "read" ? "error" : "warning";
  const consequence = how === "read"
    ? "reading it fails for every session (Ory answers 400 Unable to execute tokenizer JsonNet.)"
    : "this test is always false";
  const shape = parent.shape;
  if (parent.field?.nullable !== undefined && how === "read" && !guarded.has(parent.segments.at(-1) ?? "")) {
    return [diagnostic(
      context,
      "session-path-optional",
      "warning",
      `${display(parent)} may be null (${parent.field.nullable}), and then reading .${name} fails; guard it, ` +
        `for example with std.get(${display({ ...parent, segments: parent.segments.slice(0, -1) })}, ` +
        `'${parent.segments.at(-1)}', {})`,
      nameSpan,
    )];
  }
  if (shape.kind === "open") return [];
  if (shape.kind === "array" || shape.kind === "scalar") {
    const what = shape.kind === "array" ? "an array (index it, such as [0], or loop over it with for)" : shape.type;
    return [
      diagnostic(context, code, severity, `${display(parent)} is ${what}, so it has no member ${name}`, nameSpan),
    ];
  }
  const field = shape.fields[name];
  if (field === undefined) {
    const hidden = parent.root === "session" ? HIDDEN_MEMBERS[[...parent.segments, name].join(".")] : undefined;
    const suggestion = hidden === undefined ? closestName(name, Object.keys(shape.fields)) : undefined;
    const subject = parent.root === "session"
      ? `Kratos's session has no ${display(parent, name).slice("session.".length)}`
      : `The claims Ory passes hold only ${Object.keys(shape.fields).join(", ")}, not ${name}`;
    const message = hidden !== undefined
      ? `${display(parent, name)} is never there: ${hidden}, so ${consequence}`
      : `${subject}: ${consequence}${suggestion ? `; did you mean ${suggestion}?` : ""}`;
    const literal = context.source.text[nameSpan.start];
    const quote = literal === "'" || literal === '"' ? literal : "";
    return [diagnostic(
      context,
      code,
      severity,
      message,
      nameSpan,
      suggestion === undefined ? {} : {
        fix: {
          title: `Use ${suggestion}`,
          range: rangeOf(context.source, nameSpan),
          newText: `${quote}${suggestion}${quote}`,
        },
      },
    )];
  }
  if (field.absent !== undefined && how === "read" && !guarded.has(name)) {
    return [diagnostic(
      context,
      "session-path-optional",
      "warning",
      `${display(parent, name)} may be missing (${field.absent}), and then reading it fails; guard it with ` +
        `std.objectHas(${display(parent)}, '${name}') or use std.get(${display(parent)}, '${name}')`,
      nameSpan,
    )];
  }
  return [];
}

/**
 * Member names the mapper tests for: `std.objectHas(x, 'n')`, `'n' in x`, `x.n != null`, and any
 * member or string in an `if` condition (`if has(x, 'n')` with the author's own helper).
 */
function guardedNames(root: Node): Set<string> {
  const names = new Set<string>();
  const addIndexNames = (node: Node) =>
    forEachNode(node, (n) => {
      if (n.kind === "index" && n.name !== undefined) names.add(n.name);
      if (n.kind === "string") names.add(n.value);
    });
  forEachNode(root, (node) => {
    if (node.kind === "if") addIndexNames(node.cond);
    if (node.kind === "binary" && node.op === "in") {
      const key = stringLiteral(node.left);
      if (key !== undefined) names.add(key);
    }
    if (node.kind === "binary" && (node.op === "==" || node.op === "!=")) {
      if (node.left.kind === "null") addIndexNames(node.right);
      if (node.right.kind === "null") addIndexNames(node.left);
    }
    if (node.kind === "apply" && node.target.kind === "index" && GUARD_FUNCTIONS.has(node.target.name ?? "")) {
      const key = stringLiteral(node.args[1]?.value);
      if (key !== undefined) names.add(key);
    }
  });
  return names;
}
