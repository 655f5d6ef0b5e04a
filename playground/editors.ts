/**
 * The three CodeMirror editors (the claims mapper in Jsonnet, the session and the key set in JSON) and
 * their markers: lib's findings (zero-based lines, UTF-16 columns, end exclusive) become CodeMirror
 * diagnostics at the same range, with lib's quick fix as the marker's action.
 */
import { basicSetup } from "codemirror";
import { EditorView } from "@codemirror/view";
import type { Extension, Text } from "@codemirror/state";
import { json } from "@codemirror/lang-json";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { type Diagnostic as EditorDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import type { Diagnostic } from "ory-tokenizer/lint";
import type { Position } from "ory-tokenizer";
import { jsonnet } from "./jsonnet_mode.ts";

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  language: "jsonnet" | "json";
  /** The accessible name of the editing area. */
  label: string;
  onChange: (text: string) => void;
}

export function createEditor(options: EditorOptions): EditorView {
  const extensions: Extension[] = [
    basicSetup,
    syntaxHighlighting(THEMED_HIGHLIGHT),
    options.language === "jsonnet" ? jsonnet : json(),
    lintGutter(),
    EditorView.contentAttributes.of({ "aria-label": options.label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
  return new EditorView({ doc: options.text, extensions, parent: options.parent });
}

/** The offset of a zero-based line and UTF-16 column, clamped into the document. */
function offsetOf(doc: Text, position: Position): number {
  const lineNumber = Math.min(Math.max(position.line + 1, 1), doc.lines);
  const line = doc.line(lineNumber);
  return Math.min(line.from + Math.max(position.column, 0), line.to);
}

/**
 * Token colours from the page's CSS variables, so the editors follow the light or dark theme
 * (CodeMirror's default style is for light backgrounds only).
 */
const THEMED_HIGHLIGHT = HighlightStyle.define([
  { tag: [tags.keyword, tags.self], color: "var(--tok-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--tok-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--tok-number)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [tags.propertyName], color: "var(--tok-property)" },
  { tag: [tags.standard(tags.variableName), tags.variableName], color: "var(--tok-variable)" },
]);

const SEVERITY = { error: "error", warning: "warning", information: "info" } as const;

/** Shows lib's findings for the mapper, each with its quick fix as an action. */
export function showFindings(view: EditorView, findings: readonly Diagnostic[]): void {
  const doc = view.state.doc;
  const markers: EditorDiagnostic[] = findings.map((finding) => {
    const from = offsetOf(doc, finding.range.start);
    const to = Math.max(from, offsetOf(doc, finding.range.end));
    const fix = finding.fix;
    return {
      from,
      to,
      severity: SEVERITY[finding.severity],
      source: finding.code,
      message: finding.message,
      ...(fix === undefined ? {} : {
        actions: [{
          name: fix.title,
          apply(target: EditorView) {
            const at = target.state.doc;
            target.dispatch({
              changes: { from: offsetOf(at, fix.range.start), to: offsetOf(at, fix.range.end), insert: fix.newText },
            });
          },
        }],
      }),
    };
  });
  view.dispatch(setDiagnostics(view.state, markers));
}

/** Shows one problem at an offset (a JSON parse error, a key set that is not usable), or none. */
export function showProblem(view: EditorView, problem: { message: string; from: number } | undefined): void {
  const length = view.state.doc.length;
  const markers: EditorDiagnostic[] = problem === undefined ? [] : [{
    from: Math.min(problem.from, length),
    to: Math.min(problem.from + 1, length),
    severity: "error",
    message: problem.message,
  }];
  view.dispatch(setDiagnostics(view.state, markers));
}

/** Replaces an editor's whole text (a preset, a generated key set), as one undoable change. */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
