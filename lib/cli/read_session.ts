/**
 * Reads a session file for the CLI: the whoami JSON, checked for the shape the tokenizer needs.
 *
 * @module
 */

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
  let session: unknown;
  try {
    session = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof session !== "object" || session === null || Array.isArray(session)) {
    throw new UsageError(`${label} must hold a session object, as GET /sessions/whoami returns it`);
  }
  const candidate = session as Partial<Session>;
  if (typeof candidate.identity !== "object" || candidate.identity === null) {
    throw new UsageError(`${label} has no "identity" object; pass the whole whoami response`);
  }
  return candidate as Session;
}
