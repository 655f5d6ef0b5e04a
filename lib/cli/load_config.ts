/**
 * Reads tokenizer templates from a Kratos config file (YAML or JSON).
 *
 * @module
 */

import { parse as parseYaml } from "yaml";
import type { TokenizerTemplate } from "../types.ts";
import { readText } from "./io.ts";
import { UsageError } from "./usage_error.ts";

/** The templates under `session.whoami.tokenizer.templates`. */
export async function loadTemplates(path: string): Promise<Record<string, TokenizerTemplate>> {
  const text = await readText(path);
  let config: unknown;
  try {
    config = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `Cannot parse ${path}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
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
