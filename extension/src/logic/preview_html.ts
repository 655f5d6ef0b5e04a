/**
 * The preview panel's page: what `previewTemplate` found (the token, its header and claims with
 * human times and each claim's origin, the verification, the size against common limits, Ory's
 * error, and each target's verdict beside the token, as the playground shows them) as one
 * self-contained HTML document. Every value is escaped; the page runs no script and its
 * Content-Security-Policy allows only its own inline style.
 *
 * @module
 */

import { TARGET_PROFILES } from "../../../lib/targets/registry.ts";

/** One target's verdict as the server sends it (lib's `TargetVerdict`). */
export interface VerdictContent {
  target: string;
  accepted: boolean;
  findings: readonly {
    code: string;
    severity: "error" | "warning";
    about: { kind: string; name: string };
    message: string;
    fix: string;
    source: string;
    range?: { start: { line: number; column: number } };
  }[];
}

/** The parts of lib's `TemplatePreview` the page shows. */
export interface PreviewContent {
  diagnostics: readonly {
    severity: string;
    message: string;
    code: string;
    range: { start: { line: number; column: number } };
  }[];
  claims?: Record<string, unknown>;
  origins?: Record<string, "default" | "mapper" | "forced">;
  token?: string;
  header?: Readonly<{ alg: string; kid: string; typ: string }>;
  decoded?: {
    times: Partial<
      Record<"iat" | "nbf" | "exp", { date?: string; relative?: string }>
    >;
    lifetime?: string;
  };
  verification?: { valid: true } | { valid: false; message: string };
  error?: {
    code: string;
    status: number;
    reason: string;
    detail?: string;
    range?: { start: { line: number; column: number } };
  };
  /** Each target's verdict on the token, by name (the `oryTokenizer.targets` setting). */
  targets?: Record<string, VerdictContent>;
}

/** What the page says about where its inputs came from. */
export interface PreviewContext {
  /** The mapper's file name. */
  mapper: string;
  /** Where the session came from: a file name or "the built-in sample session". */
  session: string;
  /** Where the key set came from. */
  keys: string;
  issuer: string;
  ttl: string;
  /** A fresh random value per render, for the style's CSP nonce. */
  nonce: string;
  /** Settings that could not be used (a missing session file), shown above everything. */
  problems?: readonly string[];
  /** What the verdicts leave out (key findings for a throwaway key), or why there are none. */
  targetsNote?: string;
}

/** Sizes a token is commonly held to, smallest first. */
export const TOKEN_BUDGETS: readonly { bytes: number; what: string }[] = [
  { bytes: 4096, what: "a cookie (4 KB, browsers' limit per cookie)" },
  { bytes: 8192, what: "one request header in nginx's default buffers (8 KB)" },
  { bytes: 16384, what: "all request headers in Node.js (16 KB)" },
];

const ORIGIN_TEXT = {
  default: "Ory default",
  mapper: "mapper",
  forced: "forced by Ory",
} as const;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function json(value: unknown): string {
  return escapeHtml(JSON.stringify(value, null, 2) ?? "undefined");
}

/** Which budgets a token of this size exceeds, in words. */
export function sizeVerdict(bytes: number): { within: boolean; text: string } {
  const exceeded = TOKEN_BUDGETS.filter((budget) => bytes > budget.bytes);
  if (exceeded.length === 0) {
    return {
      within: true,
      text: `${bytes} bytes: fits ${TOKEN_BUDGETS[0]!.what}`,
    };
  }
  return {
    within: false,
    text: `${bytes} bytes: too large for ${exceeded.map((b) => b.what).join("; ")}`,
  };
}

function claimRows(content: PreviewContent): string {
  const times = content.decoded?.times ?? {};
  return Object.entries(content.claims ?? {}).map(([name, value]) => {
    const origin = content.origins?.[name];
    const time = times[name as "iat" | "nbf" | "exp"];
    const when = time?.date === undefined
      ? ""
      : `${escapeHtml(time.date)}${time.relative ? ` (${escapeHtml(time.relative)})` : ""}`;
    return `<tr><th scope="row"><code>${escapeHtml(name)}</code></th>` +
      `<td>${origin === undefined ? "" : `<span class="origin ${origin}">${ORIGIN_TEXT[origin]}</span>`}</td>` +
      `<td><pre>${json(value)}</pre>${when === "" ? "" : `<div class="time">${when}</div>`}</td></tr>`;
  }).join("\n");
}

function errorSection(
  error: NonNullable<PreviewContent["error"]>,
  mapper: string,
): string {
  const where = error.range === undefined
    ? ""
    : ` at ${escapeHtml(mapper)}:${error.range.start.line + 1}:${error.range.start.column + 1}`;
  return `<section class="error" role="alert"><h2>Ory refuses this: ${error.status} ${escapeHtml(error.reason)}</h2>` +
    (error.detail === undefined ? "" : `<p>${escapeHtml(error.detail)}${where}</p>`) +
    `<p class="code">${escapeHtml(error.code)}</p></section>`;
}

function tokenSection(token: string): string {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const size = sizeVerdict(new TextEncoder().encode(token).length);
  return `<section><h2>Token</h2><p class="token"><span class="h">${escapeHtml(header)}</span>.` +
    `<span class="p">${escapeHtml(payload)}</span>.<span class="s">${escapeHtml(signature)}</span></p>` +
    `<p class="${size.within ? "ok" : "warn"}">${escapeHtml(size.text)}</p></section>`;
}

/** The services' names as their profiles title them. */
const TITLES = new Map(TARGET_PROFILES.map((profile) => [profile.name, profile.title]));

/** The documentation a finding comes from, as a link; only an http(s) URL is one. */
function sourceLink(source: string): string {
  return /^https?:\/\//i.test(source) ? ` <a class="source" href="${escapeHtml(source)}">source</a>` : "";
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function findingItem(finding: VerdictContent["findings"][number], mapper: string): string {
  const what = finding.about.kind === "claim" ? finding.about.name : `${finding.about.kind} ${finding.about.name}`;
  const where = finding.range === undefined
    ? ""
    : ` <span class="where">· ${escapeHtml(mapper)}:${finding.range.start.line + 1}:${
      finding.range.start.column + 1
    }</span>`;
  return `<li class="finding" data-severity="${finding.severity}"><p><span class="severity">${finding.severity}</span> ` +
    `<code>${escapeHtml(what)}</code>: ${escapeHtml(finding.message)} ` +
    `<span class="code">${escapeHtml(finding.code)}</span></p>` +
    `<p class="fix"><strong>Fix:</strong> ${escapeHtml(finding.fix)}${sourceLink(finding.source)}${where}</p></li>`;
}

/** Each target's verdict: accepted or refused, every finding with its severity, fix and source. */
function verdictsSection(content: PreviewContent, context: PreviewContext): string {
  const verdicts = Object.values(content.targets ?? {});
  if (verdicts.length === 0 && context.targetsNote === undefined) return "";
  const sections = verdicts.map((verdict) => {
    const errors = verdict.findings.filter((finding) => finding.severity === "error").length;
    const warnings = verdict.findings.length - errors;
    const counts = [
      ...(errors === 0 ? [] : [plural(errors, "error")]),
      ...(warnings === 0 ? [] : [plural(warnings, "warning")]),
    ];
    const title = TITLES.get(verdict.target) ?? verdict.target;
    const findings = verdict.findings.length === 0
      ? ""
      : `<ul class="findings">${verdict.findings.map((finding) => findingItem(finding, context.mapper)).join("")}</ul>`;
    return `<section class="verdict ${verdict.accepted ? "accepted" : "refused"}">` +
      `<h3><span class="verdict-word">${verdict.accepted ? "Accepted" : "Refused"}</span> by ${escapeHtml(title)}` +
      ` <code>${escapeHtml(verdict.target)}</code>${counts.length === 0 ? "" : ` (${counts.join(", ")})`}</h3>` +
      `${findings}</section>`;
  });
  return `<section class="targets"><h2>Will the services accept it?</h2>` +
    (context.targetsNote === undefined ? "" : `<p class="meta">${escapeHtml(context.targetsNote)}</p>`) +
    `${sections.join("\n")}</section>`;
}

function verificationText(
  verification: PreviewContent["verification"],
): string {
  if (verification === undefined) return "";
  return verification.valid
    ? `<p class="ok">Verified with the key set's public half.</p>`
    : `<p class="warn">Does not verify: ${escapeHtml(verification.message)}</p>`;
}

/**
 * The panel's HTML.
 *
 * @param content what `previewTemplate` returned.
 * @param context where the inputs came from, and the nonce.
 */
export function renderPreviewHtml(
  content: PreviewContent,
  context: PreviewContext,
): string {
  const errors = content.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = content.diagnostics.filter((d) => d.severity === "warning").length;
  const refused = Object.values(content.targets ?? {}).filter((verdict) => !verdict.accepted).length;
  // The header sums up both: a clean mapper whose token a service refuses is not "no findings".
  const findings =
    (content.diagnostics.length === 0
      ? "No findings in the mapper."
      : `${errors} error(s), ${warnings} warning(s): see the Problems panel.`) +
    (refused === 0 ? "" : ` Refused by ${refused} of the services: see below.`);
  const sections = [
    `<header><h1>Sample JWT for <code>${escapeHtml(context.mapper)}</code></h1>` +
    `<p class="meta">Session: ${escapeHtml(context.session)} · Keys: ${escapeHtml(context.keys)} · ` +
    `Issuer: <code>${escapeHtml(context.issuer)}</code> · TTL: <code>${escapeHtml(context.ttl)}</code></p>` +
    `<p class="meta">${escapeHtml(findings)}</p></header>`,
    ...(context.problems ?? []).map((problem) => `<p class="warn" role="alert">${escapeHtml(problem)}</p>`),
    content.error === undefined ? "" : errorSection(content.error, context.mapper),
    content.token === undefined ? "" : tokenSection(content.token) + verificationText(content.verification),
    verdictsSection(content, context),
    content.header === undefined ? "" : `<section><h2>Header</h2><pre>${json(content.header)}</pre></section>`,
    content.claims === undefined
      ? ""
      : `<section><h2>Claims</h2>${
        content.decoded?.lifetime ? `<p class="meta">Lifetime: ${escapeHtml(content.decoded.lifetime)}</p>` : ""
      }` +
        `<table><thead><tr><th>claim</th><th>origin</th><th>value</th></tr></thead><tbody>\n` +
        `${claimRows(content)}\n</tbody></table></section>`,
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${
    escapeHtml(context.nonce)
  }';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sample JWT</title>
<style nonce="${escapeHtml(context.nonce)}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 1em; }
h1 { font-size: 1.2em; } h2 { font-size: 1em; margin: 1.2em 0 0.4em; }
code, pre, .token { font-family: var(--vscode-editor-font-family); }
pre { margin: 0; white-space: pre-wrap; }
.token { word-break: break-all; } .h { color: var(--vscode-charts-red); } .p { color: var(--vscode-charts-purple); } .s { color: var(--vscode-charts-blue); }
.meta { opacity: 0.8; } .ok { color: var(--vscode-testing-iconPassed); } .warn { color: var(--vscode-editorWarning-foreground); }
.error { border-left: 3px solid var(--vscode-editorError-foreground); padding-left: 0.8em; } .error h2 { color: var(--vscode-editorError-foreground); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 2px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
.origin { padding: 0 6px; border-radius: 8px; font-size: 0.85em; } .origin.default { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.origin.mapper { background: var(--vscode-charts-green); color: #000; } .origin.forced { background: var(--vscode-charts-orange); color: #000; }
.time { opacity: 0.8; font-size: 0.9em; } td:nth-child(2) { white-space: nowrap; }
.verdict { border: 1px solid var(--vscode-panel-border); border-left-width: 4px; border-radius: 4px; padding: 0.3em 0.8em; margin: 0.5em 0; }
.verdict.accepted { border-left-color: var(--vscode-testing-iconPassed); } .verdict.refused { border-left-color: var(--vscode-editorError-foreground); }
.verdict h3 { font-size: 0.95em; margin: 0.2em 0; } .verdict.accepted .verdict-word { color: var(--vscode-testing-iconPassed); } .verdict.refused .verdict-word { color: var(--vscode-editorError-foreground); }
.findings { list-style: none; margin: 0; padding: 0; } .finding { border-top: 1px solid var(--vscode-panel-border); padding: 0.3em 0; } .finding p { margin: 0.1em 0; }
.finding .severity { display: inline-block; min-width: 4.5em; font-size: 0.75em; font-weight: 600; text-transform: uppercase; color: var(--vscode-editorError-foreground); }
.finding[data-severity="warning"] .severity { color: var(--vscode-editorWarning-foreground); } .finding .code { opacity: 0.7; font-size: 0.85em; }
.finding .fix, .finding .where { opacity: 0.85; } .finding .source { color: var(--vscode-textLink-foreground); }
</style></head>
<body>
${sections.filter(Boolean).join("\n")}
</body></html>
`;
}
