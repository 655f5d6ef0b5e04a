/**
 * Where the whoami emulator finds sessions: a map from the session token a client sends (in any of
 * Kratos's credential places) to the session in Kratos's whoami JSON.
 *
 * @module
 */

import type { Session } from "../session/session.ts";

/** Looks sessions up by token; Kratos's session persister, reduced to what whoami needs. */
export interface SessionStore {
  /** The session behind a token, or `undefined` when the token is unknown. */
  get(token: string): Session | undefined | Promise<Session | undefined>;
}

/**
 * A store over a fixed set of sessions.
 *
 * @param sessions token → session, as {@linkcode parseSessions} returns them.
 * @example
 * ```ts
 * import { createSessionStore } from "./session_store.ts";
 * import { sampleSession } from "../session/session.ts";
 * const store = createSessionStore({ "ory_st_demo": sampleSession() });
 * if (store.get("ory_st_demo") === undefined || store.get("nope") !== undefined) throw new Error();
 * ```
 */
export function createSessionStore(sessions: Record<string, Session>): SessionStore {
  const byToken = new Map(Object.entries(sessions));
  return { get: (token) => byToken.get(token) };
}
