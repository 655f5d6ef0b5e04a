/**
 * Parses a Kratos config the way Kratos reads it (koanf over gopkg.in/yaml.v3): merge keys
 * (`<<: *base`) are applied, and a tag yaml.v3 does not know leaves its scalar as the plain value.
 * The library's warnings are never printed: Node's warning would show a code frame of the line,
 * and config lines hold base64 key material.
 *
 * @module
 */

import { parse } from "yaml";

/** At most this much of the parser's first message line: it names the problem, never the content. */
const MESSAGE_MAX_CHARS = 160;

/**
 * Parses YAML (or JSON, a subset of it) text of a config.
 *
 * @param text the file's content.
 * @returns the parsed document.
 * @throws {SyntaxError} whose message is the parser's first line (what and where), without a code frame.
 */
export function parseConfigYaml(text: string): unknown {
  try {
    // "error": errors still throw, warnings (unknown tags) stay silent instead of going to stderr.
    return parse(text, { merge: true, logLevel: "error" });
  } catch (error) {
    const first = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    const linePos = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    const what = first.replace(/ at line \d+, column \d+:?$/, "").slice(0, MESSAGE_MAX_CHARS);
    throw new SyntaxError(linePos === undefined ? what : `${what} at line ${linePos.line}, column ${linePos.col}`);
  }
}
