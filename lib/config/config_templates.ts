/**
 * Where a Kratos config keeps its tokenizer templates (`session.whoami.tokenizer.templates.<name>`),
 * read from a config already parsed: the CLI, the emulator and the editor bring their own YAML parser.
 *
 * @module
 */

import type { TokenizerTemplate } from "../types.ts";

/** The keys from a config's root to its templates, as Kratos reads them. */
export const TEMPLATES_PATH: readonly string[] = ["session", "whoami", "tokenizer", "templates"];

/**
 * The syntax of a config file, from its name: Kratos reads `.json` as JSON and anything else as YAML.
 *
 * @param path the file's path or name.
 */
export function configFormat(path: string): "json" | "yaml" {
  return /\.json$/i.test(path) ? "json" : "yaml";
}

/**
 * The member of a parsed config at a dotted path, such as `serve.public.base_url`.
 *
 * @param config a parsed config (any JSON-like value).
 * @param path the keys, joined by dots.
 * @returns the member, or undefined when any step is missing or not an object.
 */
export function configAt(config: unknown, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/**
 * The templates of a parsed config, by name.
 *
 * @param config a parsed config.
 * @returns the templates, or undefined when the config has no `session.whoami.tokenizer.templates` mapping.
 * @example
 * ```ts
 * import { configTemplates } from "../mod.ts";
 * const config = { session: { whoami: { tokenizer: { templates: { a: { jwks_url: "base64://e30=" } } } } } };
 * if (configTemplates(config)?.["a"]?.jwks_url !== "base64://e30=") throw new Error("not found");
 * ```
 */
export function configTemplates(config: unknown): Record<string, TokenizerTemplate> | undefined {
  const node = configAt(config, TEMPLATES_PATH.join("."));
  return typeof node === "object" && node !== null && !Array.isArray(node)
    ? node as Record<string, TokenizerTemplate>
    : undefined;
}
