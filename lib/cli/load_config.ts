/**
 * Reads a Kratos config file (YAML or JSON) from the disk; finding the templates in it is lib's
 * (`lib/config/config_templates.ts`).
 *
 * @module
 */

import { configFormat, configTemplates, TEMPLATES_PATH } from "../config/config_templates.ts";
import { TokenizerError } from "../errors.ts";
import { checkTemplateObject } from "../tokenize/template_checks.ts";
import type { TokenizerTemplate } from "../types.ts";
import { readText } from "./io.ts";

/**
 * A whole Kratos config file, parsed (JSON for `.json`, YAML otherwise).
 *
 * @throws {TokenizerError} `ERR_INVALID_INPUT` when it does not parse: what a file holds is data, so
 *   the CLI exits 1, as `encode` does for the same file (2 is for a wrong command line).
 */
export async function loadConfig(path: string): Promise<unknown> {
  const text = await readText(path);
  // The YAML parser is a tenth of the CLI's code: loaded only for a YAML file, not at every start.
  const parse = configFormat(path) === "json"
    ? parseConfigJson
    : (await import("./parse_config_yaml.ts")).parseConfigYaml;
  try {
    return parse(text);
  } catch (error) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `Cannot parse ${path}: ${error instanceof Error ? error.message : String(error)}`,
      detail: "Give a Kratos config (YAML, or JSON in a .json file), as `ory get identity-config` writes it.",
    });
  }
}

/**
 * The templates under `session.whoami.tokenizer.templates`.
 *
 * @throws {TokenizerError} `ERR_INVALID_INPUT` when the config has no such mapping (exit 1, as above);
 *   `ERR_TEMPLATE_INVALID` when any template is not an object: Ory's schema refuses the whole config then.
 */
export async function loadTemplates(path: string, config?: unknown): Promise<Record<string, TokenizerTemplate>> {
  const templates = configTemplates(config ?? await loadConfig(path));
  if (templates === undefined) {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `Cannot find tokenizer templates in ${path}: it has no ${TEMPLATES_PATH.join(".")}`,
      detail: `Add the templates under ${TEMPLATES_PATH.join(".")}.<name> (jwks_url, claims_mapper_url, ttl); ` +
        "`ory-tokenizer encode --format yaml` writes that block.",
    });
  }
  for (const [name, template] of Object.entries(templates)) checkTemplateObject(name, template);
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
