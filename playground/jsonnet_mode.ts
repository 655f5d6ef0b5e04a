/**
 * Jsonnet highlighting for CodeMirror: a small stream tokenizer (comments, the three string forms,
 * text blocks, numbers, keywords, `std`, `$` and `self`), enough to read a mapper; the linter, not
 * the highlighter, says what is wrong.
 */
import { StreamLanguage, type StringStream } from "@codemirror/language";
import { JSONNET_KEYWORDS } from "ory-tokenizer/editor";

// lib's list, which its lexer reads: the highlighting calls a word a keyword exactly when the linter does.
const KEYWORDS: ReadonlySet<string> = new Set(JSONNET_KEYWORDS);

interface State {
  /** Inside a `/* … *\/` comment, a `|||` text block, or a verbatim `@'…'` string spanning lines. */
  inside: "comment" | "block" | "'" | '"' | undefined;
}

function quoted(stream: StringStream, quote: string, state: State): string {
  let escaped = false;
  for (let next = stream.next(); next; next = stream.next()) {
    if (next === quote && !escaped) {
      state.inside = undefined;
      return "string";
    }
    escaped = !escaped && next === "\\";
  }
  state.inside = quote as State["inside"];
  return "string";
}

export const jsonnet = StreamLanguage.define<State>({
  name: "jsonnet",
  startState: () => ({ inside: undefined }),
  token(stream, state) {
    if (state.inside === "comment") {
      if (stream.skipTo("*/")) {
        stream.pos += 2;
        state.inside = undefined;
      } else stream.skipToEnd();
      return "comment";
    }
    if (state.inside === "block") {
      if (stream.sol() && stream.match(/^\s*\|\|\|-?/)) state.inside = undefined;
      else stream.skipToEnd();
      return "string";
    }
    if (state.inside === "'" || state.inside === '"') return quoted(stream, state.inside, state);
    if (stream.eatSpace()) return null;
    if (stream.match("//") || stream.match("#")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.inside = "comment";
      return "comment";
    }
    if (stream.match(/^\|\|\|-?/)) {
      state.inside = "block";
      return "string";
    }
    const first = stream.next()!;
    if (first === "@" && (stream.peek() === "'" || stream.peek() === '"')) return quoted(stream, stream.next()!, state);
    if (first === "'" || first === '"') return quoted(stream, first, state);
    if (/\d/.test(first)) {
      stream.match(/^[\d.]*(?:[eE][+-]?\d+)?/);
      return "number";
    }
    if (/[A-Za-z_]/.test(first)) {
      stream.match(/^\w*/);
      const word = stream.current();
      if (word === "std") return "variableName.standard";
      if (word === "true" || word === "false" || word === "null") return "atom";
      if (KEYWORDS.has(word)) return "keyword";
      return stream.peek() === ":" ? "propertyName" : "variableName";
    }
    if (first === "$") return "self";
    return /[{}[\]()]/.test(first) ? "bracket" : "operator";
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});
