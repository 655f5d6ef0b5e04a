/**
 * What the linter reports: plain data in the shape VS Code and LSP use (zero-based lines and UTF-16
 * columns, end exclusive), so the extension and the playground convert it without guessing.
 *
 * @module
 */

import type { Range } from "../types.ts";

/** How serious a finding is: errors make Ory refuse the mapper or make lint fail. */
export type DiagnosticSeverity = "error" | "warning" | "information";

/**
 * Stable codes, one per rule; `switch (diagnostic.code)` narrows on them. The families: evaluation
 * (`jsonnet-*`), Ory's contract for the output, Ory's sandbox, engine differences, session paths and
 * token size.
 */
export type DiagnosticCode =
  // evaluation against the sample (or given) session
  | "jsonnet-syntax"
  | "jsonnet-runtime"
  | "jsonnet-limit"
  // the engine itself failed (a Rust panic, a trap): not the mapper's limit, and not its error
  | "jsonnet-crash"
  // Ory's contract for the mapper's output
  | "claims-not-object"
  | "sub-overwritten"
  | "default-claim-overridden"
  | "null-claim"
  | "subject-unavailable"
  // Ory's sandbox
  | "import-unavailable"
  | "ext-var-unknown"
  | "std-native"
  // differences between go-jsonnet v0.21.0 (Ory) and this project's engine
  | "std-missing-in-ory"
  | "std-missing-in-engine"
  | "std-this-file"
  | "engine-global"
  | "text-block-chomp"
  | "number-to-string"
  | "control-character"
  // operators and syntax the engines evaluate differently (rule_engine_semantics.ts)
  | "number-equality"
  | "string-times-number"
  | "bitwise-out-of-range"
  | "negative-index"
  | "in-super"
  | "tailstrict"
  | "yaml-1-1"
  | "math-last-digit"
  | "format-difference"
  // what the mapper reads
  | "session-path-unknown"
  | "session-path-optional"
  | "claims-path-unknown"
  // what the mapper produces
  | "token-too-large";

/** A suggested edit that resolves a finding. */
export interface DiagnosticFix {
  title: string;
  range: Range;
  newText: string;
}

/** One finding of the linter. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  /** One or two sentences: what is wrong, what Ory does, what to do. */
  message: string;
  /** Zero-based, end exclusive, UTF-16 columns (LSP). */
  range: Range;
  /** A second place the finding involves, such as the claim a size warning names. */
  relatedRange?: Range;
  fix?: DiagnosticFix;
}
