/**
 * Where Ory's go-jsonnet v0.21.0 and this project's engine disagree on what exists: std functions
 * (from the generated table), `std.thisFile` and the engine's own globals.
 *
 * @module
 */

import type { Diagnostic } from "./diagnostic.ts";
import { diagnostic, type LintContext } from "./lint_context.ts";
import { lookup, ROOT_SCOPE, walkScoped } from "./scope.ts";
import { closestName } from "../encoding/closest_name.ts";
import { stdMember } from "./std_reference.ts";
import { rangeOf } from "./source_positions.ts";
import { PRELUDE_STD_ADDITIONS } from "../jsonnet/prelude.ts";
import { ENGINE_REFUSED_STD, ENGINE_STD, GO_JSONNET_STD } from "./std_functions.ts";
import type { Token } from "../jsonnet/jsonnet_lexer.ts";

/** Std names that run here but not in Ory, or in Ory but not here (after the prelude's additions). */
export interface StdDifferences {
  missingInOry: ReadonlySet<string>;
  missingInEngine: ReadonlySet<string>;
}

/** The differences the tables imply once the prelude has bridged what it can. */
export function stdDifferences(): StdDifferences {
  const engine = new Set([...ENGINE_STD.filter((n) => !ENGINE_REFUSED_STD.includes(n)), ...PRELUDE_STD_ADDITIONS]);
  return {
    missingInOry: new Set(ENGINE_STD.filter((name) => !GO_JSONNET_STD.has(name))),
    missingInEngine: new Set([...GO_JSONNET_STD.keys()].filter((name) => !engine.has(name) && name !== "thisFile")),
  };
}

const differences = stdDifferences();

/** Free variables this engine (or its prelude) defines and go-jsonnet does not. */
function engineOnlyVariable(name: string): string | undefined {
  if (name === "arakoo") {
    return "arakoo is an extension of this project's engine (jrsonnet for arakoo); Ory's go-jsonnet has no such " +
      'variable, so the mapper fails there with "Unknown variable: arakoo"';
  }
  if (name.startsWith("__")) {
    return `${name} belongs to ory-tokenizer's prelude, not to Jsonnet; Ory's go-jsonnet fails with ` +
      `"Unknown variable: ${name}"`;
  }
  return undefined;
}

/** Std functions, `std.thisFile` and engine-only variables. */
export function engineDifferenceDiagnostics(context: LintContext, _tokens: readonly Token[] | undefined): Diagnostic[] {
  const found: Diagnostic[] = [];
  // `|||-` text blocks are bridged by the source preparation (lib/jsonnet/prelude.ts): nothing to say.
  if (context.root === undefined) return found;
  walkScoped(context.root, ROOT_SCOPE, (node, scope) => {
    if (node.kind === "var") {
      const why = lookup(scope, node.name) === undefined ? engineOnlyVariable(node.name) : undefined;
      if (why !== undefined) found.push(diagnostic(context, "engine-global", "error", why, node));
      return;
    }
    const member = stdMember(node, scope);
    if (member === undefined) return;
    const { name, nameSpan } = member;
    if (name === "thisFile") {
      found.push(diagnostic(
        context,
        "std-this-file",
        "warning",
        "In Ory std.thisFile is the claims_mapper_url (for base64:// the whole encoded mapper, so it changes " +
          "whenever the mapper does); ory-tokenizer gives the same value. Use a string literal instead",
        nameSpan,
      ));
    } else if (!GO_JSONNET_STD.has(name) && !name.startsWith("__")) {
      const here = differences.missingInOry.has(name) ? " even though it runs here" : "";
      const suggestion = closestName(name, GO_JSONNET_STD.keys());
      const quoted = context.source.text[nameSpan.start] === "'" || context.source.text[nameSpan.start] === '"';
      const quote = context.source.text[nameSpan.start]!;
      found.push(diagnostic(
        context,
        "std-missing-in-ory",
        "error",
        `go-jsonnet v0.21.0 (Ory's engine) has no std.${name}: the mapper fails in Ory${here}` +
          (suggestion ? `; did you mean std.${suggestion}?` : ""),
        nameSpan,
        suggestion === undefined ? {} : {
          fix: {
            title: `Use std.${suggestion}`,
            range: rangeOf(context.source, nameSpan),
            newText: quoted ? `${quote}${suggestion}${quote}` : suggestion,
          },
        },
      ));
    } else if (differences.missingInEngine.has(name)) {
      found.push(diagnostic(
        context,
        "std-missing-in-engine",
        "warning",
        `std.${name} exists in Ory's go-jsonnet v0.21.0 but not in this project's engine: the mapper runs in Ory ` +
          "but cannot be checked or tokenized here",
        nameSpan,
      ));
    }
  });
  return found;
}
