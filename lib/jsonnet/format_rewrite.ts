/**
 * `%` on a string and `std.format` as go-jsonnet evaluates them. go-jsonnet turns `a % b` into
 * `std.mod(a, b)`, which formats a string with std.jsonnet's `std.format`; this engine's `%` calls its own
 * formatter directly, never through `std`, so the prelude's go-jsonnet format (lib/jsonnet/go_format.ts) is
 * reached only by a rewrite:
 *
 * - a format string literal (one line) is compiled here (lib/jsonnet/format_compile.ts):
 *   `'%.2f' % x` → `(function(__fa) "" + __o_fmtDec(…))(__o_fmtArgs( x, 1))`, and `std.format('%d', x)` alike;
 * - a literal that cannot be compiled (`*`, mapping keys, a line break) → `__o_fmtGo('…' , x)`;
 * - a left operand of unknown type → `__o_mod(a , b)`, go-jsonnet's std.mod.
 *
 * A literal with only `%s` and `%%` (which the builtin renders as go-jsonnet does) and a left operand that is
 * a number by its syntax (`(a - b) % 2`) stay as written: they cost nothing.
 *
 * @module
 */

import type { Node } from "./jsonnet_ast.ts";
import type { Token } from "./jsonnet_lexer.ts";
import type { SourceEdit } from "./source_edits.ts";
import { type CompiledFormat, compileFormat, FORMAT_VALUES } from "./format_compile.ts";

/** Whether a format string has only `%s` and `%%` conversions (the prelude's `fmtPlain`, at preparation). */
export function plainFormat(text: string): boolean {
  for (let at = text.indexOf("%"); at !== -1; at = text.indexOf("%", at + 1)) {
    if (text[at + 1] !== "s" && text[at + 1] !== "%") return false;
    if (text[at + 1] === "%") at++;
  }
  return true;
}

function unwrap(node: Node): Node {
  while (node.kind === "parens") node = node.expr;
  return node;
}

/** Std functions that return numbers (or fail): `std.length(x) % 2` is arithmetic. */
const NUMERIC_STD = new Set(["length", "floor", "ceil", "abs", "codepoint", "pow", "round", "sign", "max", "min"]);

/** A left operand that is a number by its syntax: arithmetic, a number literal, a numeric std call. */
function isNumber(node: Node): boolean {
  const inner = unwrap(node);
  switch (inner.kind) {
    case "number":
      return true;
    case "unary":
      return inner.op !== "!";
    case "binary":
      return ["-", "*", "/", "<<", ">>", "&", "|", "^"].includes(inner.op);
    case "apply":
      return inner.target.kind === "index" && inner.target.target !== "super" &&
        inner.target.target.kind === "var" && inner.target.target.name === "std" &&
        NUMERIC_STD.has(inner.target.name ?? "");
    default:
      return false;
  }
}

/** The format literal's text, when the node is a string literal on one line. */
function literalFormat(node: Node, source: string): string | undefined {
  const inner = unwrap(node);
  if (inner.kind !== "string" || source.slice(node.start, node.end).includes("\n")) return undefined;
  return inner.value;
}

/**
 * What replaces the format literal: the compiled expression as a function of the checked values, so that
 * an error in it (a value of the wrong type) maps back to the literal.
 */
function opening(compiled: CompiledFormat): string {
  return `(function(${FORMAT_VALUES}) ${compiled.expression})(__o_fmtArgs(`;
}

/**
 * A format with one value, wrapped around the value where it stands: a number by its syntax as it is, a
 * one-element array literal `[x]` as `(x)` (same length), anything else checked by `__o_fmt1`.
 *
 * @returns the text before the value, the text after it, and the edits of the value itself.
 */
function oneValue(around: [string, string], value: Node, source: string): [string, string, SourceEdit[]] {
  const [before, after] = around;
  if (isNumber(value)) return [`(${before}`, `${after})`, []];
  const inner = value.kind === "array" && value.elements.length === 1 ? value.elements[0]! : undefined;
  if (inner !== undefined && source.slice(inner.end, value.end - 1).trim() === "") {
    return [`(${before}`, `${after})`, [{ at: value.start, length: 1, text: "(" }, {
      at: value.end - 1,
      length: 1,
      text: ")",
    }]];
  }
  return [`(${before}__o_fmt1(`, `)${after})`, []];
}

/** The edits that turn `%` on a string into go-jsonnet's format. */
function moduloEdits(node: Extract<Node, { kind: "binary" }>, source: string): SourceEdit[] | undefined {
  if (isNumber(node.left)) return undefined;
  const op = { at: node.opSpan.start, length: node.opSpan.end - node.opSpan.start };
  const inner = unwrap(node.left);
  if (inner.kind === "string" && plainFormat(inner.value)) return undefined;
  const text = literalFormat(node.left, source);
  const compiled = text === undefined ? undefined : compileFormat(text);
  if (compiled?.around !== undefined) {
    const [before, after, inPlace] = oneValue(compiled.around, node.right, source);
    return [
      { at: node.left.start, length: node.left.end - node.left.start, text: before },
      { ...op, text: "" },
      ...inPlace,
      { at: node.end, length: 0, text: after },
    ];
  }
  if (compiled !== undefined) {
    return [
      { at: node.left.start, length: node.left.end - node.left.start, text: opening(compiled) },
      { ...op, text: "" },
      { at: node.end, length: 0, text: `, ${compiled.count}))` },
    ];
  }
  const call = inner.kind === "string" ? "__o_fmtGo(" : "__o_mod(";
  return [{ at: node.start, length: 0, text: call }, { ...op, text: "," }, { at: node.end, length: 0, text: ")" }];
}

/** `std.format('…', values)` with a literal on one line, compiled; otherwise left to the `std.` rewrite. */
function stdFormatEdits(
  node: Extract<Node, { kind: "apply" }>,
  source: string,
  tokens: readonly Token[],
): SourceEdit[] | undefined {
  const target = node.target;
  if (target.kind !== "index" || target.name !== "format" || node.tailstrict || node.args.length !== 2) return;
  if (target.target === "super" || target.target.kind !== "var" || target.target.name !== "std") return undefined;
  if (source.slice(target.start, target.end) !== "std.format") return undefined;
  const [format, values] = node.args;
  if (format!.name !== undefined || values!.name !== undefined) return undefined;
  const text = literalFormat(format!.value, source);
  if (text === undefined || source.slice(node.start, format!.value.end).includes("\n")) return undefined;
  // Only `%s` and `%%`: the builtin's answer; an edit that keeps the text keeps the `std.` rewrite away.
  if (plainFormat(text)) return [{ at: target.start, length: target.end - target.start, text: "std.format" }];
  const compiled = compileFormat(text);
  if (compiled === undefined) return undefined;
  const between = tokens.filter((t) => t.start >= format!.value.end && t.end <= values!.value.start);
  const after = tokens.filter((t) => t.start >= values!.value.end && t.end <= node.end);
  if (between.length !== 1 || between[0]!.text !== "," || after.length !== 1 || after[0]!.text !== ")") {
    return undefined;
  }
  if (compiled.around !== undefined) {
    const [before, end, inPlace] = oneValue(compiled.around, values!.value, source);
    return [
      { at: node.start, length: format!.value.end - node.start, text: before },
      { at: between[0]!.start, length: 1, text: "" },
      ...inPlace,
      { at: after[0]!.start, length: 1, text: end },
    ];
  }
  return [
    { at: node.start, length: format!.value.end - node.start, text: opening(compiled) },
    { at: between[0]!.start, length: 1, text: "" },
    { at: after[0]!.start, length: 1, text: `, ${compiled.count}))` },
  ];
}

/**
 * The edits for one node: a `%` or a `std.format` call. Insertions before the node come first (a rewrite of an
 * inner node at the same offset must come after).
 */
export function formatEdits(node: Node, source: string, tokens: readonly Token[]): SourceEdit[] | undefined {
  if (node.kind === "binary" && node.op === "%") return moduloEdits(node, source);
  if (node.kind === "apply") return stdFormatEdits(node, source, tokens);
  return undefined;
}
