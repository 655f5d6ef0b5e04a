// lib's modules and the specifiers they import, read from the sources: the shape and layer tests walk them.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** lib/ on this machine. */
export const LIB: string = fileURLToPath(new URL("../lib/", import.meta.url));

/** Every source module of lib (the generated glue included), as paths relative to lib/. */
export function libModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(relative(LIB, path));
    }
  };
  walk(LIB);
  return found.sort();
}

/** The specifiers a module imports or re-exports, statically or with `import()`, type-only ones included. */
export function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|[\s;])(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']/g)) {
    found.push(match[1]!);
  }
  for (const match of code.matchAll(/(?:^|[\s;])import\s*["']([^"']+)["']/g)) found.push(match[1]!);
  for (const match of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(match[1]!);
  return found;
}

export function read(module: string): string {
  return readFileSync(join(LIB, module), "utf8");
}

/** The lib modules a module imports, as paths relative to lib/ (type-only imports included). */
export function importsOf(module: string, modules: readonly string[]): string[] {
  return specifiers(read(module)).filter((s) => s.startsWith(".")).map((s) =>
    relative(LIB, resolve(dirname(join(LIB, module)), s))
  ).filter((target) => modules.includes(target));
}
