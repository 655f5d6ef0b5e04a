/**
 * Template names as Ory's config schema allows them: letters, digits, `-`, `_` and `.`.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";

/**
 * Ory's `patternProperties` for `session.whoami.tokenizer.templates`, anchored. Ory's own pattern
 * (`[a-zA-Z0-9-_.]+`) is unanchored, so its schema lets almost any name through; the names we write
 * match the whole pattern, which is what its authors meant (names that need no escaping in
 * `?tokenize_as=` and in a JSON Pointer).
 */
export const TEMPLATE_NAME_PATTERN: RegExp = /^[a-zA-Z0-9_.-]+$/;

/**
 * Checks a template name before it goes into config.
 *
 * @param name the template's name, the value callers pass as `?tokenize_as=<name>`.
 * @returns the name, unchanged.
 * @throws {TokenizerError} `ERR_TEMPLATE_NAME` (400) with the reason in words.
 *
 * @example
 * ```ts
 * import { checkTemplateName } from "./check_template_name.ts";
 * checkTemplateName("jwt_example_template1");
 * let refused = false;
 * try { checkTemplateName("my template"); } catch { refused = true; }
 * if (!refused) throw new Error("unexpected");
 * ```
 */
export function checkTemplateName(name: string): string {
  if (typeof name === "string" && TEMPLATE_NAME_PATTERN.test(name)) return name;
  const shown = typeof name === "string"
    ? JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name)
    : typeof name;
  const bad = typeof name === "string" ? [...new Set(name.replace(/[a-zA-Z0-9_.-]/g, ""))] : [];
  throw new TokenizerError("ERR_TEMPLATE_NAME", {
    text: name === ""
      ? "Cannot use an empty template name"
      : `Cannot use the template name ${shown}: it may only contain letters, digits, "-", "_" and "."`,
    detail: (bad.length > 0 ? `It contains ${bad.map((c) => JSON.stringify(c)).join(", ")}. ` : "") +
      "Ory's config schema matches template names against [a-zA-Z0-9-_.]+ so that they need no escaping in " +
      "?tokenize_as=<name> (the schema forgot the anchors, so Ory may accept more, but such names break " +
      "URLs and JSON Patch paths). Use a name like jwt_example_template1.",
  });
}
