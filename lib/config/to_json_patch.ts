/**
 * Templates as JSON Patch operations (RFC 6902) on Ory's config: what `ory patch identity-config --add`
 * applies, for tools that take a patch document (Ory's API, Terraform, scripts).
 *
 * @module
 */

import { templatePointer, templateValue } from "./template_value.ts";
import { checkTemplateName } from "./check_template_name.ts";
import type { TokenizerTemplate } from "../types.ts";

/** One RFC 6902 operation that sets a template. */
export interface JsonPatchOperation {
  op: "add" | "replace";
  /** `/session/whoami/tokenizer/templates/<name>`. */
  path: string;
  value: Record<string, unknown>;
}

/** Options of {@linkcode toJsonPatch}. */
export interface JsonPatchOptions {
  /** `add` (default) creates or replaces the template; `replace` fails where it does not exist yet. */
  op?: "add" | "replace";
}

/**
 * Builds one operation per template.
 *
 * RFC 6902's `add` needs the parent (`/session/whoami/tokenizer/templates`) to exist; Ory Network's
 * config has it. For a bare self-hosted config, use `toKratosConfig` instead.
 *
 * @param templates templates by name; each name must match Ory's pattern.
 * @param options the operation (`add` by default).
 * @returns the patch document, in the order of `templates`.
 * @throws {TokenizerError} `ERR_TEMPLATE_NAME` for a name outside `[a-zA-Z0-9-_.]+`.
 * @throws {TypeError} for a template without a string `jwks_url`.
 *
 * @example
 * ```ts
 * import { toJsonPatch } from "./to_json_patch.ts";
 * const [op] = toJsonPatch({ jwt: { jwks_url: "base64://e30=", ttl: "10m" } });
 * if (op?.path !== "/session/whoami/tokenizer/templates/jwt") throw new Error("unexpected");
 * ```
 */
export function toJsonPatch(
  templates: Record<string, TokenizerTemplate>,
  options: JsonPatchOptions = {},
): JsonPatchOperation[] {
  return Object.entries(templates).map(([name, template]) => ({
    op: options.op ?? "add",
    path: templatePointer(checkTemplateName(name)),
    value: templateValue(template, name),
  }));
}
