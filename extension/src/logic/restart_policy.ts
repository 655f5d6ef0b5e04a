/**
 * When the language server stops on its own, whether the client starts it again: a bounded number of
 * times within a window, then no more (a server that dies on every start would otherwise restart in a
 * loop), each time with a message that says which it is.
 *
 * @module
 */

/** How many restarts within how long. */
export interface RestartLimits {
  maxRestarts: number;
  windowMs: number;
}

/** vscode-languageclient's own default: four restarts within three minutes. */
export const RESTART_LIMITS: Readonly<RestartLimits> = { maxRestarts: 4, windowMs: 3 * 60_000 };

/** What to do about one stop: restart (the how-manieth within the window), or give up. */
export type RestartDecision = { restart: true; attempt: number } | { restart: false };

/** Counts the server's stops within the window and decides each one. */
export class RestartBudget {
  readonly limits: Readonly<RestartLimits>;
  readonly #now: () => number;
  #stops: number[] = [];

  /**
   * @param limits how many restarts within how long.
   * @param now the clock (tests pass their own).
   */
  constructor(limits: Readonly<RestartLimits> = RESTART_LIMITS, now: () => number = Date.now) {
    this.limits = limits;
    this.#now = now;
  }

  /** Records that the server stopped and says whether to start it again. */
  onStop(): RestartDecision {
    const now = this.#now();
    this.#stops = this.#stops.filter((time) => now - time < this.limits.windowMs);
    this.#stops.push(now);
    return this.#stops.length <= this.limits.maxRestarts ? { restart: true, attempt: this.#stops.length } : {
      restart: false,
    };
  }

  /** Forgets the stops: the user restarted the server. */
  reset(): void {
    this.#stops = [];
  }
}

/** What the user reads about a decision. */
export function restartMessage(decision: RestartDecision, limits: Readonly<RestartLimits>): string {
  const minutes = Math.round(limits.windowMs / 60_000);
  return decision.restart
    ? `The Ory Tokenizer language server stopped; restarting it (${decision.attempt} of ${limits.maxRestarts} ` +
      `restarts within ${minutes} minutes).`
    : `The Ory Tokenizer language server stopped ${limits.maxRestarts + 1} times within ${minutes} minutes, so ` +
      "it is not restarted: diagnostics, completion, hover and the preview are off. See the output channel " +
      "“Ory Tokenizer Language Server”, then run “Ory Tokenizer: Restart Language Server”.";
}
