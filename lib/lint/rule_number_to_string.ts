/**
 * Numbers turned into strings: go-jsonnet v0.21.0 writes non-integers with 17 significant digits
 * (`0.10000000000000001`) where this engine writes the shortest form (`0.1`), so a claim built from
 * `std.toString(x)`, `'' + x`, `'%s' % x` or `std.manifestJson(x)` differs in Ory. The same probes find
 * C1 control characters (U+007F–U+009F) in strings that go-jsonnet escapes as `\u0085` and this
 * engine writes raw: inside an array or object turned into text by `+` or `%`, and anywhere in
 * `std.manifestYamlDoc`, `std.manifestToml` and the Python manifests (rule `control-character`).
 *
 * The places that convert are found in the syntax tree; which of them really receive such a number is
 * found by evaluating an instrumented copy of the mapper: each converted operand is wrapped in a probe
 * that fails, naming its place, when it meets a number whose text would differ. Only values the output
 * needs are evaluated (Jsonnet is lazy), so a finding means the claim differs for the session checked.
 *
 * @module
 */

import type { JsonnetResult } from "../jsonnet/engine.ts";
import type { Node } from "../jsonnet/jsonnet_ast.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { goJsonnetNumberString } from "../encoding/go_jsonnet_number.ts";
import { lookup, ROOT_SCOPE, type Scope, walkScoped } from "./scope.ts";
import { stdCall, stringLiteral } from "./std_reference.ts";

/** A place where a value is turned into text. */
export interface ConversionSite {
  /** The value converted. */
  operand: Node;
  /** Whether numbers inside arrays and objects are converted too (manifest and format). */
  deep: boolean;
  /** How, for messages: `std.toString`, `+`, `%`… */
  how: string;
  /**
   * From which depth of the converted value (0: the value itself, 1: its elements and keys) go-jsonnet
   * escapes C1 control characters that this engine writes raw; undefined where both write the same.
   */
  controlsFrom?: number;
}

const STRING_FUNCTIONS = new Set([
  "toString",
  "format",
  "join",
  "strReplace",
  "asciiLower",
  "asciiUpper",
  "substr",
  "escapeStringJson",
  "escapeStringPython",
  "escapeStringBash",
  "escapeStringDollars",
  "escapeStringXML",
  "base64",
  "md5",
  "sha1",
  "sha256",
  "sha512",
  "sha3",
  "char",
  "trim",
  "stripChars",
  "lstripChars",
  "rstripChars",
  "lines",
  "deepJoin",
]);
/** Manifests go-jsonnet writes with std.escapeStringJson (std.jsonnet) and this engine with its own. */
const CONTROL_ESCAPING_MANIFESTS = new Set([
  "manifestYamlDoc",
  "manifestYamlStream",
  "manifestToml",
  "manifestTomlEx",
  "manifestPython",
  "manifestPythonVars",
]);
const MANIFESTS = new Set([
  "manifestJson",
  "manifestJsonEx",
  "manifestJsonMinified",
  ...CONTROL_ESCAPING_MANIFESTS,
  "manifestIni",
  "manifestXmlJsonml",
]);

/** Whether an expression is a string, as far as its text shows. */
function isStringy(node: Node, scope: Scope, depth = 0): boolean {
  if (depth > 10) return false;
  switch (node.kind) {
    case "string":
      return true;
    case "parens":
      return isStringy(node.expr, scope, depth + 1);
    case "binary":
      if (node.op === "+") return isStringy(node.left, scope, depth + 1) || isStringy(node.right, scope, depth + 1);
      return node.op === "%" && isStringy(node.left, scope, depth + 1);
    case "if":
      return node.else !== undefined && isStringy(node.then, scope, depth + 1) &&
        isStringy(node.else, scope, depth + 1);
    case "var": {
      const binding = lookup(scope, node.name);
      return binding?.kind === "local" && binding.bind.params === undefined &&
        isStringy(binding.bind.body, binding.scope, depth + 1);
    }
    case "apply": {
      const call = stdCall(node, scope);
      return call !== undefined && (STRING_FUNCTIONS.has(call.name) || MANIFESTS.has(call.name));
    }
    default:
      return false;
  }
}

/** Whether a literal format string has a `%s` conversion (the others format numbers alike). */
function formatsAsString(format: string | undefined): boolean {
  if (format === undefined) return true;
  return /%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?s/.test(format);
}

/** Every place in the tree where a value becomes text. */
export function conversionSites(root: Node): ConversionSite[] {
  const sites: ConversionSite[] = [];
  walkScoped(root, ROOT_SCOPE, (node, scope) => {
    if (node.kind === "binary" && node.op === "+") {
      const left = isStringy(node.left, scope);
      const right = isStringy(node.right, scope);
      // An array or object is written as JSON, its numbers and strings included.
      if (left !== right) {
        sites.push({ operand: left ? node.right : node.left, deep: true, how: "string +", controlsFrom: 1 });
      }
      return;
    }
    if (node.kind === "binary" && node.op === "%" && isStringy(node.left, scope)) {
      if (formatsAsString(stringLiteral(node.left))) {
        sites.push({ operand: node.right, deep: true, how: "%", controlsFrom: 2 });
      }
      return;
    }
    const call = stdCall(node, scope);
    const first = call?.args[0]?.value;
    if (call === undefined || first === undefined) return;
    if (call.name === "toString") sites.push({ operand: first, deep: true, how: "std.toString" });
    if (MANIFESTS.has(call.name)) {
      const how = `std.${call.name}`;
      sites.push({
        operand: first,
        deep: true,
        how,
        ...(CONTROL_ESCAPING_MANIFESTS.has(call.name) ? { controlsFrom: 0 } : {}),
      });
    }
    const values = call.args[1]?.value;
    if (call.name === "format" && values !== undefined && formatsAsString(stringLiteral(first))) {
      sites.push({ operand: values, deep: true, how: "std.format", controlsFrom: 2 });
    }
  });
  return sites;
}

const PROBE = "__LINT_PROBE__";
// Integers from 2^53 on are written with every digit by go-jsonnet (%.0f), which can differ too.
const PROBES =
  `local __lintProbe(id, v) = if std.isNumber(v) && (v != std.floor(v) || std.abs(v) >= 9007199254740992) ` +
  `then error ('${PROBE} ' + id + ' ' + std.toString(v)) else v, ` +
  // c: the depth from which C1 controls differ (-1: never); d: the depth of v in the converted value.
  `__lintControl(id, c, d, s) = if c < 0 || d < c then false else ` +
  `local found = [x for x in std.stringChars(s) if std.codepoint(x) >= 127 && std.codepoint(x) <= 159]; ` +
  `if found == [] then false else error ('${PROBE} ' + id + ' U+' + std.asciiUpper('%04x' % std.codepoint(found[0]))), ` +
  `__lintProbeDeep(id, c, d, v) = if std.isArray(v) then std.map(function(x) __lintProbeDeep(id, c, d + 1, x), v) ` +
  `else if std.isObject(v) then (if std.any([__lintControl(id, c, d + 1, k) for k in std.objectFields(v)]) ` +
  `then v else std.mapWithKey(function(k, x) __lintProbeDeep(id, c, d + 1, x), v)) ` +
  `else if std.isString(v) then (if __lintControl(id, c, d, v) then v else v) else __lintProbe(id, v); `;

/** The source with the enabled sites' operands wrapped in probes. */
function instrument(source: string, sites: readonly ConversionSite[], enabled: ReadonlySet<number>): string {
  const edits: { at: number; text: string; order: number }[] = [];
  sites.forEach((site, id) => {
    if (!enabled.has(id)) return;
    const probe = site.deep ? `__lintProbeDeep(${id}, ${site.controlsFrom ?? -1}, 0, ` : `__lintProbe(${id}, `;
    edits.push({ at: site.operand.start, text: probe, order: 1 });
    edits.push({ at: site.operand.end, text: ")", order: 0 });
  });
  // From the end, closing parentheses before opening ones at the same offset, so nesting stays right.
  edits.sort((a, b) => b.at - a.at || b.order - a.order);
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.at) + edit.text + text.slice(edit.at);
  return PROBES + text;
}

function message(site: ConversionSite, go: string, here: string): string {
  return `Ory's go-jsonnet writes this number as "${go}" where this engine writes "${here}" (${site.how}), so the ` +
    "claim differs in Ory; keep the value a number, or format it with a fixed precision such as " +
    "std.format('%.2f', x)";
}

function controlMessage(site: ConversionSite, codePoint: string): string {
  const escape = `\\u${codePoint.slice(2).toLowerCase()}`;
  return `Ory's go-jsonnet writes the control character ${codePoint} in this value as "${escape}" where this ` +
    `engine writes it raw (${site.how}), so the claim differs in Ory; remove C1 control characters ` +
    "(U+007F–U+009F) from the value first, or turn it into text with std.manifestJson";
}

const MAX_PROBE_RUNS = 8;

/** What probing found, and the mapper's own result when the probed copy could stand in for it. */
export interface ProbeOutcome {
  diagnostics: Diagnostic[];
  /**
   * The result of the last probed evaluation once no probe fired: the probes return their value
   * unchanged, so it is the mapper's result. Undefined when the copy failed for another reason
   * (the mapper must then be evaluated as written, for its own error and positions).
   */
  result?: JsonnetResult;
}

/**
 * Evaluates instrumented copies of the mapper to find the sites that convert a number whose text
 * differs between the engines: each run stops at the first probe that fires, which is then disabled.
 *
 * @param evaluate evaluates a source with the same session and claims as the lint run.
 */
export async function probeNumberConversions(
  context: LintContext,
  sites: readonly ConversionSite[],
  evaluate: (source: string) => Promise<JsonnetResult>,
): Promise<ProbeOutcome> {
  const diagnostics: Diagnostic[] = [];
  const enabled = new Set(sites.map((_, id) => id));
  for (let run = 0; run < MAX_PROBE_RUNS; run++) {
    const result = await evaluate(instrument(context.source.text, sites, enabled));
    if (result.ok) return { diagnostics, result };
    const hit = new RegExp(`${PROBE} (\\d+) (\\S+)`).exec(result.failure.message);
    const site = hit === null ? undefined : sites[Number(hit[1])];
    if (hit === null || site === undefined || !enabled.delete(Number(hit[1]))) return { diagnostics };
    if (hit[2]!.startsWith("U+")) {
      diagnostics.push(
        diagnostic(context, "control-character", "warning", controlMessage(site, hit[2]!), site.operand),
      );
      continue;
    }
    const go = goJsonnetNumberString(Number(hit[2]));
    if (go !== hit[2]) {
      diagnostics.push(diagnostic(context, "number-to-string", "warning", message(site, go, hit[2]!), site.operand));
    }
  }
  return { diagnostics };
}

/** Without an evaluation, only literal numbers can be checked. */
export function literalNumberConversions(context: LintContext, sites: readonly ConversionSite[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const site of sites) {
    const literal = numericLiteral(site.operand);
    if (literal === undefined) continue;
    const go = goJsonnetNumberString(literal);
    const here = String(literal);
    if (go !== here) {
      found.push(diagnostic(context, "number-to-string", "warning", message(site, go, here), site.operand));
    }
  }
  return found;
}

function numericLiteral(node: Node): number | undefined {
  if (node.kind === "parens") return numericLiteral(node.expr);
  if (node.kind === "unary" && node.op === "-") {
    const inner = numericLiteral(node.expr);
    return inner === undefined ? undefined : -inner;
  }
  return node.kind === "number" ? Number(node.text) : undefined;
}
