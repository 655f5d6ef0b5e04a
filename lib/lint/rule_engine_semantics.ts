/**
 * Where this project's engine and Ory's go-jsonnet v0.21.0 evaluate the same syntax differently and
 * the prelude cannot bridge it (operators and syntax, not std functions: those it redefines). Each
 * finding says what Ory does instead. Found by the conformance run over go-jsonnet's testdata and by
 * differential fuzzing (docs/jsonnet-engines.md, "What cannot be bridged").
 *
 * @module
 */

import type { Diagnostic } from "./diagnostic.ts";
import type { Node } from "../jsonnet/jsonnet_ast.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { ROOT_SCOPE, type Scope, walkScoped } from "./scope.ts";
import { stdCall, stdMember, stringLiteral } from "./std_reference.ts";

/** std functions whose results are fractions more often than not. */
const FRACTIONAL_STD = new Set([
  "sqrt",
  "log",
  "log2",
  "log10",
  "exp",
  "pow",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "atan2",
  "hypot",
  "mantissa",
  "deg2rad",
  "rad2deg",
  "pi",
  "avg",
  "parseJson",
]);

/** Math whose last digit comes from each engine's own library (Go's `math` package in Ory). */
const LIBM_STD = new Set(["sin", "cos", "tan", "asin", "acos", "atan", "exp", "log", "pow", "sqrt"]);

const BITWISE = new Set(["&", "|", "^", "<<", ">>"]);
const INT64_LIMIT = 2 ** 63;

function unwrap(node: Node): Node {
  while (node.kind === "parens") node = node.expr;
  return node;
}

/** Whether an expression visibly computes a non-integer: a fractional literal, `/`, fractional math. */
function maybeFraction(node: Node, scope: Scope): boolean {
  const n = unwrap(node);
  if (n.kind === "number") return !Number.isInteger(Number(n.text));
  if (n.kind === "unary") return maybeFraction(n.expr, scope);
  if (n.kind === "binary" && ["+", "-", "*", "/", "%"].includes(n.op)) {
    return n.op === "/" || maybeFraction(n.left, scope) || maybeFraction(n.right, scope);
  }
  const member = stdMember(n, scope) ?? (n.kind === "apply" ? stdMember(n.target, scope) : undefined);
  return member !== undefined && FRACTIONAL_STD.has(member.name);
}

/** A literal number, negative ones included (`-1` is unary minus on 1). */
function literalNumber(node: Node | undefined): number | undefined {
  if (node === undefined) return undefined;
  const n = unwrap(node);
  if (n.kind === "number") return Number(n.text);
  if (n.kind === "unary" && n.op === "-") {
    const inner = literalNumber(n.expr);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

function isStringExpression(node: Node): boolean {
  const n = unwrap(node);
  return stringLiteral(n) !== undefined ||
    (n.kind === "binary" && n.op === "+" && (isStringExpression(n.left) || isStringExpression(n.right)));
}

/** Operators, indexes, `in super` and `tailstrict` that this engine evaluates otherwise. */
export function engineSemanticsDiagnostics(context: LintContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (context.root === undefined) return found;
  const text = (node: Node) => context.source.text.slice(node.start, node.end);
  walkScoped(context.root, ROOT_SCOPE, (node, scope) => {
    if (node.kind === "binary") {
      if (
        (node.op === "==" || node.op === "!=") && (maybeFraction(node.left, scope) || maybeFraction(node.right, scope))
      ) {
        found.push(diagnostic(
          context,
          "number-equality",
          "warning",
          `This engine's ${node.op} treats numbers less than 2^-52 apart as equal (0.1 + 0.2 == 0.3 is true here); ` +
            "Ory's go-jsonnet compares exactly (false there), so the result can differ in Ory. Compare fractions " +
            "with a tolerance of your own, such as std.abs(a - b) < 1e-9",
          node.opSpan,
        ));
      }
      if (node.op === "*" && (isStringExpression(node.left) || isStringExpression(node.right))) {
        found.push(diagnostic(
          context,
          "string-times-number",
          "error",
          'Ory\'s go-jsonnet refuses a string times a number ("Unexpected type string, expected number"), ' +
            "so Ory answers 400; this engine repeats the string. Use std.repeat(text, count)",
          node.opSpan,
        ));
      }
      if (node.op === "%") formatDiagnostic(context, node.left, node.right, scope, found);
      if (BITWISE.has(node.op)) {
        for (const side of [node.left, node.right]) {
          const value = literalNumber(side);
          // 2^63 itself passes go-jsonnet's check (and becomes -2^63, as the prelude makes it too).
          if (value !== undefined && (value > INT64_LIMIT || value < -INT64_LIMIT)) {
            found.push(diagnostic(
              context,
              "bitwise-out-of-range",
              "error",
              `Ory's go-jsonnet refuses ${text(side)} as a bitwise operand ("outside of range ` +
                '[-9223372036854775808, 9223372036854775807]"), so Ory answers 400; ory-tokenizer refuses it too',
              side,
            ));
          }
        }
      }
      return;
    }
    if (node.kind === "index" && node.target !== "super" && node.index !== undefined) {
      const value = literalNumber(node.index);
      if (value !== undefined && value < 0) {
        found.push(diagnostic(
          context,
          "negative-index",
          "error",
          `Ory's go-jsonnet refuses the index ${value} ("Index ${value} out of bounds"), so Ory answers 400; ` +
            "ory-tokenizer refuses it too. Use x[std.length(x) - 1]",
          node.index,
        ));
      }
      return;
    }
    if (node.kind === "inSuper") {
      found.push(diagnostic(
        context,
        "in-super",
        "warning",
        "`in super` differs between the engines: go-jsonnet (Ory) gives false where the object has no super " +
          'object and looks only at the innermost object\'s super, while this engine fails ("no super found") ' +
          "or looks at an outer one. Test the field another way, such as std.objectHas on a named object",
        node,
      ));
      return;
    }
    if (node.kind === "apply" && node.tailstrict) {
      found.push(diagnostic(
        context,
        "tailstrict",
        "warning",
        "With tailstrict, go-jsonnet (Ory) evaluates every argument, defaults included, before the call; this " +
          "engine does not, so an argument that fails makes only Ory fail. Drop tailstrict",
        node,
      ));
    }
    const call = stdCall(node, scope);
    if (call?.name === "format" && call.args[0] !== undefined && call.args[0].name === undefined) {
      formatDiagnostic(context, call.args[0].value, call.args[1]?.value, scope, found);
    }
    if (call === undefined) return;
    if (call.name === "parseYaml") {
      found.push(diagnostic(
        context,
        "yaml-1-1",
        "warning",
        "Ory's go-jsonnet reads YAML 1.1: yes, no, on, off, y and n unquoted are booleans there (strings here), " +
          "and numbers such as 010 are octal. Quote such values in the YAML",
        call.nameSpan,
      ));
    } else if (LIBM_STD.has(call.name)) {
      found.push(diagnostic(
        context,
        "math-last-digit",
        "information",
        `std.${call.name} comes from Go's math package in Ory and from this engine's own library here: a ` +
          "fractional result can differ in its last digit",
        call.nameSpan,
      ));
    }
  });
  return found;
}

const CONVERSION = /%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([diouxXeEfFgGcrs%])/g;

/**
 * `%` formats the prelude cannot give go-jsonnet's answer for (lib/jsonnet/go_format.ts bridges the rest):
 * a %g precision of 0, and padding beyond what it refuses.
 */
function formatDiagnostic(
  context: LintContext,
  format: Node,
  _values: Node | undefined,
  _scope: Scope,
  found: Diagnostic[],
): void {
  const text = stringLiteral(format);
  if (text === undefined) return;
  const reasons = new Set<string>();
  for (const match of text.matchAll(CONVERSION)) {
    const [, width, precision, conversion] = match;
    if ((conversion === "g" || conversion === "G") && (precision === "" || precision === "0")) {
      reasons.add(
        "a %g precision of 0 is a negative one inside go-jsonnet, which then writes garbled digits ('%.0g' % 9.995 " +
          "is 14.0.09999999999999995e+00 in Ory), which ory-tokenizer refuses. Use a precision of 1 or more",
      );
    }
    if (Number(width ?? 0) > 200 || Number(precision ?? 0) > 200) {
      reasons.add(
        "a width or precision over 200: go-jsonnet pads one call deep per character and fails near 240 " +
          "(sooner when the format is deep in the mapper); ory-tokenizer refuses padding beyond 200",
      );
    }
  }
  if (reasons.size === 0) return;
  found.push(diagnostic(
    context,
    "format-difference",
    "warning",
    `Ory formats this otherwise: ${[...reasons].join("; ")}`,
    format,
  ));
}
