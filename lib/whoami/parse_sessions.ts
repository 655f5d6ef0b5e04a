/**
 * Reads a sessions file for the whoami emulator: a JSON object mapping session tokens to sessions in
 * Kratos's whoami JSON, checked the way Kratos's JSON decoding would refuse them, with every bad
 * entry located by line.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import type { Session } from "../session/session.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Go's time.Time decodes RFC 3339 with an optional fraction of up to nine digits.
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/i;
const AALS = ["aal0", "aal1", "aal2", "aal3"];

/**
 * Parses and checks a sessions file.
 *
 * @param text the file's text: `{"<session token>": <whoami session JSON>, …}`.
 * @param label how to name the file in errors.
 * @returns token → session.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` listing each bad entry by line and number (never by
 *   its token, which is a credential).
 * @example
 * ```ts
 * import { parseSessions } from "./parse_sessions.ts";
 * import { sampleSession } from "../session/session.ts";
 * const sessions = parseSessions(JSON.stringify({ "ory_st_a": sampleSession() }), "sessions.json");
 * if (sessions["ory_st_a"]?.identity.id !== sampleSession().identity.id) throw new Error();
 * ```
 */
export function parseSessions(text: string, label: string): Record<string, Session> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(label, [`${label}: not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid(label, [`${label}: must be an object mapping session tokens to whoami sessions`]);
  }
  const problems: string[] = [];
  const sessions: Record<string, Session> = {};
  let number = 0;
  for (const [token, entry] of Object.entries(parsed)) {
    number++;
    const where = `${label}:${lineOf(text, token)}: entry ${number}`;
    const found = token.trim() === ""
      ? ["the token is empty (Kratos treats an empty token as no credentials)"]
      : sessionProblems(entry);
    for (const problem of found) problems.push(`${where}: ${problem}`);
    if (found.length === 0) {
      Object.defineProperty(sessions, token, { value: entry, enumerable: true, writable: true, configurable: true });
    }
  }
  if (problems.length > 0) throw invalid(label, problems);
  return sessions;
}

function invalid(label: string, problems: string[]): TokenizerError {
  return new TokenizerError("ERR_INVALID_INPUT", {
    text: `Cannot load the sessions in ${label}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
    detail: `${problems.join("\n")}\nEach value must be a session as GET /sessions/whoami returns it.`,
  });
}

/** The line (1-based) where a top-level key is written; the first line when it cannot be found. */
function lineOf(text: string, key: string): number {
  const at = text.search(new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:`));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value;
}

/** What Kratos's decoding of a `Session` would refuse, or what whoami could never answer with. */
function sessionProblems(entry: unknown): string[] {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return [`must be a session object, not ${describe(entry)}`];
  }
  const session = entry as Record<string, unknown>;
  const problems: string[] = [];
  const need = (ok: boolean, path: string, what: string, value: unknown) => {
    if (!ok) problems.push(`${path} must be ${what}, not ${describe(value)}`);
  };
  need(typeof session["id"] === "string" && UUID.test(session["id"]), "id", "a UUID", session["id"]);
  need(typeof session["active"] === "boolean", "active", "true or false", session["active"]);
  need(
    typeof session["expires_at"] === "string" && RFC3339.test(session["expires_at"]),
    "expires_at",
    "an RFC 3339 time",
    session["expires_at"],
  );
  for (const member of ["authenticated_at", "issued_at"]) {
    const value = session[member];
    need(value === undefined || (typeof value === "string" && RFC3339.test(value)), member, "an RFC 3339 time", value);
  }
  const aal = session["authenticator_assurance_level"];
  need(typeof aal === "string" && AALS.includes(aal), "authenticator_assurance_level", AALS.join(", "), aal);
  for (const member of ["authentication_methods", "devices"]) {
    const value = session[member];
    need(value === undefined || value === null || Array.isArray(value), member, "an array or null", value);
  }
  const identity = session["identity"];
  if (typeof identity !== "object" || identity === null || Array.isArray(identity)) {
    problems.push(`identity must be an object, not ${describe(identity)}`);
    return problems;
  }
  const id = identity as Record<string, unknown>;
  need(typeof id["id"] === "string" && UUID.test(id["id"]), "identity.id", "a UUID", id["id"]);
  need(typeof id["schema_id"] === "string", "identity.schema_id", "a string", id["schema_id"]);
  need("traits" in id, "identity.traits", "present", id["traits"]);
  const state = id["state"];
  need(
    state === undefined || state === "active" || state === "inactive",
    "identity.state",
    "active or inactive",
    state,
  );
  return problems;
}
