/**
 * Splits Jsonnet source into code, comments and string literals, so rewrites and searches touch only
 * code. Covers `//`, `#` and block comments, quoted strings with escapes, verbatim `@'…'` strings and
 * `|||` text blocks.
 *
 * @module
 */

/** A run of source: code, a comment, or a string literal (`start` inclusive, `end` exclusive). */
export interface CodeSpan {
  kind: "code" | "comment" | "string";
  start: number;
  end: number;
}

/** Returns the spans of `source` in order, covering all of it. */
export function codeSpans(source: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  let codeStart = 0;
  let i = 0;
  const push = (kind: "comment" | "string", start: number, end: number) => {
    if (start > codeStart) spans.push({ kind: "code", start: codeStart, end: start });
    spans.push({ kind, start, end });
    codeStart = end;
  };
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "/" && next === "/" || c === "#") {
      const end = source.indexOf("\n", i);
      push("comment", i, end === -1 ? source.length : end);
      i = end === -1 ? source.length : end;
    } else if (c === "/" && next === "*") {
      const start = i;
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 2;
      push("comment", start, i);
    } else if (c === "'" || c === '"') {
      const start = i;
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === "\\" ? 2 : 1;
      i = Math.min(i + 1, source.length);
      push("string", start, i);
    } else if (c === "@" && (next === "'" || next === '"')) {
      const start = i;
      i += 2;
      while (i < source.length && !(source[i] === next && source[i + 1] !== next)) i += source[i] === next ? 2 : 1;
      i = Math.min(i + 1, source.length);
      push("string", start, i);
    } else if (source.startsWith("|||", i)) {
      const start = i;
      const close = /\n[ \t]*\|\|\|/g;
      close.lastIndex = i + 3;
      const match = close.exec(source);
      i = match === null ? source.length : match.index + match[0].length;
      push("string", start, i);
    } else {
      i++;
    }
  }
  if (codeStart < source.length) spans.push({ kind: "code", start: codeStart, end: source.length });
  return spans;
}
