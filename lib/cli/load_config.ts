/**
 * Reads a Kratos config file (YAML or JSON) from the disk; finding the templates in it is lib's
 * (`lib/config/config_templates.ts`).
 *
 * @module
 */

import { configFormat, configTemplates } from "../config/config_templates.ts";
import type { TokenizerTemplate } from "../types.ts";
import { readText } from "./io.ts";
import { UsageError } from "./usage_error.ts";

/** A whole Kratos config file, parsed (JSON for `.json`, YAML otherwise). */
export async function loadConfig(path: string): Promise<unknown> {
  const text = await readText(path);
  // The YAML parser is a tenth of the CLI's code: loaded only for a YAML file, not at every start.
  const parse = configFormat(path) === "json"
    ? parseConfigJson
    : (await import("./parse_config_yaml.ts")).parseConfigYaml;
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError(`Cannot parse ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The templates under `session.whoami.tokenizer.templates`. */
export async function loadTemplates(path: string, config?: unknown): Promise<Record<string, TokenizerTemplate>> {
  const templates = configTemplates(config ?? await loadConfig(path));
  if (templates === undefined) throw new UsageError(`${path} has no session.whoami.tokenizer.templates`);
  return templates;
}

/** JSON.parse, with V8's message (which quotes the text around the error: key material) left out. */
function parseConfigJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    throw new SyntaxError(`not valid JSON${position === undefined ? "" : ` at byte ${position}`}`);
  }
}
