/**
 * Reads a session file for the CLI: the whoami JSON, checked for the shape the tokenizer needs.
 *
 * @module
 */

import { parseSession } from "../session/parse_session.ts";
import type { Session } from "../session/session.ts";
import { readText } from "./io.ts";

/**
 * Reads and checks a session file (`-` for standard input).
 *
 * @throws {TokenizerError} `ERR_INVALID_INPUT` when the file is not JSON or not a session object:
 *   what a file holds is data, so the CLI exits 1 for it, not 2.
 */
export async function readSession(path: string): Promise<Session> {
  return parseSession(await readText(path), path);
}
