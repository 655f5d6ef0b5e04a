/**
 * Reads tokenizer templates from a Kratos config file (YAML or JSON).
 *
 * @module
 */

import type { TokenizerTemplate } from "../types.ts";
import { readText } from "./io.ts";
import { parseConfigYaml } from "./parse_config_yaml.ts";
import { UsageError } from "./usage_error.ts";

/** A whole Kratos config file, parsed (JSON for `.json`, YAML otherwise). */
export async function loadConfig(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return /\.json$/i.test(path) ? parseConfigJson(text) : parseConfigYaml(text);
  } catch (error) {
    throw new UsageError(`Cannot parse ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The member of a parsed config at a dotted path, or `undefined`. */
export function configAt(config: unknown, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** The templates under `session.whoami.tokenizer.templates`. */
export async function loadTemplates(path: string, config?: unknown): Promise<Record<string, TokenizerTemplate>> {
  const node = configAt(config ?? await loadConfig(path), "session.whoami.tokenizer.templates");
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
