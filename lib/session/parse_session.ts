/**
 * Reads a whoami answer from text: the session JSON checked for the shape the tokenizer needs, with
 * errors that name the input and the field, and say what to pass instead. The CLI, golden tests, the
 * playground and the VS Code extension's sample-session setting all read sessions this way.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import type { Session } from "./session.ts";

const PASS_WHOAMI = "Pass the whole response of GET /sessions/whoami (sampleSession() shows the shape).";

/**
 * Parses session JSON.
 *
 * @param text what the file holds.
 * @param label how to name the input in errors (a file name).
 * @returns the session, as given.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` (400) when the text is not JSON, not a session object,
 *   or a member the token is made from (`id`, `identity`, `identity.id`, `identity.external_id`) is
 *   missing or of the wrong type, or a number is beyond what a 64-bit float holds; the reason names
 *   `label`, the detail names the field.
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
    // V8's message quotes the text around the error; only its position is kept.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    const where = position === undefined ? "" : ` at byte ${position}`;
    throw invalid(`${label} is not JSON`, `It does not parse${where}. ${PASS_WHOAMI}`);
  }
  if (!isRecord(session)) {
    throw invalid(`${label} must hold a session object`, `It holds ${describe(session)}. ${PASS_WHOAMI}`);
  }
  const identity = session["identity"];
  if (!isRecord(identity)) {
    throw fieldProblem(label, "identity", "an object", identity);
  }
  if (typeof session["id"] !== "string") throw fieldProblem(label, "id", "a string (the sid claim)", session["id"]);
  if (typeof identity["id"] !== "string") {
    throw fieldProblem(label, "identity.id", "a string (the sub claim)", identity["id"]);
  }
  const externalId = identity["external_id"];
  if (externalId !== undefined && externalId !== null && typeof externalId !== "string") {
    throw fieldProblem(label, "identity.external_id", "a string or null", externalId);
  }
  const overflow = beyondFloat64(session);
  if (overflow !== undefined) {
    const path = overflow.length > 120 ? `${overflow.slice(0, 120)}…` : overflow;
    throw invalid(
      `${label} has a number no 64-bit float holds`,
      `${path} is beyond ±1.8e308: JavaScript reads it as Infinity and writes it as null, and Ory's Jsonnet ` +
        "refuses it. Write a smaller number, or a string.",
    );
  }
  return session as unknown as Session;
}

function invalid(text: string, detail: string): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", { text, detail });
}

function fieldProblem(label: string, field: string, what: string, value: unknown): TokenizerError {
  return invalid(
    `${label} is not a whoami session: "${field}" must be ${what}`,
    `"${field}" is ${describe(value)}. ${PASS_WHOAMI}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The path of the first number JSON.parse read as ±Infinity, walked without recursion (sessions may nest deeply). */
function beyondFloat64(root: unknown): string | undefined {
  const stack: [unknown, string][] = [[root, ""]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === "number" && !Number.isFinite(value)) return path;
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      stack.push([child, Array.isArray(value) ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`]);
    }
  }
  return undefined;
}
