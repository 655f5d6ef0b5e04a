/**
 * Puts a tokenizer template into a Kratos config (`kratos.yml` or JSON) as a text edit: the smallest
 * replacement that turns the old text into the new, so the editor's undo and diff stay local and the
 * rest of the file (comments, order, quoting) is left as it was.
 *
 * @module
 */

import { isMap, parseDocument } from "yaml";
import { configTemplates, TEMPLATES_PATH, TokenizerError, type TokenizerTemplate } from "../../../lib/mod.ts";

/** A replacement of `[start, end)` (UTF-16 offsets) by `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A config file's text, its syntax and its name for messages. */
export interface ConfigText {
  text: string;
  format: "json" | "yaml";
  label: string;
}

/** What the user's file holds is data: Ory's 400, as lib reports a config it cannot read. */
function problem(reason: string, detail?: string): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", {
    text: reason,
    ...(detail === undefined ? {} : { detail }),
  });
}

function parse(text: string, format: "json" | "yaml", label: string): unknown {
  if (format === "json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      // The parser's message quotes the text around the error, which may be a key: only its position is kept.
      const position = /position (\d+)/.exec(
        error instanceof Error ? error.message : "",
      )?.[1];
      throw problem(
        `${label} is not JSON`,
        position === undefined ? undefined : `It does not parse at byte ${position}.`,
      );
    }
  }
  const document = parseDocument(text);
  const first = document.errors[0];
  if (first !== undefined) {
    throw problem(`${label} is not YAML`, first.message.split("\n")[0]);
  }
  return document.toJS();
}

/**
 * The template names a config defines, for a picker.
 *
 * @throws {TokenizerError} `ERR_INVALID_INPUT` naming the file when it does not parse.
 */
export function templateNames(config: ConfigText): string[] {
  const { text, format, label } = config;
  return Object.keys(configTemplates(parse(text, format, label)) ?? {});
}

/** The smallest edit from `before` to `after`: their common prefix and suffix are kept. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (
    start < before.length && start < after.length &&
    before[start] === after[start]
  ) start++;
  let end = 0;
  while (
    end < before.length - start && end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) end++;
  return {
    start,
    end: before.length - end,
    newText: after.slice(start, after.length - end),
  };
}

function indentOf(text: string): string | number {
  const indented = /\n([ \t]+)\S/.exec(text);
  return indented?.[1] ?? 2;
}

function setJson(
  text: string,
  name: string,
  template: TokenizerTemplate,
  label: string,
): string {
  const config = text.trim() === "" ? {} : parse(text, "json", label);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw problem(`${label} must hold a JSON object (a Kratos config)`);
  }
  let node = config as Record<string, unknown>;
  for (const key of TEMPLATES_PATH) {
    const next = node[key];
    if (
      next !== undefined &&
      (typeof next !== "object" || next === null || Array.isArray(next))
    ) {
      throw problem(
        `${label}: "${key}" must be an object to hold tokenizer templates`,
      );
    }
    node = (node[key] ??= {}) as Record<string, unknown>;
  }
  node[name] = template;
  return JSON.stringify(config, null, indentOf(text)) +
    (text.endsWith("\n") || text === "" ? "\n" : "");
}

function setYaml(
  text: string,
  name: string,
  template: TokenizerTemplate,
  label: string,
): string {
  const document = parseDocument(text);
  const first = document.errors[0];
  if (first !== undefined) {
    throw problem(`${label} is not YAML`, first.message.split("\n")[0]);
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw problem(`${label} must hold a YAML mapping (a Kratos config)`);
  }
  for (let depth = 1; depth <= TEMPLATES_PATH.length; depth++) {
    const node = document.getIn(TEMPLATES_PATH.slice(0, depth), true);
    if (node !== undefined && node !== null && !isMap(node)) {
      throw problem(
        `${label}: ${TEMPLATES_PATH.slice(0, depth).join(".")} must be a mapping to hold tokenizer templates`,
      );
    }
  }
  document.setIn(
    [...TEMPLATES_PATH, name],
    document.createNode({ ...template }),
  );
  // No folding: a base64 value stays on one line, as Ory's docs and `ory` print it.
  return document.toString({ lineWidth: 0 });
}

/**
 * The edit that sets `session.whoami.tokenizer.templates.<name>` in a config to `template`,
 * creating the path when it is missing and replacing an existing template of that name.
 *
 * @param config the config file's text, syntax and name (for errors).
 * @param entry the template's name (already checked against Ory's pattern) and what `encodeTemplate` made.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` naming the file when it does not parse, or its path holds something else.
 */
export function templateConfigEdit(
  config: ConfigText,
  entry: { name: string; template: TokenizerTemplate },
): TextEdit {
  const { text, format, label } = config;
  const { name, template } = entry;
  const after = format === "json" ? setJson(text, name, template, label) : setYaml(text, name, template, label);
  return minimalEdit(text, after);
}
