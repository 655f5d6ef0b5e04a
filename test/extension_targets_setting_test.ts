// The extension's oryTokenizer.targets setting is made from the profiles (scripts/extension_targets_setting.ts):
// every target lib knows, by the name the language server reads, with the service's settings.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { targetsSetting } from "../scripts/extension_targets_setting.ts";
import { TARGET_NAMES } from "../lib/mod.ts";

const manifest = JSON.parse(readFileSync(new URL("../extension/package.json", import.meta.url), "utf8"));
const setting = manifest.contributes.configuration.properties["oryTokenizer.targets"];

it("extension/package.json's oryTokenizer.targets is what the script writes (run it after changing a profile)", () => {
  assert.deepEqual(setting, targetsSetting());
});

it("offers every target by name, and each one's settings by the service's names", () => {
  const [names, ...objects] = setting.items.anyOf;
  assert.deepEqual(names.enum, TARGET_NAMES);
  assert.deepEqual(objects.map((object: { properties: { name: { const: string } } }) => object.properties.name.const), [
    ...TARGET_NAMES,
  ]);
  const hasura = objects.find((object: { properties: { name: { const: string } } }) =>
    object.properties.name.const === "hasura"
  );
  assert.equal(hasura.properties.settings.properties.allowed_skew.type, "number");
  assert.deepEqual(hasura.properties.settings.properties.claims_format.enum, ["json", "stringified_json"]);
});
