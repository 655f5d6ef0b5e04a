/**
 * "Will the service accept it?": the target picker (a checkbox per service, its settings as text
 * inputs), each chosen target's verdict beside the token (every finding with its severity, what it is
 * about, the message, the fix and the documentation it comes from), the findings that have a range as
 * editor markers, and the starters' gallery. Text only (`textContent`): nothing is read as HTML.
 */
import { TARGET_PROFILES, type TargetProfile, type TargetSetting, type TargetVerdict } from "ory-tokenizer";
import type { Diagnostic, PreviewTarget } from "ory-tokenizer/lint";
import type { PlaygroundState } from "./storage.ts";

const PROFILES = new Map(TARGET_PROFILES.map((profile) => [profile.name, profile]));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

/** The chosen targets that exist (a link from another version may name others), in the listing's order. */
export function chosenTargets(state: PlaygroundState): TargetProfile[] {
  const chosen = new Set(state.targets ?? []);
  return TARGET_PROFILES.filter((profile) => chosen.has(profile.name));
}

/** A setting's typed text as its value; a problem in words when it is not of the setting's type. */
function settingValue(setting: TargetSetting, text: string): { value: unknown } | { problem: string } {
  const list = text.split(",").map((item) => item.trim()).filter((item) => item !== "");
  switch (setting.type) {
    case "number": {
      const value = Number(text);
      return /^\s*\d+(\.\d+)?\s*$/.test(text) ? { value } : { problem: `${setting.serviceName} must be a number` };
    }
    case "boolean":
      return text === "true" || text === "false"
        ? { value: text === "true" }
        : { problem: `${setting.serviceName} must be true or false` };
    case "string":
      return setting.values === undefined || setting.values.includes(text)
        ? { value: text }
        : { problem: `${setting.serviceName} must be one of ${setting.values.join(", ")}` };
    case "string[]":
      return { value: list };
    case "string-or-string[]":
      return { value: list.length === 1 ? list[0] : list };
  }
}

/** What the preview checks: each chosen target with its settings, and the settings that could not be used. */
export function previewTargets(state: PlaygroundState): { targets: PreviewTarget[]; problems: string[] } {
  const problems: string[] = [];
  const targets = chosenTargets(state).map((profile) => {
    const settings: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(state.targetSettings?.[profile.name] ?? {})) {
      const setting = Object.hasOwn(profile.settings, key) ? profile.settings[key] : undefined;
      if (setting === undefined || text.trim() === "") continue;
      const typed = settingValue(setting, text.trim());
      if ("problem" in typed) problems.push(`${profile.name}: ${typed.problem}; it is left out.`);
      else settings[key] = typed.value;
    }
    return { name: profile.name, settings };
  });
  return { targets, problems };
}

/** The starter's settings as the inputs' text. */
export function settingsText(settings: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings ?? {}).map((
      [key, value],
    ) => [key, Array.isArray(value) ? value.join(", ") : String(value)]),
  );
}

/** The picker: a checkbox per target; a chosen target's settings under it. */
export function renderPicker(state: PlaygroundState, onChange: () => void): void {
  const list = document.getElementById("target-picker")!;
  list.replaceChildren();
  const chosen = new Set(state.targets ?? []);
  for (const profile of TARGET_PROFILES) {
    const item = element("li");
    item.dataset["target"] = profile.name;
    const label = element("label");
    const box = element("input");
    box.type = "checkbox";
    box.checked = chosen.has(profile.name);
    box.addEventListener("change", () => {
      const names = new Set(state.targets ?? []);
      if (box.checked) names.add(profile.name);
      else names.delete(profile.name);
      state.targets = TARGET_PROFILES.map((p) => p.name).filter((name) => names.has(name));
      renderPicker(state, onChange);
      onChange();
    });
    label.append(box, element("span", profile.name, "target-name"));
    label.title = profile.title;
    item.append(label);
    if (box.checked && Object.keys(profile.settings).length > 0) item.append(settingsEditor(profile, state, onChange));
    list.append(item);
  }
}

function settingsEditor(profile: TargetProfile, state: PlaygroundState, onChange: () => void): HTMLElement {
  const details = element("details", undefined, "target-settings");
  const given = state.targetSettings?.[profile.name] ?? {};
  const count = Object.values(given).filter((text) => text.trim() !== "").length;
  details.append(element("summary", `${profile.name} settings${count === 0 ? "" : ` (${count} set)`}`));
  for (const [key, setting] of Object.entries(profile.settings)) {
    const label = element("label");
    const input = element("input");
    input.value = given[key] ?? "";
    input.spellcheck = false;
    input.placeholder = setting.default === undefined
      ? setting.type.endsWith("[]") ? "a, b" : "unset"
      : Array.isArray(setting.default)
      ? setting.default.join(", ")
      : String(setting.default);
    input.dataset["setting"] = key;
    input.addEventListener("input", () => {
      state.targetSettings = {
        ...state.targetSettings,
        [profile.name]: { ...state.targetSettings?.[profile.name], [key]: input.value },
      };
      onChange();
    });
    label.append(element("span", setting.serviceName), input);
    label.title = setting.description;
    details.append(label);
  }
  return details;
}

function findingItem(finding: TargetVerdict["findings"][number]): HTMLElement {
  const item = element("li", undefined, "finding");
  item.dataset["severity"] = finding.severity;
  item.dataset["code"] = finding.code;
  const head = element("p");
  const what = finding.about.kind === "claim" ? finding.about.name : `${finding.about.kind} ${finding.about.name}`;
  head.append(element("span", finding.severity, "severity"), " ", element("code", what), ": ", finding.message);
  const fix = element("p", undefined, "fix");
  fix.append(element("strong", "Fix: "), finding.fix);
  const source = element("a", "source", "source");
  source.href = finding.source;
  source.target = "_blank";
  source.rel = "noopener noreferrer";
  const where = finding.range === undefined
    ? undefined
    : element("span", ` · mapper line ${finding.range.start.line + 1}`, "where");
  fix.append(" ", source);
  if (where !== undefined) fix.append(where);
  item.append(head, fix);
  return item;
}

/** Each chosen target's verdict on the token, or what stops one from being given. */
export function renderVerdicts(verdicts: Record<string, TargetVerdict> | undefined, state: PlaygroundState): void {
  const box = document.getElementById("verdicts")!;
  box.replaceChildren();
  const chosen = chosenTargets(state);
  document.getElementById("verdicts-empty")!.hidden = chosen.length > 0;
  for (const profile of chosen) {
    const verdict = verdicts?.[profile.name];
    const section = element("section", undefined, "verdict");
    section.dataset["target"] = profile.name;
    if (verdict === undefined) {
      section.dataset["accepted"] = "unknown";
      section.append(element("h3", `${profile.name}: not checked (no token yet)`));
      box.append(section);
      continue;
    }
    const errors = verdict.findings.filter((finding) => finding.severity === "error").length;
    const warnings = verdict.findings.length - errors;
    section.dataset["accepted"] = String(verdict.accepted);
    const counts = [
      ...(errors === 0 ? [] : [`${errors} error${errors === 1 ? "" : "s"}`]),
      ...(warnings === 0 ? [] : [`${warnings} warning${warnings === 1 ? "" : "s"}`]),
    ];
    const title = element("h3");
    title.append(
      element("span", verdict.accepted ? "Accepted" : "Refused", "verdict-word"),
      ` by ${profile.title}${counts.length === 0 ? "" : ` (${counts.join(", ")})`}`,
    );
    section.append(title);
    if (verdict.findings.length > 0) {
      const list = element("ul", undefined, "findings");
      for (const finding of verdict.findings) list.append(findingItem(finding));
      section.append(list);
    }
    box.append(section);
  }
}

/** The findings with a range in the mapper, as editor markers beside lint's. */
export function targetDiagnostics(verdicts: Record<string, TargetVerdict> | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const verdict of Object.values(verdicts ?? {})) {
    for (const finding of verdict.findings) {
      if (finding.range === undefined) continue;
      diagnostics.push({
        code: `target ${verdict.target}: ${finding.code}` as Diagnostic["code"],
        severity: finding.severity,
        message: `${verdict.target} ${
          verdict.accepted ? "accepts, but" : "refuses"
        }: ${finding.message}. Fix: ${finding.fix}`,
        range: finding.range,
      });
    }
  }
  return diagnostics;
}

/** The starters' gallery: one card per target; picking one hands its profile to `onPick`. */
export function renderGallery(onPick: (profile: TargetProfile) => void): void {
  const list = document.getElementById("starter-gallery")!;
  list.replaceChildren();
  for (const profile of TARGET_PROFILES) {
    const item = element("li");
    const button = element("button", undefined, "starter");
    button.type = "button";
    button.dataset["starter"] = profile.name;
    button.append(
      element("strong", profile.name),
      element("span", profile.title, "starter-title"),
      element("span", `${profile.starter.template.alg} · ttl ${profile.starter.template.ttl}`, "starter-meta"),
    );
    button.addEventListener("click", () => onPick(profile));
    item.append(button);
    list.append(item);
  }
}

/** Known target names only, for state from storage or a link. */
export function knownTargets(names: unknown): string[] {
  return Array.isArray(names) ? names.filter((name): name is string => PROFILES.has(String(name))) : [];
}
