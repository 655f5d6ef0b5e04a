/**
 * Turns the engine's error text (it returns errors as the evaluation's string result) into data with
 * the user's own file, line and column.
 *
 * @module
 */

import { codeSpans } from "./code_spans.ts";

/** A zero-based position, as in VS Code and LSP. */
export interface Position {
  line: number;
  column: number;
}

/** A zero-based, end-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

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
 */
export function parseEngineError(raw: string, filename: string, preludeLength: number, source: string): JsonnetFailure {
  const lines = raw.split("\n");
  const first = lines[0] ?? "";
  if (IMPORT.test(first)) return importFailure(filename, source);
  const kind = SYNTAX.test(first) ? "syntax" : "runtime";
  let range: Range | undefined;
  for (const line of lines.slice(1)) {
    range = frameRange(line.trim(), filename, preludeLength);
    if (range !== undefined) break;
  }
  const message = kind === "runtime" && !first.startsWith("runtime error") ? `runtime error: ${first}` : first;
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
function frameRange(frame: string, filename: string, preludeLength: number): Range | undefined {
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
  const shift = (line: number, column: number) => (line === 0 ? column - preludeLength : column);
  const start = { line: startLine, column: shift(startLine, startColumn) };
  // A frame inside the prelude is ours, not the user's: keep looking.
  if (start.column < 0) return undefined;
  return { start, end: { line: endLine, column: Math.max(shift(endLine, endColumn), start.column) } };
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
