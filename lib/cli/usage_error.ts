/**
 * A mistake in how the CLI was called: printed with the command's usage, exit code 2.
 *
 * @module
 */

/** Thrown for a bad flag, a missing argument, or a value of the wrong form. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
