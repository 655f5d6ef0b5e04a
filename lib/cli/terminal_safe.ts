/**
 * Text from a request, made safe to print on a terminal. A request's query reaches the emulator's log
 * (`tokenize_as`, and Ory's reason that quotes it), and any page the developer opens can send one:
 * a raw newline would forge log lines, and an escape sequence would drive the terminal (colours,
 * the window title, the clipboard on some terminals).
 *
 * @module
 */

/** C0 and C1 controls, DEL, the Unicode line separators and the bidirectional overrides. */
// deno-lint-ignore no-control-regex -- matching control characters is this pattern's purpose
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** At most this many characters of one value reach a log line. */
const MAX_CHARS = 200;

/**
 * The text with every control character written as a `\u` escape, cut at 200 characters.
 *
 * @example
 * ```ts
 * import { terminalSafe } from "./terminal_safe.ts";
 * if (terminalSafe("a\u001b[2Jb\n") !== "a\\u001b[2Jb\\u000a") throw new Error();
 * ```
 */
export function terminalSafe(text: string): string {
  const cut = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
  return cut.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
