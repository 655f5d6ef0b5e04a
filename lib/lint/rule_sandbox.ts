/**
 * Ory's sandbox: no imports, only the `session` and `claims` external variables, no native functions.
 *
 * @module
 */

import type { Diagnostic } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { ROOT_SCOPE, walkScoped } from "./scope.ts";
import { closestName } from "../encoding/closest_name.ts";
import { stdCall, stringLiteral } from "./std_reference.ts";
import { rangeOf } from "./source_positions.ts";

const EXT_VARS = ["session", "claims"];

/** Imports, unknown external variables and `std.native`. */
export function sandboxDiagnostics(context: LintContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (context.root === undefined) return found;
  walkScoped(context.root, ROOT_SCOPE, (node, scope) => {
    if (node.kind === "import") {
      found.push(diagnostic(
        context,
        "import-unavailable",
        "error",
        `Ory's sandbox has no files to import: the mapper fails with "import not available ${node.path}" ` +
          "(400 Unable to execute tokenizer JsonNet.); put what you need into this file",
        node,
      ));
      return;
    }
    const call = stdCall(node, scope);
    if (call === undefined) return;
    if (call.name === "extVar") {
      const arg = call.args[0]?.value;
      const name = stringLiteral(arg);
      if (arg === undefined || name === undefined || EXT_VARS.includes(name)) return;
      const suggestion = closestName(name, EXT_VARS);
      const quote = arg.kind === "string" && arg.quote === '"' ? '"' : "'";
      found.push(diagnostic(
        context,
        "ext-var-unknown",
        "error",
        `Ory passes only the external variables session and claims: std.extVar(${JSON.stringify(name)}) fails ` +
          `with "Undefined external variable: ${name}"${
            suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ""
          }`,
        arg,
        suggestion === undefined || arg.kind !== "string" ? {} : {
          fix: {
            title: `Use std.extVar('${suggestion}')`,
            range: rangeOf(context.source, arg),
            newText: `${quote}${suggestion}${quote}`,
          },
        },
      ));
    } else if (call.name === "native") {
      found.push(diagnostic(
        context,
        "std-native",
        "warning",
        "Ory registers no native functions: std.native(...) is null there, and calling it fails",
        call.nameSpan,
      ));
    }
  });
  return found;
}
