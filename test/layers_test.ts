// lib in layers: every folder (or root file) of lib has a layer, and a module imports only from its own
// folder or from a lower layer, type-only imports included. Two folders of one layer know nothing of each
// other. CONTRIBUTING.md ("The layers") draws this table; change both together.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importsOf, libModules } from "./_lib_imports.ts";

/** lib's layers, the bottom first: each folder or root file of lib, once. */
const LAYERS: readonly (readonly string[])[] = [
  ["types.ts"],
  ["errors.ts"],
  ["encoding"],
  ["session", "sources", "keys"],
  ["jsonnet"],
  ["token", "issuer"],
  ["tokenize"],
  ["lint", "golden", "config", "targets"],
  ["preview"],
  ["whoami"],
  // The runtime adapters: they may use the core they adapt; the core never imports them.
  ["runtime"],
  // The public API with the runtime's adapters filled in: the one place core and adapters meet.
  ["wired"],
  // The language server: a shell over the public calls, which the CLI's \`lsp\` command starts.
  ["lsp"],
  // Entry points: the package's barrels and the CLI.
  ["mod.ts", "entries", "cli"],
];

/** The folder (or root file) a module of lib belongs to. */
function unitOf(module: string): string {
  return module.split(/[/\\]/)[0]!;
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Every import that breaks the layers, as `from → to (why)`. */
function violations(modules: readonly string[], imports: (module: string) => string[]): string[] {
  const found: string[] = [];
  for (const module of modules) {
    const from = unitOf(module);
    for (const target of imports(module)) {
      const to = unitOf(target);
      if (to === from) continue;
      const [a, b] = [layerOf(from), layerOf(to)];
      if (b > a) found.push(`${module} → ${target} (imports upward: ${from} is below ${to})`);
      else if (b === a) found.push(`${module} → ${target} (${from} and ${to} share a layer)`);
    }
  }
  return found;
}

describe("lib's layers", () => {
  const modules = libModules();

  it("name every folder and root file of lib, once", () => {
    const units = [...new Set(modules.map(unitOf))].sort();
    assert.deepEqual([...LAYERS.flat()].sort(), units);
  });

  it("only point down, type-only imports included", () => {
    assert.deepEqual(violations(modules, (module) => importsOf(module, modules)), []);
  });

  it("catch an upward import, a sideways one and allow one within a folder (the check itself can fail)", () => {
    const imports: Record<string, string[]> = {
      "keys/signing_key.ts": ["runtime/node_signer.ts", "keys/algorithms.ts", "errors.ts"],
      "lint/rule.ts": ["golden/golden_case.ts"],
    };
    assert.deepEqual(violations(Object.keys(imports), (module) => imports[module] ?? []), [
      "keys/signing_key.ts → runtime/node_signer.ts (imports upward: keys is below runtime)",
      "lint/rule.ts → golden/golden_case.ts (lint and golden share a layer)",
    ]);
  });

  it("keep the runtime adapters out of the core: only wired/, the entry points and runtime/ import runtime/", () => {
    const importers = modules.filter((module) =>
      !["runtime", "wired", "mod.ts", "entries", "cli"].includes(unitOf(module))
    )
      .filter((module) => importsOf(module, modules).some((target) => unitOf(target) === "runtime"));
    assert.deepEqual(importers, []);
  });
});
