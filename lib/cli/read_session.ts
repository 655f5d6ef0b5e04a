/**
 * Reads a session file for the CLI: the whoami JSON, checked for the shape the tokenizer needs.
 *
 * @module
 */

import { parseSession } from "../session/parse_session.ts";
import type { Session } from "../session/session.ts";
import { readText } from "./io.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Reads and checks a session file (`-` for standard input).
 *
 * @throws {UsageError} when the file is not JSON or not a session object.
 */
export async function readSession(path: string): Promise<Session> {
  return parseSessionText(await readText(path), path);
}

/**
 * Parses session JSON.
 *
 * @param label how to name the input in errors.
 * @throws {UsageError} when the text is not JSON or not a session object.
 */
export function parseSessionText(text: string, label: string): Session {
  try {
    return parseSession(text, label);
  } catch (error) {
    throw new UsageError((error as TypeError).message);
  }
}
