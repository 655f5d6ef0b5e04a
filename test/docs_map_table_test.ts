// CONTRIBUTING.md's map of the repository: one table whose rows end in the same column in every
// viewer. deno fmt aligns it by characters; a character outside ASCII (an arrow, an ellipsis) is more
// than one byte and, in some terminals, two cells wide, and its row stood out of the table there.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";

const CONTRIBUTING = new URL("../CONTRIBUTING.md", import.meta.url);

it("CONTRIBUTING.md's map is one table, each row the width of its header in characters and in bytes", () => {
  const text = readFileSync(CONTRIBUTING, "utf8");
  const section = text.slice(text.indexOf("## Map of the repository"), text.indexOf("\n## ", text.indexOf("## Map")));
  const lines = section.split("\n").filter((line) => line.trim() !== "").slice(1);
  assert.ok(lines.length > 10, "the map has its rows");
  assert.ok(lines.every((line) => line.startsWith("|")), "nothing but table rows: one table");
  const width = lines[0]!.length;
  for (const line of lines) {
    assert.equal(line.length, width, line);
    assert.equal(new TextEncoder().encode(line).length, width, `ASCII only, so every viewer aligns it: ${line}`);
    assert.equal(line.split("|").length, 4, `two cells: ${line}`);
  }
});
