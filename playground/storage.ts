/**
 * What the page remembers across reloads, in this browser's localStorage: everything typed, and the
 * private key set only when the user opts in (otherwise a fresh set is made on load).
 */
export interface PlaygroundState {
  templateName: string;
  ttl: string;
  subjectSource: "" | "external_id";
  issuer: string;
  slug: string;
  /** `now`, or a chosen moment as milliseconds since the epoch. */
  clock: "now" | number;
  mapper: string;
  session: string;
  /** The key set's JSON text; absent when it is not to be kept. */
  jwks?: string;
  alg: string;
  storePrivate: boolean;
  /** The services the token is for (target names), checked on every evaluation. */
  targets?: string[];
  /** Each target's settings as typed, by the profile's setting name. */
  targetSettings?: Record<string, Record<string, string>>;
}

const KEY = "ory-tokenizer.playground.v1";

export function loadState(): Partial<PlaygroundState> {
  try {
    const text = localStorage.getItem(KEY);
    return text === null ? {} : JSON.parse(text) as Partial<PlaygroundState>;
  } catch {
    return {}; // storage disabled or a broken entry: start from the defaults
  }
}

export function saveState(state: PlaygroundState): void {
  const { jwks, ...rest } = state;
  const kept = state.storePrivate && jwks !== undefined ? { ...rest, jwks } : rest;
  try {
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the page still works, it just forgets on reload.
  }
}
