/**
 * Offsets to LSP positions: zero-based lines and UTF-16 columns, the convention of VS Code, LSP and
 * JavaScript strings.
 *
 * @module
 */

import type { Position, Range } from "../types.ts";
import type { Span } from "../jsonnet/jsonnet_ast.ts";

/** A source with its line starts, for offset conversions. */
export interface SourceText {
  text: string;
  /** Offsets where each line starts. */
  lineStarts: number[];
}

/** Indexes a source's line starts. */
export function sourceText(text: string): SourceText {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  return { text, lineStarts };
}

/** The position of an offset. */
export function positionAt(source: SourceText, offset: number): Position {
  const starts = source.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, column: offset - starts[low]! };
}

/** The range of a span. */
export function rangeOf(source: SourceText, span: Span): Range {
  return { start: positionAt(source, span.start), end: positionAt(source, span.end) };
}

/** The offset of a position (clamped to its line). */
export function offsetAt(source: SourceText, position: Position): number {
  const start = source.lineStarts[Math.min(Math.max(position.line, 0), source.lineStarts.length - 1)]!;
  const next = source.lineStarts[position.line + 1] ?? source.text.length + 1;
  return Math.min(start + Math.max(position.column, 0), next - 1);
}

/**
 * Converts a column counted in code points (the engine counts so) to UTF-16 code units on that line;
 * they differ only after characters outside the Basic Multilingual Plane, such as emoji.
 */
export function utf16Column(source: SourceText, line: number, codePointColumn: number): number {
  const start = source.lineStarts[line];
  if (start === undefined) return codePointColumn;
  let offset = start;
  for (let seen = 0; seen < codePointColumn && offset < source.text.length; seen++) {
    const code = source.text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return offset - start;
}
