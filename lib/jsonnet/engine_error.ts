/**
 * Turns the engine's error text (it returns errors as the evaluation's string result) into data with
 * the user's own file, line and column.
 *
 * @module
 */

import { codeSpans } from "./code_spans.ts";
import type { ColumnMap } from "./source_edits.ts";
import type { Position, Range } from "../types.ts";

/** What kind of failure an evaluation ended in. */
export type JsonnetFailureKind = "syntax" | "runtime" | "import" | "timeout" | "output-limit" | "crash";

/** A failed evaluation, described for the mapper's author. */
export interface JsonnetFailure {
  kind: JsonnetFailureKind;
  /** One line, such as `runtime error: boom`. */
  message: string;
  /** Where in the user's source, when the engine says. */
  range?: Range;
  /** `file:line:column: message`, 1-based like compilers print it. */
  text: string;
  /**
   * The engine's stack, innermost first, such as `field <email> manifestification`: for errors the
   * engine does not locate, the output fields being written say where.
   */
  trace?: string[];
}

const SYNTAX = /^syntax error: /;
const IMPORT = /^import io error: /;

/**
 * Parses an engine error.
 *
 * @param raw the engine's text.
 * @param filename the name the source was evaluated under.
 * @param preludeLength characters the prelude added to line 1.
 * @param source the user's source (to locate an import, which the engine does not report).
 * @param edited the source as the engine read it after the prelude's rewrites, when some changed a line's
 *   length, and the way back to the user's columns.
 */
export function parseEngineError(
  raw: string,
  filename: string,
  preludeLength: number,
  source: string,
  edited?: { text: string; toSourceColumn: ColumnMap },
): JsonnetFailure {
  const lines = raw.split("\n");
  const first = lines[0] ?? "";
  if (IMPORT.test(first)) return importFailure(filename, source);
  const kind = SYNTAX.test(first) ? "syntax" : "runtime";
  const read = edited?.text ?? source;
  let range: Range | undefined;
  for (const line of lines.slice(1)) {
    range = frameRange(line.trim(), filename, preludeLength, read);
    if (range !== undefined) break;
  }
  let message = kind === "runtime" && !first.startsWith("runtime error") ? `runtime error: ${first}` : first;
  // The parser names the character at the byte offset's character index (see fromByteOffsets).
  if (kind === "syntax" && range !== undefined && !isAscii(read)) {
    const found = [...(read.split("\n")[range.start.line] ?? "").slice(range.start.column)][0];
    if (found !== undefined) message = message.replace(/got "[^"]*"$/, `got ${JSON.stringify(found)}`);
  }
  if (range !== undefined && edited !== undefined) {
    const { start, end } = range;
    const startColumn = edited.toSourceColumn(start.line, start.column);
    const endColumn = edited.toSourceColumn(end.line, end.column);
    range = {
      start: { line: start.line, column: startColumn },
      end: { line: end.line, column: end.line === start.line ? Math.max(endColumn, startColumn) : endColumn },
    };
  }
  // Frames are the lines indented by four spaces; other lines continue the message.
  const trace = lines.slice(1).filter((line) => /^ {4}\S/.test(line)).map((line) => line.trim());
  return withText({
    kind,
    message,
    ...(range === undefined ? {} : { range }),
    ...(trace.length === 0 ? {} : { trace }),
  }, filename);
}

/**
 * Parses `file:L:C`, `file:L:C-C2` or `file:L:C-L2:C2` (1-based) into a user range. For a range over
 * several lines jrsonnet prints the start line with the end's column (`2:10-2:11`); callers that have
 * the syntax tree can find the expression (the linter does).
 */
function frameRange(frame: string, filename: string, preludeLength: number, source: string): Range | undefined {
  if (!frame.startsWith(`${filename}:`)) return undefined;
  const match = /^(\d+):(\d+)(?:-(\d+)(?::(\d+))?)?/.exec(frame.slice(filename.length + 1));
  if (match === null) return undefined;
  const startLine = Number(match[1]) - 1;
  const startColumn = Number(match[2]) - 1;
  let endLine = startLine;
  let endColumn = startColumn + 1;
  if (match[4] !== undefined) {
    endLine = Number(match[3]) - 1;
    endColumn = Number(match[4]) - 1;
  } else if (match[3] !== undefined) {
    // jrsonnet prints one past the exclusive end (`x` at column 5 is `5-7`).
    endColumn = Math.max(Number(match[3]) - 2, startColumn + 1);
  }
  if (!isAscii(source)) {
    // Over several lines, the start's column is lost; column 0 is an offset the engine did not find.
    if (match[4] !== undefined || startColumn < 0) return undefined;
    return fromByteOffsets(source, startLine, startColumn, endColumn, preludeLength);
  }
  const shift = (line: number, column: number) => (line === 0 ? column - preludeLength : column);
  const start = { line: startLine, column: shift(startLine, startColumn) };
  // A frame inside the prelude is ours, not the user's: keep looking.
  if (start.column < 0) return undefined;
  return { start, end: { line: endLine, column: Math.max(shift(endLine, endColumn), start.column) } };
}

/**
 * A range printed by the engine for a source that is not all ASCII. The engine takes a position's UTF-8
 * byte offset for a character index when it finds its line and column (jrsonnet's `offset_to_location`
 * counts characters), so what it prints is the place of the character whose index is the byte offset:
 * after an `é` or an emoji anywhere earlier in the file, too far on, and sometimes a line too far. The
 * byte offsets are rebuilt from that place in the engine's text (the prelude, all ASCII, then the
 * source), then found again in the source, in UTF-16 columns as a `Range` counts.
 */
function fromByteOffsets(
  source: string,
  line: number,
  startColumn: number,
  endColumn: number,
  preludeLength: number,
): Range | undefined {
  let lineStart = line === 0 ? 0 : undefined;
  let characters = preludeLength;
  let lines = 0;
  for (const character of source) {
    if (lineStart !== undefined) break;
    characters++;
    if (character === "\n" && ++lines === line) lineStart = characters;
  }
  if (lineStart === undefined) return undefined;
  const start = lineStart + startColumn - preludeLength;
  // A frame inside the prelude is ours, not the user's: keep looking.
  if (start < 0) return undefined;
  return { start: utf16Position(source, start), end: utf16Position(source, lineStart + endColumn - preludeLength) };
}

/** The line and UTF-16 column of the character at a UTF-8 byte offset (the source's end, past it). */
function utf16Position(source: string, byteOffset: number): Position {
  let bytes = 0;
  let line = 0;
  let column = 0;
  for (const character of source) {
    if (bytes >= byteOffset) break;
    const point = character.codePointAt(0)!;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (character === "\n") {
      line++;
      column = 0;
    } else {
      column += character.length;
    }
  }
  return { line, column };
}

function isAscii(text: string): boolean {
  return /^\p{ASCII}*$/u.test(text);
}

/** Ory's ErrorImporter message, located at the first import expression in the source's code. */
function importFailure(filename: string, source: string): JsonnetFailure {
  const spans = codeSpans(source);
  for (const [i, span] of spans.entries()) {
    if (span.kind !== "code") continue;
    const match = /\b(?:import|importstr|importbin)\s*$/.exec(source.slice(span.start, span.end));
    const literal = spans[i + 1];
    if (match === null || literal?.kind !== "string") continue;
    const start = span.start + match.index;
    const before = source.slice(0, start);
    const line = before.split("\n").length - 1;
    const column = start - (before.lastIndexOf("\n") + 1);
    const quoted = source.slice(literal.start, literal.end);
    const parts = /^(@?)(['"])([\s\S]*)\2$/.exec(quoted);
    // A verbatim string doubles its quote character; the path is shown as written otherwise.
    const path = parts === null
      ? quoted
      : parts[1]
      ? parts[3]!.replaceAll(parts[2]! + parts[2]!, parts[2]!)
      : parts[3]!;
    return withText({
      kind: "import",
      message: `import not available ${path}`,
      range: { start: { line, column }, end: { line, column: column + literal.end - start } },
    }, filename);
  }
  return withText({ kind: "import", message: "import not available" }, filename);
}

function withText(failure: Omit<JsonnetFailure, "text">, filename: string): JsonnetFailure {
  const at = failure.range === undefined
    ? filename
    : `${filename}:${failure.range.start.line + 1}:${failure.range.start.column + 1}`;
  return { ...failure, text: `${at}: ${failure.message}` };
}

/**
 * What a Rust panic says, without where in the engine's own source it happened: the hook's text names
 * the build machine's paths (`panicked at /home/…/.cargo/registry/…/src/x.rs:12:5:`), which say nothing
 * to a mapper's author and are not ours to print.
 *
 * @param panic console_error_panic_hook's text: `panicked at <file>:<line>:<column>:\n<message>` (or,
 *   from older Rust, `panicked at '<message>', <file>:<line>:<column>`), then a JavaScript stack.
 * @returns the message alone, at most 300 characters.
 */
export function panicReason(panic: string): string {
  const text = panic.split("\n\nStack:")[0]!.trim();
  const quoted = /^panicked at '([\s\S]*)', \S+:\d+:\d+$/.exec(text);
  const located = /^panicked at \S+:\d+:\d+:\s*([\s\S]*)$/.exec(text);
  const reason = (quoted?.[1] ?? located?.[1] ?? text.replace(/^panicked at\b/, "")).trim();
  // A message may quote an engine path too (an `unwrap` on a file error, say): drop paths wherever they stand.
  return reason.replace(/(?:[A-Za-z]:)?[\\/]?(?:[\w.@+-]+[\\/])+[\w.@+-]+\.rs(?::\d+)*/g, "<engine source>")
    .slice(0, 300) || "no reason given";
}
