/**
 * Completion and hover for what a mapper reads: the member path an expression names under
 * `std.extVar('session')` or `std.extVar('claims')` (directly or through a `local` bound to either,
 * or to a member of either), resolved against Kratos's session shape, the sample session (for open
 * members such as `identity.traits`) and the identity schema's trait properties.
 *
 * @module
 */

import {
  CLAIMS_SHAPE,
  type FieldShape,
  HIDDEN_MEMBERS,
  SESSION_SHAPE,
  type Shape,
} from "../../../lib/entries/editor.ts";
import { CLAIMS_FIELD_DOCS, SESSION_FIELD_DOCS } from "./session_field_docs.ts";

/** Which of Ory's variables a path starts from. */
export type OryVariable = "session" | "claims";

/** A member path under one of Ory's variables; numbers are array indexes. */
export interface VariablePath {
  variable: OryVariable;
  path: (string | number)[];
}

/** What else is known about the data, beyond Kratos's shape. */
export interface PathContext {
  /** The sample session the diagnostics use: open members complete from its values. */
  session?: unknown;
  /** An identity JSON schema: `identity.traits` completes from its `properties.traits.properties`. */
  identitySchema?: unknown;
}

/** One completion or hover subject. */
export interface MemberInfo {
  name: string;
  /** `a string`, `an object`, `an array`, `a time string`, … */
  type: string;
  /** What the member means, and when it may be missing or null. */
  documentation: string;
  kind: "field" | "object" | "array";
}

// No backreference for the quotes: this pattern is embedded in others, which shifts group numbers.
const EXT_VAR = String
  .raw`std\s*\.\s*extVar\s*\(\s*["'](session|claims)["']\s*\)`;
const IDENTIFIER = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const STEP = String
  .raw`\s*\.\s*${IDENTIFIER}|\s*\[\s*(?:\d+|"[^"\n]*"|'[^'\n]*')\s*\]`;
/** An expression chain: a root (extVar call or identifier) and its member steps. */
const CHAIN = `(?:${EXT_VAR}|(${IDENTIFIER}))((?:${STEP})*)`;

function parseSteps(steps: string): (string | number)[] {
  const result: (string | number)[] = [];
  for (
    const match of steps.matchAll(
      /\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*(\d+|"[^"\n]*"|'[^'\n]*')\s*\]/g,
    )
  ) {
    if (match[1] !== undefined) result.push(match[1]);
    else if (/^\d+$/.test(match[2]!)) result.push(Number(match[2]));
    else result.push(match[2]!.slice(1, -1));
  }
  return result;
}

/**
 * The locals bound to Ory's variables or to members of them: `local s = std.extVar('session');`,
 * `local traits = s.identity.traits;`. Later bindings see earlier ones; shadowing is not tracked
 * (a mapper rarely rebinds the name of its session).
 */
export function variableAliases(text: string): Map<string, VariablePath> {
  const aliases = new Map<string, VariablePath>();
  const binding = new RegExp(
    String.raw`\blocal\s+(${IDENTIFIER})\s*=\s*${CHAIN}\s*[;,]`,
    "g",
  );
  for (const match of text.matchAll(binding)) {
    const [, name, variable, root, steps] = match;
    const base = variable !== undefined ? { variable: variable as OryVariable, path: [] } : aliases.get(root!);
    if (base === undefined) continue;
    aliases.set(name!, {
      variable: base.variable,
      path: [...base.path, ...parseSteps(steps ?? "")],
    });
  }
  return aliases;
}

/**
 * The chain ending at `offset`: the member path before the last dot and the partial name after it.
 * `std.extVar('session').identity.tr|` gives `{ variable: "session", path: ["identity"], partial: "tr" }`.
 */
export function pathBeforeCursor(
  text: string,
  offset: number,
): (VariablePath & { partial: string }) | undefined {
  const prefix = text.slice(Math.max(0, offset - 2000), offset);
  const match = new RegExp(`${CHAIN}\\s*\\.\\s*(${IDENTIFIER})?$`).exec(prefix);
  if (match === null) return undefined;
  const [, variable, root, steps, partial] = match;
  const base = variable !== undefined
    ? { variable: variable as OryVariable, path: [] }
    : variableAliases(text).get(root!);
  if (base === undefined) return undefined;
  return {
    variable: base.variable,
    path: [...base.path, ...parseSteps(steps ?? "")],
    partial: partial ?? "",
  };
}

/** The chain whose last member name covers `offset`, and that name's span, for hovers. */
export function pathAt(
  text: string,
  offset: number,
): (VariablePath & { start: number; end: number }) | undefined {
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) start--;
  if (start === end) return undefined;
  const before = pathBeforeCursor(text, end);
  if (before === undefined || before.partial !== text.slice(start, end)) {
    return undefined;
  }
  return {
    variable: before.variable,
    path: [...before.path, before.partial],
    start,
    end,
  };
}

function shapeType(shape: Shape): string {
  switch (shape.kind) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "open":
      return "any JSON your project defines";
    case "scalar":
      return shape.type;
  }
}

function valueType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function kindOf(type: string): MemberInfo["kind"] {
  return type === "an object" ? "object" : type === "an array" ? "array" : "field";
}

function docKey(path: readonly (string | number)[]): string {
  return path.map((step) => (typeof step === "number" ? "[]" : step)).join(".")
    .replace(/\.\[\]/g, "[]");
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

interface Resolved {
  /** Kratos's shape at the path, when the path is inside the known shape. */
  shape?: Shape;
  field?: FieldShape;
  /** The JSON-schema node describing the path, inside `identity.traits`. */
  schema?: Record<string, unknown>;
}

function objectSchema(node: unknown): Record<string, unknown> | undefined {
  return typeof node === "object" && node !== null && !Array.isArray(node)
    ? node as Record<string, unknown>
    : undefined;
}

function resolve(
  path: readonly (string | number)[],
  variable: OryVariable,
  context: PathContext,
): Resolved {
  let shape: Shape | undefined = variable === "session" ? SESSION_SHAPE : CLAIMS_SHAPE;
  let field: FieldShape | undefined;
  let schema: Record<string, unknown> | undefined;
  for (const [index, step] of path.entries()) {
    if (shape?.kind === "array" && typeof step === "number") {
      shape = shape.element;
      field = undefined;
    } else if (shape?.kind === "object" && typeof step === "string") {
      field = shape.fields[step];
      shape = field?.shape;
      if (
        variable === "session" && index === 1 && path[0] === "identity" &&
        step === "traits"
      ) {
        schema = objectSchema(
          objectSchema(objectSchema(context.identitySchema)?.["properties"])
            ?.["traits"],
        );
      }
    } else if (schema !== undefined) {
      const properties = objectSchema(schema["properties"]);
      schema = typeof step === "number" ? objectSchema(schema["items"]) : objectSchema(properties?.[step]);
      shape = undefined;
      field = undefined;
    } else {
      shape = undefined;
      field = undefined;
    }
  }
  return {
    ...(shape ? { shape } : {}),
    ...(field ? { field } : {}),
    ...(schema ? { schema } : {}),
  };
}

function fieldNotes(field: FieldShape | undefined): string {
  return [
    field?.absent ? `May be missing: ${field.absent}.` : "",
    field?.nullable ? `May be null: ${field.nullable}.` : "",
  ]
    .filter(Boolean).join(" ");
}

function schemaType(schema: Record<string, unknown>): string {
  const type = schema["type"];
  const names = Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
  if (names.length === 0) return "any JSON";
  return names.map((
    name,
  ) => (name === "object" || name === "array" || name === "integer" ? `an ${name}` : `a ${name}`))
    .join(" or ");
}

function schemaDocumentation(schema: Record<string, unknown>): string {
  return [schema["title"], schema["description"]].filter((part) => typeof part === "string").join(": ");
}

/**
 * The members that can follow a path, for completion.
 *
 * @returns Kratos's members (plus the sample's and the schema's for open members), sorted by name.
 */
export function membersAt(
  where: VariablePath,
  context: PathContext = {},
): MemberInfo[] {
  const resolved = resolve(where.path, where.variable, context);
  const docs = where.variable === "session" ? SESSION_FIELD_DOCS : CLAIMS_FIELD_DOCS;
  const members = new Map<string, MemberInfo>();
  if (resolved.shape?.kind === "object") {
    for (const [name, field] of Object.entries(resolved.shape.fields)) {
      const type = shapeType(field.shape);
      const meaning = docs[docKey([...where.path, name])] ?? "";
      members.set(name, {
        name,
        type,
        documentation: [meaning, fieldNotes(field)].filter(Boolean).join(" "),
        kind: kindOf(type),
      });
    }
  }
  const properties = objectSchema(resolved.schema?.["properties"]);
  for (const [name, node] of Object.entries(properties ?? {})) {
    const schema = objectSchema(node) ?? {};
    const type = schemaType(schema);
    members.set(name, {
      name,
      type,
      documentation: schemaDocumentation(schema) ||
        "A trait of your identity schema.",
      kind: kindOf(type),
    });
  }
  if (resolved.shape === undefined || resolved.shape.kind === "open") {
    const sample = where.variable === "session" ? valueAt(context.session, where.path) : undefined;
    if (
      typeof sample === "object" && sample !== null && !Array.isArray(sample)
    ) {
      for (const [name, value] of Object.entries(sample)) {
        if (members.has(name)) continue;
        const type = valueType(value);
        members.set(name, {
          name,
          type,
          documentation: "In the sample session.",
          kind: kindOf(type),
        });
      }
    }
  }
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What a member path is, for hovers: its type, meaning and when it may be missing, or why a mapper
 * can never read it.
 *
 * @returns undefined when the path is not a member Kratos, the schema or the sample session knows.
 */
export function memberInfo(
  where: VariablePath,
  context: PathContext = {},
): MemberInfo | undefined {
  const name = String(where.path.at(-1) ?? where.variable);
  const hidden = where.variable === "session" ? HIDDEN_MEMBERS[where.path.join(".")] : undefined;
  if (hidden !== undefined) {
    return {
      name,
      type: "never present",
      documentation: `${hidden}.`,
      kind: "field",
    };
  }
  if (typeof where.path.at(-1) === "number") return undefined;
  return membersAt(
    { variable: where.variable, path: where.path.slice(0, -1) },
    context,
  ).find((m) => m.name === name);
}
