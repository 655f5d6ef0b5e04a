/**
 * Puts a preview on the page: Ory's error with its hidden detail, the token, the claims with where
 * each came from and human times, the header, the verification and the size against the budgets.
 * Text only (`textContent`): nothing a mapper returns is read as HTML.
 */
import type { ClaimOrigin, TemplatePreview } from "ory-tokenizer/lint";

/** Browsers drop a cookie past 4096 bytes; many servers refuse request headers past 8 KiB. */
export const COOKIE_BUDGET = 4096;
export const HEADER_BUDGET = 8192;

const ORIGIN_WORDS: Record<ClaimOrigin, string> = {
  default: "Ory default",
  mapper: "the mapper",
  forced: "Ory (forced)",
};

const byId = (id: string) => document.getElementById(id)!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

/** Ory's error, or none: the reason Ory answers with, and the detail its logs keep. */
export function renderError(error: TemplatePreview["error"]): void {
  const box = byId("error");
  box.hidden = error === undefined;
  if (error === undefined) return;
  byId("error-reason").textContent = `${error.status} ${error.code}: ${error.reason}`;
  byId("error-detail").textContent = error.detail ?? "(none)";
}

/** The claims table; times get their date and a countdown measured from the page's clock. */
function renderClaims(preview: TemplatePreview, nowMs: number): void {
  const body = byId("claims").querySelector("tbody")!;
  body.replaceChildren();
  for (const [name, value] of Object.entries(preview.claims ?? {})) {
    const row = document.createElement("tr");
    row.dataset["claim"] = name;
    row.append(element("th", name));
    const cell = document.createElement("td");
    cell.append(element("code", JSON.stringify(value, null, 2) ?? "undefined"));
    if ((name === "exp" || name === "iat" || name === "nbf") && typeof value === "number") {
      cell.append(element("span", timeInWords(value, nowMs, name), "time"));
    }
    row.append(cell);
    const origin = preview.origins?.[name] ?? "default";
    row.append(element("td", ORIGIN_WORDS[origin], `origin-${origin}`));
    body.append(row);
  }
}

/** `2026-12-02 06:40:00 UTC, expires in 9 min 59 s` (or `expired 3 s ago`). */
export function timeInWords(seconds: number, nowMs: number, claim: string): string {
  const date = new Date(seconds * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  if (claim !== "exp") return date;
  const left = Math.round(seconds - nowMs / 1000);
  const span = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`);
  return left > 0 ? `${date}, expires in ${span(left)}` : `${date}, expired ${span(-left)} ago`;
}

export function renderPreview(preview: TemplatePreview, nowMs: number): void {
  renderError(preview.error);
  if (preview.claims !== undefined) renderClaims(preview, nowMs);
  if (preview.token === undefined) return;
  byId("token").textContent = preview.token;
  byId("header").textContent = JSON.stringify(preview.header, null, 2);
  const verification = byId("verification");
  verification.dataset["valid"] = String(preview.verification?.valid === true);
  verification.textContent = preview.verification?.valid
    ? `Verified against the public key set (kid ${preview.header?.kid || "none"}).`
    : `Does not verify: ${preview.verification?.message ?? "not checked"}`;
  const bytes = new TextEncoder().encode(preview.token).length;
  const cookie = bytes <= COOKIE_BUDGET ? "fits" : "does not fit";
  const header = bytes + "Authorization: Bearer ".length <= HEADER_BUDGET ? "fits" : "does not fit";
  byId("size").textContent =
    `${bytes} bytes: ${cookie} a cookie (${COOKIE_BUDGET} B), ${header} an Authorization header (${HEADER_BUDGET} B).`;
}
