/**
 * The tokenizer templates in whatever a user has at hand: a Kratos config (YAML or JSON), the output
 * of `ory get identity-config`, a JSON Patch, a saved `ory patch identity-config` command, a single
 * template object, or one `base64://` value. Parsing YAML is the caller's: lib never depends on a
 * YAML parser, so the caller passes its own.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";
import { TokenizerError } from "../errors.ts";
import type { TokenizerTemplate } from "../types.ts";
import { configTemplates, TEMPLATES_PATH } from "./config_templates.ts";

/** Options of {@linkcode findConfigTemplates}. */
export interface FindConfigTemplatesOptions {
  /**
   * The caller's YAML parser (JSON is YAML too), or a JSON parser for JSON alone. The first line of
   * its error's message is shown, so it must say what and where without quoting the text, which holds
   * key material (V8's `JSON.parse` messages quote it: wrap it).
   */
  parse: (text: string) => unknown;
  /** How errors name the text, such as its file's path; default "the config". */
  label?: string | undefined;
}

/** `/session/whoami/tokenizer/templates/`: the JSON Pointer of a template, less its name. */
const TEMPLATES_POINTER = `/${TEMPLATES_PATH.join("/")}/`;

const LOOKED_FOR = `Looked for ${TEMPLATES_PATH.join(".")}, a JSON Patch, an \`ory patch identity-config --add\` ` +
  "command, an object with jwks_url, or a base64:// value.";

/**
 * Finds the templates a config, patch, saved command, template or value holds, by name. A single
 * template object is named `template`, a lone `base64://` value `value` (its `jwks_url`). Every
 * template found must be an object; its members are left for `decodeTemplate` to check.
 *
 * @param text the text as the user wrote it.
 * @param options `parse`, the caller's YAML parser, and `label`, how errors name the text.
 * @returns the templates by name: at least one, each an object.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` when the text does not parse, holds no template, a
 *   saved command's `--add` value is not JSON, or a template is not an object. Messages name the
 *   text, a template or a JSON Pointer, never a value.
 * @throws {TypeError} when `text` is not a string or `options.parse` is not a function.
 * @example
 * ```ts
 * import { findConfigTemplates } from "./find_config_templates.ts";
 * const patch = '[{"op":"add","path":"/session/whoami/tokenizer/templates/jwt","value":{"jwks_url":"base64://e30="}}]';
 * const templates = findConfigTemplates(patch, { parse: JSON.parse, label: "patch.json" });
 * if (templates["jwt"]?.jwks_url !== "base64://e30=") throw new Error("not found");
 * ```
 */
export function findConfigTemplates(
  text: string,
  options: FindConfigTemplatesOptions,
): Record<string, TokenizerTemplate> {
  if (typeof text !== "string") throw new TypeError("Cannot find templates: the text must be a string");
  if (typeof options?.parse !== "function") {
    throw new TypeError("Cannot find templates: options.parse must be a function (a YAML parser, or JSON.parse)");
  }
  const label = options.label ?? "the config";
  const templates = templatesInCommand(text, label) ?? templatesInDocument(parsed(text, options.parse, label), label);
  for (const [name, template] of Object.entries(templates)) {
    if (!isObject(template)) {
      invalid(
        `Cannot read template ${JSON.stringify(name)} in ${label}: it is not an object`,
        "A template is a mapping with jwks_url, and optionally claims_mapper_url, ttl and subject_source.",
      );
    }
  }
  return templates;
}

function invalid(text: string, detail = LOOKED_FOR): never {
  throw new TokenizerError("ERR_INVALID_INPUT", { text, detail });
}

/** Defines rather than assigns, so that a template named `__proto__` stays a template. */
function put(templates: Record<string, TokenizerTemplate>, name: string, value: unknown): void {
  Object.defineProperty(templates, name, { value, enumerable: true, writable: true, configurable: true });
}

function parsed(text: string, parse: (text: string) => unknown, label: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    const first = error instanceof Error ? error.message.split("\n")[0] : String(error).split("\n")[0];
    return invalid(
      `Cannot parse ${label}: ${first}`,
      "Give a Kratos config, `ory get identity-config` output, a JSON Patch, a saved `ory patch identity-config` " +
        "command, a single template, or a base64:// value.",
    );
  }
}

/** The single-quoted `--add '<pointer>=<json>'` words of a saved `ory patch identity-config` command. */
function templatesInCommand(text: string, label: string): Record<string, TokenizerTemplate> | undefined {
  if (!/\bory\s+patch\s+identity-config\b/.test(text)) return undefined;
  const templates: Record<string, TokenizerTemplate> = {};
  for (const match of text.matchAll(/--add\s+'((?:[^']|'\\'')*)'/g)) {
    const word = match[1]!.replace(/'\\''/g, "'");
    const at = word.indexOf("=");
    const pointer = word.slice(0, at);
    if (at === -1 || !pointer.startsWith(TEMPLATES_POINTER)) continue;
    let value: unknown;
    try {
      value = JSON.parse(word.slice(at + 1));
    } catch {
      invalid(
        `Cannot read the --add value for ${pointer} in ${label}: it is not JSON`,
        "The value after the = of each --add must be JSON, as `ory-tokenizer encode` writes it.",
      );
    }
    put(templates, pointer.slice(TEMPLATES_POINTER.length), value);
  }
  if (Object.keys(templates).length === 0) {
    invalid(
      `Cannot find tokenizer templates in ${label}: the \`ory patch identity-config\` command adds none`,
      `Looked for single-quoted --add '${TEMPLATES_POINTER}<name>=<JSON>' words, as \`ory-tokenizer encode\` writes them.`,
    );
  }
  return templates;
}

function templatesInDocument(document: unknown, label: string): Record<string, TokenizerTemplate> {
  if (typeof document === "string" && document.startsWith("base64://")) return { value: { jwks_url: document } };
  if (Array.isArray(document)) return templatesInPatch(document, label);
  if (isObject(document) && typeof document["jwks_url"] === "string") {
    return { template: document as unknown as TokenizerTemplate };
  }
  const templates = configTemplates(document);
  if (templates === undefined) invalid(`Cannot find tokenizer templates in ${label}`);
  if (Object.keys(templates).length === 0) {
    invalid(`Cannot find tokenizer templates in ${label}: ${TEMPLATES_PATH.join(".")} is empty`);
  }
  return templates;
}

/** The templates a JSON Patch sets: one by one (`…/templates/<name>`), or all at once (`…/templates`). */
function templatesInPatch(operations: unknown[], label: string): Record<string, TokenizerTemplate> {
  const templates: Record<string, TokenizerTemplate> = {};
  for (const operation of operations) {
    if (!isObject(operation) || typeof operation["path"] !== "string") continue;
    const path = operation["path"];
    const value = operation["value"];
    if (path.startsWith(TEMPLATES_POINTER) && isObject(value)) {
      put(templates, path.slice(TEMPLATES_POINTER.length).replace(/~1/g, "/").replace(/~0/g, "~"), value);
    } else if (path === TEMPLATES_POINTER.slice(0, -1) && isObject(value)) {
      for (const [name, template] of Object.entries(value)) put(templates, name, template);
    }
  }
  if (Object.keys(templates).length === 0) {
    invalid(
      `Cannot find tokenizer templates in ${label}: the JSON Patch sets none`,
      `Looked for operations whose path is ${TEMPLATES_POINTER}<name> or ${
        TEMPLATES_POINTER.slice(0, -1)
      } and whose value is an object.`,
    );
  }
  return templates;
}
