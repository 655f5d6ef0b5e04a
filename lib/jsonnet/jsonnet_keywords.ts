/**
 * Jsonnet's reserved words: the one list the linter's lexer and editors' highlighting (the
 * playground's) read, so an editor never colours a word as the linter does not read it.
 *
 * @module
 */

/**
 * Jsonnet's keywords as go-jsonnet v0.21.0 (Ory's engine) lexes them, sorted: none of them can name
 * a variable or an unquoted field. `true`, `false` and `null` are among them, as are `self` and `super`.
 *
 * @example
 * ```ts
 * import { JSONNET_KEYWORDS } from "ory-tokenizer/editor";
 * const keywords = new Set(JSONNET_KEYWORDS);
 * keywords.has("local"); // true
 * ```
 */
export const JSONNET_KEYWORDS: readonly string[] = Object.freeze([
  "assert",
  "else",
  "error",
  "false",
  "for",
  "function",
  "if",
  "import",
  "importbin",
  "importstr",
  "in",
  "local",
  "null",
  "self",
  "super",
  "tailstrict",
  "then",
  "true",
]);
