/**
 * Templates as the `session.whoami.tokenizer.templates` block of a self-hosted `kratos.yml` (or its
 * JSON form), ready to merge into the config file.
 *
 * @module
 */

import { TTL_PATTERN } from "../encoding/parse_duration.ts";
import { templateValue } from "./template_value.ts";
import { checkTemplateName } from "./check_template_name.ts";
import type { TokenizerTemplate } from "../types.ts";

/** Plain YAML scalars that read back as the same string in YAML 1.1 and 1.2 alike. */
function yamlScalar(text: string): string {
  // Go durations ("10m", "1h30m") start with a digit yet are never YAML numbers or times.
  const duration = TTL_PATTERN.test(text);
  const plain = duration || /^[A-Za-z_/][A-Za-z0-9_./:+=-]*$/.test(text) &&
      !/^(y|yes|n|no|true|false|on|off|null)$/i.test(text) && !text.includes(": ") && !text.endsWith(":");
  if (plain) return text;
  // A JSON string is a YAML double-quoted scalar, except that YAML 1.1 breaks lines at U+0085,
  // U+2028 and U+2029, which JSON.stringify leaves raw.
  return JSON.stringify(text).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function yamlValue(value: unknown, indent: string): string {
  if (typeof value === "string") return ` ${yamlScalar(value)}`;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return " {}";
    return entries.map(([k, v]) => `\n${indent}${yamlScalar(k)}:${yamlValue(v, `${indent}  `)}`).join("");
  }
  // Numbers, booleans, null and arrays: their JSON form is valid YAML flow syntax.
  return ` ${JSON.stringify(value)}`;
}

/**
 * Writes the config block for some templates.
 *
 * @param templates templates by name; each name must match Ory's pattern.
 * @param format `yaml` for `kratos.yml`, `json` for a JSON config file.
 * @returns the block from `session:` down, ending with a newline. Merge it with any `session:` key the
 *   config file already has (YAML does not allow the same key twice).
 * @throws {TokenizerError} `ERR_TEMPLATE_NAME` for a name outside `[a-zA-Z0-9-_.]+`.
 * @throws {TypeError} for a template without a string `jwks_url`, or another format.
 *
 * @example
 * ```ts
 * import { toKratosConfig } from "./to_kratos_config.ts";
 * const yaml = toKratosConfig({ jwt: { jwks_url: "base64://e30=", ttl: "10m" } }, "yaml");
 * if (!yaml.includes("      templates:\n        jwt:\n          jwks_url: base64://e30=\n")) throw new Error();
 * ```
 */
export function toKratosConfig(templates: Record<string, TokenizerTemplate>, format: "yaml" | "json"): string {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [name, template] of Object.entries(templates)) {
    values[checkTemplateName(name)] = templateValue(template, name);
  }
  const config = { session: { whoami: { tokenizer: { templates: values } } } };
  if (format === "json") return `${JSON.stringify(config, null, 2)}\n`;
  if (format !== "yaml") {
    throw new TypeError(`Cannot write Kratos config as ${JSON.stringify(format)}: use "yaml" or "json"`);
  }
  return `${yamlValue(config, "").slice(1)}\n`;
}
