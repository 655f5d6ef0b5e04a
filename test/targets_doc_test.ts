// docs/targets.md is generated from the profiles (scripts/targets_doc.ts): it must say what checkTarget checks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { targetsDoc } from "../scripts/targets_doc.ts";
import { TARGET_NAMES } from "../lib/mod.ts";

/** The text without what deno fmt changes: line breaks in prose and the tables' padding. */
function normalized(text: string): string {
  return text.replace(/ *\| */g, "|").replace(/\|-+(?=\|)/g, "|-").replace(/\s+/g, " ").trim();
}

it("docs/targets.md is what scripts/targets_doc.ts writes from the profiles (run it after changing a profile)", () => {
  const page = readFileSync(new URL("../docs/targets.md", import.meta.url), "utf8");
  assert.equal(normalized(page), normalized(targetsDoc()));
  for (const name of TARGET_NAMES) assert.ok(page.includes(`: \`${name}\``), name);
});
