// The extension's `oryTokenizer.targets` setting, its JSON schema made from the profiles themselves (each
// target's name and title, and its settings by the service's names with their types and meanings), so
// VS Code completes and checks what the language server reads. `node --import tsx
// scripts/extension_targets_setting.ts` rewrites it in extension/package.json;
// test/extension_targets_setting_test.ts fails when it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TARGET_PROFILES, type TargetSetting } from "../lib/mod.ts";

const PACKAGE = new URL("../extension/package.json", import.meta.url);

/** A profile setting as JSON schema, under the service's own name. */
function settingSchema(setting: TargetSetting): Record<string, unknown> {
  const described = {
    markdownDescription: `${setting.description} (${setting.source})`,
  };
  switch (setting.type) {
    case "string":
      return {
        type: "string",
        ...(setting.values === undefined ? {} : { enum: [...setting.values] }),
        ...described,
      };
    case "number":
      return { type: "number", minimum: 0, ...described };
    case "boolean":
      return { type: "boolean", ...described };
    case "string[]":
      return { type: "array", items: { type: "string" }, ...described };
    case "string-or-string[]":
      return {
        type: ["string", "array"],
        items: { type: "string" },
        ...described,
      };
  }
}

/** The setting's schema: names with their titles, or `{ name, settings }` per target. */
export function targetsSetting(): Record<string, unknown> {
  const names = TARGET_PROFILES.map((profile) => profile.name);
  return {
    type: "array",
    default: [],
    uniqueItems: true,
    items: {
      anyOf: [
        {
          type: "string",
          enum: names,
          enumDescriptions: TARGET_PROFILES.map((profile) => profile.title),
        },
        ...TARGET_PROFILES.map((profile) => ({
          type: "object",
          description: `${profile.title}, with its settings`,
          required: ["name"],
          properties: {
            name: { const: profile.name },
            settings: {
              type: "object",
              properties: Object.fromEntries(
                Object.values(profile.settings).map((
                  setting,
                ) => [setting.serviceName, settingSchema(setting)]),
              ),
            },
          },
        })),
      ],
    },
    markdownDescription: "The services the token is for. The language server checks the token each mapper makes " +
      "against each service's documented contract: its findings join the Problems panel (at the line that writes " +
      "the claim, else the first line; errors when the service refuses the token, warnings when it accepts it but " +
      'something will bite), and the preview shows each verdict beside the token. A name (`"hasura"`) uses the ' +
      'service\'s defaults; `{ "name": "hasura", "settings": { "allowed_skew": 30 } }` sets the service\'s ' +
      "own settings (by its names or lib's, `allowedSkew`). The algorithm, `kid` and key checks need " +
      "`#oryTokenizer.keySet#`; without it they are left out. See `ory-tokenizer targets` and docs/targets.md.",
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(PACKAGE, "utf8"));
  const properties = manifest.contributes.configuration.properties;
  const entries = Object.entries(properties).filter(([key]) => key !== "oryTokenizer.targets");
  const at = entries.findIndex(([key]) => key === "oryTokenizer.debounceMs");
  entries.splice(at < 0 ? entries.length : at, 0, [
    "oryTokenizer.targets",
    targetsSetting(),
  ]);
  manifest.contributes.configuration.properties = Object.fromEntries(entries);
  writeFileSync(PACKAGE, `${JSON.stringify(manifest, null, 2)}\n`);
}
