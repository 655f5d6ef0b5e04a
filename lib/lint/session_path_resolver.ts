/**
 * Follows a Jsonnet expression back to what it reads from `std.extVar('session')` or
 * `std.extVar('claims')`, through scopes: locals (`local session = std.extVar('session')`), members and
 * comprehension variables (`for m in session.authentication_methods`). A user's own `local std` is
 * respected. The session-path rule and the editor's position queries share it.
 *
 * @module
 */

import type { Node } from "../jsonnet/jsonnet_ast.ts";
import { lookup, type Scope } from "./scope.ts";
import { stdCall, stringLiteral } from "./std_reference.ts";
import { CLAIMS_SHAPE, type FieldShape, SESSION_SHAPE, type Shape } from "./session_shape.ts";

/** A value known to come from the session or the claims, and its shape there. */
export interface PathValue {
  root: "session" | "claims";
  /** Members and `[i]` below the root. */
  segments: string[];
  shape: Shape;
  /** The member the value was read from, when it was one. */
  field?: FieldShape;
}

/** Follows expressions back to `std.extVar('session' | 'claims')`, remembering what it has seen. */
export class SessionPathResolver {
  readonly #resolving = new Set<Node>();

  resolve(node: Node, scope: Scope): PathValue | undefined {
    if (this.#resolving.has(node)) return undefined; // a local defined through itself
    this.#resolving.add(node);
    try {
      return this.#resolve(node, scope);
    } finally {
      this.#resolving.delete(node);
    }
  }

  #resolve(node: Node, scope: Scope): PathValue | undefined {
    switch (node.kind) {
      case "parens":
        return this.resolve(node.expr, scope);
      case "var": {
        const binding = lookup(scope, node.name);
        if (binding?.kind === "local" && binding.bind.params === undefined) {
          return this.resolve(binding.bind.body, binding.scope);
        }
        if (binding?.kind === "for") {
          const list = this.resolve(binding.expr, binding.scope);
          return list?.shape.kind === "array"
            ? { root: list.root, segments: [...list.segments, "[i]"], shape: list.shape.element }
            : undefined;
        }
        return undefined;
      }
      case "apply": {
        const call = stdCall(node, scope);
        const name = call?.name === "extVar" ? stringLiteral(call.args[0]?.value) : undefined;
        if (name === "session") return { root: "session", segments: [], shape: SESSION_SHAPE };
        if (name === "claims") return { root: "claims", segments: [], shape: CLAIMS_SHAPE };
        return undefined;
      }
      case "index": {
        if (node.target === "super") return undefined;
        const parent = this.resolve(node.target, scope);
        if (parent === undefined) return undefined;
        if (parent.shape.kind === "open") return { ...parent, segments: [...parent.segments, node.name ?? "[i]"] };
        if (node.name !== undefined) {
          const field = parent.shape.kind === "object" ? parent.shape.fields[node.name] : undefined;
          return field === undefined
            ? undefined
            : { root: parent.root, segments: [...parent.segments, node.name], shape: field.shape, field };
        }
        return parent.shape.kind === "array"
          ? { root: parent.root, segments: [...parent.segments, "[i]"], shape: parent.shape.element }
          : undefined;
      }
      default:
        return undefined;
    }
  }
}
