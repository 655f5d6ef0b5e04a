/**
 * Reads tokenizer templates from a Kratos config file (YAML or JSON).
 *
 * @module
 */

import type { TokenizerTemplate } from "../types.ts";
import { readText } from "./io.ts";
import { parseConfigYaml } from "./parse_config_yaml.ts";
import { UsageError } from "./usage_error.ts";

/** The templates under `session.whoami.tokenizer.templates`. */
export async function loadTemplates(path: string): Promise<Record<string, TokenizerTemplate>> {
  const text = await readText(path);
  let config: unknown;
  try {
    config = /\.json$/i.test(path) ? parseConfigJson(text) : parseConfigYaml(text);
  } catch (error) {
    throw new UsageError(`Cannot parse ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let node: unknown = config;
  for (const key of ["session", "whoami", "tokenizer", "templates"]) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (typeof node !== "object" || node === null) {
    throw new UsageError(`${path} has no session.whoami.tokenizer.templates`);
  }
  return node as Record<string, TokenizerTemplate>;
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
