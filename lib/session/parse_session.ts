/**
 * Reads a whoami answer from text: the session JSON checked for the shape the tokenizer needs, with
 * errors that name the input and say what to pass instead. The CLI, golden tests and the VS Code
 * extension's sample-session setting all read sessions this way.
 *
 * @module
 */

import type { Session } from "./session.ts";

/**
 * Parses session JSON.
 *
 * @param text what the file holds.
 * @param label how to name the input in errors (a file name).
 * @returns the session, as given.
 * @throws {TypeError} when the text is not JSON or not a session object; the message names `label`.
 * @example
 * ```ts
 * import { parseSession } from "./parse_session.ts";
 * const session = parseSession('{"id": "s1", "identity": {"id": "i1", "traits": {}}}', "whoami.json");
 * if (session.identity.id !== "i1") throw new Error();
 * ```
 */
export function parseSession(text: string, label: string): Session {
  let session: unknown;
  try {
    session = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${label} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof session !== "object" || session === null || Array.isArray(session)) {
    throw new TypeError(`${label} must hold a session object, as GET /sessions/whoami returns it`);
  }
  const candidate = session as Partial<Session>;
  if (typeof candidate.identity !== "object" || candidate.identity === null) {
    throw new TypeError(`${label} has no "identity" object; pass the whole whoami response`);
  }
  return candidate as Session;
}
