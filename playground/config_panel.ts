/**
 * The config to paste into Ory for the current template: the `ory patch` command, the `kratos.yml`
 * part, or a JSON Patch, all from lib's encoders (the key set and mapper as `base64://` sources, as
 * Ory keeps them).
 */
import { encodeTemplate, type JwkSet, toJsonPatch, toKratosConfig, toOryPatchCommand } from "ory-tokenizer";
import type { PlaygroundState } from "./storage.ts";

let format = "patch";

export function renderConfig(state: PlaygroundState, keys: JwkSet | undefined): void {
  const out = document.getElementById("config")!;
  if (keys === undefined) return;
  try {
    const template = encodeTemplate({
      jwks: keys,
      ...(state.mapper.trim() === "" ? {} : { claimsMapper: state.mapper }),
      ttl: state.ttl,
      ...(state.subjectSource === "" ? {} : { subjectSource: state.subjectSource }),
    });
    const slug = state.slug.trim();
    out.textContent = format === "patch"
      ? toOryPatchCommand(state.templateName, template, slug === "" ? {} : { project: slug })
      : format === "yaml"
      ? toKratosConfig({ [state.templateName]: template }, "yaml")
      : JSON.stringify(toJsonPatch({ [state.templateName]: template }), null, 2);
  } catch (error) {
    out.textContent = error instanceof Error ? error.message : String(error);
  }
}

export function selectConfig(next: string, state: PlaygroundState, keys: JwkSet | undefined): void {
  format = next;
  for (const tab of document.querySelectorAll<HTMLButtonElement>("[data-config]")) {
    tab.setAttribute("aria-selected", String(tab.dataset["config"] === next));
  }
  renderConfig(state, keys);
}
