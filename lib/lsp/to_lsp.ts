/**
 * lib's answers in LSP's shapes: findings as diagnostics (lib's exact ranges, a link to each rule's
 * page, the fix carried in `data` for code actions), the editor model's members and std functions as
 * completion items and hovers.
 *
 * @module
 */

import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  type Hover,
  MarkupKind,
  type Range as LspRange,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, DiagnosticFix } from "../lint/diagnostic.ts";
import type { MapperCompletion, MapperSubject } from "../lint/mapper_position.ts";
import { aboutWords } from "../targets/about_words.ts";
import type { TargetVerdict } from "../targets/target_types.ts";
import type { Range } from "../types.ts";
import { RULES_DOCUMENTATION } from "./protocol.ts";

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
} as const;

/** lib's range (column) as LSP's (character): both zero-based, end exclusive, UTF-16. */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line, character: range.start.column },
    end: { line: range.end.line, character: range.end.column },
  };
}

/** What a diagnostic carries for its code action. */
interface DiagnosticData {
  fix?: DiagnosticFix;
}

/** One LSP diagnostic per finding, in lib's order. */
export function toLspDiagnostics(diagnostics: readonly Diagnostic[], uri: string): LspDiagnostic[] {
  return diagnostics.map((diagnostic) => ({
    range: toLspRange(diagnostic.range),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    codeDescription: { href: `${RULES_DOCUMENTATION}#${diagnostic.code}` },
    source: "ory-tokenizer",
    message: diagnostic.message,
    ...(diagnostic.relatedRange === undefined ? {} : {
      relatedInformation: [{
        location: { uri, range: toLspRange(diagnostic.relatedRange) },
        message: "The finding involves this too",
      }],
    }),
    ...(diagnostic.fix === undefined ? {} : { data: { fix: diagnostic.fix } satisfies DiagnosticData }),
  }));
}

/** The source of a target's diagnostics: `ory-tokenizer target hasura`. */
export function targetSource(target: string): string {
  return `ory-tokenizer target ${target}`;
}

/**
 * One diagnostic per target finding: at the mapper's range when the finding is about a claim the mapper
 * wrote, else on the document's first line (the token as a whole, a default claim, the header, the key).
 * The code is the finding's, its page the service's documentation the rule comes from.
 *
 * @param verdicts each target's verdict, by name.
 * @param firstLine the document's first line, for findings without a range.
 */
export function targetDiagnostics(verdicts: Record<string, TargetVerdict>, firstLine: string): LspDiagnostic[] {
  const top: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } };
  return Object.entries(verdicts).flatMap(([name, verdict]) =>
    verdict.findings.map((finding): LspDiagnostic => ({
      range: finding.range === undefined ? top : toLspRange(finding.range),
      severity: SEVERITY[finding.severity],
      code: finding.code,
      codeDescription: { href: finding.source },
      source: targetSource(name),
      message: `target ${name}: ${aboutWords(finding)}: ${finding.message}\nFix: ${finding.fix}`,
    }))
  );
}

/** A note about the targets (not checked, or key findings left out) on the document's first line. */
export function targetNoteDiagnostic(note: string, firstLine: string): LspDiagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
    severity: DiagnosticSeverity.Information,
    source: "ory-tokenizer targets",
    message: note,
  };
}

function sameRange(a: LspRange, b: LspRange): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character &&
    a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a: LspRange["start"], b: LspRange["start"]): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether two ranges overlap or one ends where the other starts (a cursor at a word's end). */
function touches(a: LspRange, b: LspRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * The quick fixes for a code action request. Each diagnostic the client sends back carries lib's fix in
 * `data`; a client that drops `data` (or sends no diagnostics) gets the fixes of the server's latest
 * findings for the document that match the ones sent (or touch the range).
 *
 * @param sent the request's `context.diagnostics`.
 * @param latest the diagnostics the server last reported for the document.
 * @param range the request's range.
 */
export function quickFixes(
  sent: readonly LspDiagnostic[],
  latest: readonly LspDiagnostic[],
  range: LspRange,
  uri: string,
): CodeAction[] {
  const ours = sent.filter((diagnostic) => diagnostic.source === "ory-tokenizer");
  const chosen = ours.length > 0
    ? ours.map((diagnostic) =>
      (diagnostic.data as DiagnosticData | undefined)?.fix !== undefined
        ? diagnostic
        : latest.find((known) => known.code === diagnostic.code && sameRange(known.range, diagnostic.range)) ??
          diagnostic
    )
    : latest.filter((diagnostic) => touches(diagnostic.range, range));
  return chosen.flatMap((diagnostic): CodeAction[] => {
    const fix = (diagnostic.data as DiagnosticData | undefined)?.fix;
    if (fix === undefined) return [];
    return [{
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: toLspRange(fix.range), newText: fix.newText }] } },
    }];
  });
}

/** A diagnostic for a document too large to check. */
export function tooLargeDiagnostic(length: number, limit: number): LspDiagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: "ory-tokenizer",
    message: `This file has ${length} characters; the language server checks mappers up to ${limit}, so it is ` +
      "not checked here. Run `ory-tokenizer lint` on it",
  };
}

const ITEM_KIND = {
  field: CompletionItemKind.Field,
  object: CompletionItemKind.Module,
  array: CompletionItemKind.Value,
  function: CompletionItemKind.Function,
  constant: CompletionItemKind.Constant,
} as const;

/** Completion items replacing the partly typed name. */
export function toCompletionItems(completion: MapperCompletion, document: TextDocument): CompletionItem[] {
  const range = { start: document.positionAt(completion.span.start), end: document.positionAt(completion.span.end) };
  return completion.entries.map((entry) => ({
    label: entry.label,
    kind: ITEM_KIND[entry.kind],
    detail: entry.detail,
    documentation: { kind: MarkupKind.Markdown, value: entry.documentation },
    textEdit: { range, newText: entry.label },
  }));
}

/** A hover in Markdown: a member's path, type and meaning, or a std function's signature and difference. */
export function toHover(subject: MapperSubject, document: TextDocument): Hover {
  const range = { start: document.positionAt(subject.span.start), end: document.positionAt(subject.span.end) };
  const value = subject.kind === "member"
    ? `\`${subject.path}\`: ${subject.member.type}\n\n${subject.member.documentation}`
    : [
      "```jsonnet",
      subject.std.signature,
      "```",
      "",
      subject.std.documentation,
      ...(subject.std.difference === undefined ? [] : ["", `**Engine difference:** ${subject.std.difference}`]),
    ].join("\n");
  return { contents: { kind: MarkupKind.Markdown, value: value.trimEnd() }, range };
}
