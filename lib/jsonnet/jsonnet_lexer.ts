/**
 * A Jsonnet lexer for the linter: tokens with source offsets, comments and whitespace skipped. It
 * follows go-jsonnet v0.21.0's lexical rules (Ory's engine), including `|||-` text blocks, which this
 * project's engine cannot parse.
 *
 * @module
 */

import { JSONNET_KEYWORDS } from "./jsonnet_keywords.ts";

/** What a token is. */
export type TokenKind = "identifier" | "keyword" | "number" | "string" | "operator" | "symbol" | "end";

/** One token; `start` and `end` are offsets into the source (UTF-16 code units, end exclusive). */
export interface Token {
  kind: TokenKind;
  /** The token's text as written (for strings, with quotes). */
  text: string;
  /** For strings: the decoded value. */
  value?: string;
  /** For strings: `'`, `"`, `@'`, `@"`, `|||` or `|||-`. */
  quote?: string;
  start: number;
  end: number;
}

/** Where lexing or parsing stopped on text that is not Jsonnet. */
export class JsonnetSyntaxError extends SyntaxError {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonnetSyntaxError";
    this.offset = offset;
  }
}

const KEYWORDS: ReadonlySet<string> = new Set(JSONNET_KEYWORDS);

// Longest first: the lexer takes the first operator that matches here.
const OPERATORS = [
  "+:::",
  ":::",
  "+::",
  "::",
  "+:",
  "==",
  "!=",
  "<=",
  ">=",
  "<<",
  ">>",
  "&&",
  "||",
  "!",
  ":",
  "~",
  "+",
  "-",
  "&",
  "|",
  "^",
  "=",
  "<",
  ">",
  "*",
  "/",
  "%",
  "$",
];

const SYMBOLS = "{}[],.();";
const ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Splits Jsonnet source into tokens, ending with one `end` token.
 *
 * @throws {JsonnetSyntaxError} on text that is not Jsonnet (an unterminated string or comment, a stray
 *   character); the engine reports such mistakes to the user, so callers only skip static checks.
 */
export function lexJsonnet(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "#" || (c === "/" && source[i + 1] === "/")) {
      while (i < n && source[i] !== "\n") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      const close = source.indexOf("*/", i + 2);
      if (close < 0) throw new JsonnetSyntaxError("Unterminated comment", i);
      i = close + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      const text = source.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(text) ? "keyword" : "identifier", text, start, end: i });
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 400))!;
      tokens.push({ kind: "number", text: match[0], start: i, end: i + match[0].length });
      i += match[0].length;
    } else if (c === '"' || c === "'") {
      i = quoted(source, i, tokens);
    } else if (c === "@" && (source[i + 1] === '"' || source[i + 1] === "'")) {
      i = verbatim(source, i, tokens);
    } else if (source.startsWith("|||", i)) {
      i = textBlock(source, i, tokens);
    } else if (SYMBOLS.includes(c)) {
      tokens.push({ kind: "symbol", text: c, start: i, end: i + 1 });
      i++;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (op === undefined) throw new JsonnetSyntaxError(`Unexpected character ${JSON.stringify(c)}`, i);
      tokens.push({ kind: "operator", text: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  tokens.push({ kind: "end", text: "", start: n, end: n });
  return tokens;
}

function quoted(source: string, start: number, tokens: Token[]): number {
  const quote = source[start]!;
  let value = "";
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === "\\") {
      const next = source[i + 1];
      if (next === "u") {
        value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      value += next === undefined ? "" : ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += source[i];
    i++;
  }
  if (i >= source.length) throw new JsonnetSyntaxError("Unterminated string", start);
  tokens.push({ kind: "string", text: source.slice(start, i + 1), value, quote, start, end: i + 1 });
  return i + 1;
}

function verbatim(source: string, start: number, tokens: Token[]): number {
  const quote = source[start + 1]!;
  let value = "";
  let i = start + 2;
  for (;;) {
    if (i >= source.length) throw new JsonnetSyntaxError("Unterminated string", start);
    if (source[i] === quote) {
      if (source[i + 1] !== quote) break;
      value += quote;
      i += 2;
      continue;
    }
    value += source[i];
    i++;
  }
  tokens.push({ kind: "string", text: source.slice(start, i + 1), value, quote: `@${quote}`, start, end: i + 1 });
  return i + 1;
}

/** `|||` (or `|||-`), a line break, lines sharing the first line's indentation, then `|||`. */
function textBlock(source: string, start: number, tokens: Token[]): number {
  const chomp = source[start + 3] === "-";
  let i = start + (chomp ? 4 : 3);
  while (source[i] === " " || source[i] === "\t" || source[i] === "\r") i++;
  if (source[i] !== "\n") throw new JsonnetSyntaxError("Text block requires a new line after |||", start);
  i++;
  const lines: string[] = [];
  let prefix: string | undefined;
  for (;;) {
    if (i >= source.length) throw new JsonnetSyntaxError("Unterminated text block", start);
    const lineEnd = source.indexOf("\n", i) < 0 ? source.length : source.indexOf("\n", i);
    const line = source.slice(i, lineEnd);
    if (prefix === undefined) {
      if (line.trim() === "" && lineEnd < source.length) {
        lines.push("");
        i = lineEnd + 1;
        continue;
      }
      prefix = /^[ \t]*/.exec(line)![0];
      if (prefix === "") throw new JsonnetSyntaxError("Text block's first line must start with whitespace", i);
    }
    if (line.startsWith(prefix)) {
      lines.push(line.slice(prefix.length));
    } else if (line.trim() === "" && lineEnd < source.length) {
      lines.push("");
    } else {
      const close = /^[ \t]*\|\|\|/.exec(line);
      if (close === null) throw new JsonnetSyntaxError("Text block not terminated with |||", i);
      const end = i + close[0].length;
      const value = lines.join("\n") + (chomp ? "" : "\n");
      const quote = chomp ? "|||-" : "|||";
      tokens.push({ kind: "string", text: source.slice(start, end), value, quote, start, end });
      return end;
    }
    i = lineEnd + 1;
  }
}
