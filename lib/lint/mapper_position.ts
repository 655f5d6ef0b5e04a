/**
 * What an editor asks of a position in a claims mapper: what is there (a member of the session or of the
 * default claims with its type and meaning, a std function with go-jsonnet's signature and any engine
 * difference) and what can be typed there. It reads the linter's own parser and scopes, so a user's
 * `local std` or a rebound `local s` is followed exactly as the lint rules follow it.
 *
 * @module
 */

import type { Node, Span } from "../jsonnet/jsonnet_ast.ts";
import { lexJsonnet } from "../jsonnet/jsonnet_lexer.ts";
import { parseJsonnet } from "../jsonnet/jsonnet_parser.ts";
import { ROOT_SCOPE, type Scope, walkScoped } from "./scope.ts";
import { type PathValue, SessionPathResolver } from "./session_path_resolver.ts";
import { type FieldShape, HIDDEN_MEMBERS, type Shape } from "./session_shape.ts";
import { CLAIMS_FIELD_DOCS, SESSION_FIELD_DOCS } from "./session_field_docs.ts";
import { type StdDoc, stdDoc, stdNames } from "./std_docs.ts";
import { stdMember } from "./std_reference.ts";

/** What is known about the data beyond Kratos's shape; both optional. */
export interface MapperData {
  /** The sample session the diagnostics use: open members (traits, public metadata) complete from it. */
  session?: unknown;
  /** An identity JSON schema: `identity.traits` completes from its `properties.traits.properties`. */
  identitySchema?: unknown;
}

/** A member of the session or the default claims, as a hover or a completion item shows it. */
export interface MemberDoc {
  name: string;
  /** `a string`, `an object`, `an array`, `a time string`, `never present`, … */
  type: string;
  /** What the member means, and when it may be missing or null. */
  documentation: string;
  kind: "field" | "object" | "array";
}

/** What is at a position. `span` is the text it covers (offsets, UTF-16, end exclusive). */
export type MapperSubject =
  | {
    kind: "member";
    variable: "session" | "claims";
    /** The path as written in docs: `session.identity.traits.email`, `session.devices[i].ip_address`. */
    path: string;
    member: MemberDoc;
    span: Span;
  }
  | { kind: "std"; std: StdDoc; span: Span };

/** One thing that can be typed at a position. */
export interface CompletionEntry {
  label: string;
  kind: MemberDoc["kind"] | "function" | "constant";
  /** A type or a signature. */
  detail: string;
  documentation: string;
}

/** What can be typed at a position, replacing `span` (the partly typed name, possibly empty). */
export interface MapperCompletion {
  span: Span;
  entries: CompletionEntry[];
}

/** Stands in for a name not typed yet, so the parser sees a complete member access. */
const PLACEHOLDER = "__ory_tokenizer_completion__";

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

/**
 * What is at `offset` in a mapper: a session or claims member (through any locals and comprehension
 * variables bound to one), a local bound to one, or a member of the built-in std.
 *
 * @param source the mapper's Jsonnet; mid-edit, the text after the word under the cursor is set aside when
 *   the whole does not parse.
 * @param offset a UTF-16 offset into `source`.
 * @param data the sample session and identity schema, for open members.
 * @returns undefined where there is nothing Ory-specific to say.
 * @example
 * ```ts
 * import { mapperSubjectAt } from "../entries/editor.ts";
 * const source = "local s = std.extVar('session'); { email: s.identity.traits }";
 * const subject = mapperSubjectAt(source, source.indexOf("traits"));
 * if (subject?.kind !== "member" || subject.path !== "session.identity.traits") throw new Error();
 * ```
 */
export function mapperSubjectAt(source: string, offset: number, data: MapperData = {}): MapperSubject | undefined {
  let end = offset;
  while (end < source.length && IDENTIFIER_CHAR.test(source[end]!)) end++;
  const root = firstParse(subjectCandidates(source, end));
  if (root === undefined) return undefined;
  const resolver = new SessionPathResolver();
  let found: MapperSubject | undefined;
  walkScoped(root, ROOT_SCOPE, (node, scope) => {
    if (found !== undefined || offset < node.start || offset > node.end) return false;
    if (node.kind === "index" && node.target !== "super" && node.nameSpan !== undefined && node.name !== undefined) {
      if (offset >= node.nameSpan.start && offset <= node.nameSpan.end) {
        found = memberSubject(resolver, node.target, node.name, node.nameSpan, scope, data) ??
          stdSubject(node, scope);
        return false;
      }
    }
    if (node.kind === "var") {
      const value = resolver.resolve(node, scope);
      if (value !== undefined) {
        found = {
          kind: "member",
          variable: value.root,
          path: display(value),
          member: valueDoc(node.name, value),
          span: { start: node.start, end: node.end },
        };
      }
    }
    return undefined;
  });
  return found;
}

/**
 * What can be typed at `offset`: after `x.` where `x` reads the session or the claims, their members
 * (with the sample session's and the identity schema's under `identity.traits`); after the built-in
 * `std.`, go-jsonnet's functions. The text may be mid-edit: a missing name and unclosed brackets are
 * completed before parsing.
 *
 * @param source the mapper's Jsonnet, as the editor holds it.
 * @param offset the cursor, a UTF-16 offset into `source`.
 * @param data the sample session and identity schema, for open members.
 * @returns undefined where nothing Ory-specific completes.
 * @example
 * ```ts
 * import { mapperCompletionAt } from "../entries/editor.ts";
 * const source = "local s = std.extVar('session'); { email: s.identity. }";
 * const completion = mapperCompletionAt(source, source.indexOf(". }") + 1);
 * if (!completion?.entries.some((entry) => entry.label === "traits")) throw new Error();
 * ```
 */
export function mapperCompletionAt(
  source: string,
  offset: number,
  data: MapperData = {},
): MapperCompletion | undefined {
  let start = offset;
  while (start > 0 && IDENTIFIER_CHAR.test(source[start - 1]!)) start--;
  let end = offset;
  while (end < source.length && IDENTIFIER_CHAR.test(source[end]!)) end++;
  let dot = start - 1;
  while (dot >= 0 && /\s/.test(source[dot]!)) dot--;
  if (source[dot] !== ".") return undefined;
  const span = { start, end };
  for (const text of completionCandidates(source, start, end)) {
    const root = tryParse(text);
    if (root === undefined) continue;
    const entries = entriesAt(root, start, data);
    return entries === undefined ? undefined : { span, entries };
  }
  return undefined;
}

/** The source as typed, then cut after the word under the cursor with its brackets closed (mid-edit). */
function* subjectCandidates(source: string, end: number): Generator<string> {
  yield source;
  const closers = openBrackets(source.slice(0, end));
  if (closers === undefined) return;
  yield source.slice(0, end) + closers;
  yield `${source.slice(0, end)} ; null${closers}`;
}

function firstParse(candidates: Iterable<string>): Node | undefined {
  for (const text of candidates) {
    const root = tryParse(text);
    if (root !== undefined) return root;
  }
  return undefined;
}

/** The source as typed, then with a stand-in name, then cut at the cursor with its brackets closed. */
function* completionCandidates(source: string, start: number, end: number): Generator<string> {
  if (end > start) yield source;
  const before = source.slice(0, start) + PLACEHOLDER;
  yield before + source.slice(end);
  const closers = openBrackets(source.slice(0, start));
  if (closers === undefined) return;
  yield before + closers;
  yield `${before} ; null${closers}`;
}

/** The brackets still open at the end of a prefix, closed innermost first; undefined when it does not lex. */
function openBrackets(prefix: string): string | undefined {
  let tokens;
  try {
    tokens = lexJsonnet(prefix);
  } catch {
    return undefined;
  }
  const open: string[] = [];
  const pairs: Record<string, string> = { "{": "}", "[": "]", "(": ")" };
  for (const token of tokens) {
    if (token.kind !== "symbol") continue;
    if (pairs[token.text] !== undefined) open.push(pairs[token.text]!);
    else if (open.at(-1) === token.text) open.pop();
  }
  return open.reverse().join("");
}

function tryParse(text: string): Node | undefined {
  try {
    return parseJsonnet(text).root;
  } catch {
    return undefined;
  }
}

function entriesAt(root: Node, nameStart: number, data: MapperData): CompletionEntry[] | undefined {
  const resolver = new SessionPathResolver();
  let entries: CompletionEntry[] | undefined;
  walkScoped(root, ROOT_SCOPE, (node, scope) => {
    if (entries !== undefined || nameStart < node.start || nameStart > node.end) return false;
    if (node.kind !== "index" || node.target === "super" || node.nameSpan?.start !== nameStart) return undefined;
    const parent = resolver.resolve(node.target, scope);
    if (parent !== undefined) {
      entries = membersOf(parent, data).map((member) => ({
        label: member.name,
        kind: member.kind,
        detail: member.type,
        documentation: member.documentation,
      }));
    } else if (stdMember(node, scope) !== undefined) {
      entries = stdNames().flatMap((name) => {
        const doc = stdDoc(name);
        if (doc === undefined) return [];
        return [{
          label: name,
          kind: doc.constant ? "constant" as const : "function" as const,
          detail: doc.signature,
          documentation: [doc.documentation, doc.difference].filter(Boolean).join("\n\n"),
        }];
      });
    } else {
      entries = [];
    }
    return false;
  });
  return entries;
}

function memberSubject(
  resolver: SessionPathResolver,
  target: Node,
  name: string,
  span: Span,
  scope: Scope,
  data: MapperData,
): MapperSubject | undefined {
  const parent = resolver.resolve(target, scope);
  if (parent === undefined) return undefined;
  const member = memberDoc(parent, name, data);
  if (member === undefined) return undefined;
  return { kind: "member", variable: parent.root, path: display(parent, name), member, span };
}

function stdSubject(node: Node, scope: Scope): MapperSubject | undefined {
  const member = stdMember(node, scope);
  const std = member === undefined ? undefined : stdDoc(member.name);
  return std === undefined || member === undefined ? undefined : { kind: "std", std, span: member.nameSpan };
}

/** The member `name` of a value read from the session or the claims, or why a mapper never sees it. */
function memberDoc(parent: PathValue, name: string, data: MapperData): MemberDoc | undefined {
  const hidden = parent.root === "session" ? HIDDEN_MEMBERS[[...parent.segments, name].join(".")] : undefined;
  if (hidden !== undefined) return { name, type: "never present", documentation: `${hidden}.`, kind: "field" };
  return membersOf(parent, data).find((member) => member.name === name);
}

/** A whole value (a local bound to a path) described like a member. */
function valueDoc(name: string, value: PathValue): MemberDoc {
  const type = shapeType(value.shape);
  const docs = value.root === "session" ? SESSION_FIELD_DOCS : CLAIMS_FIELD_DOCS;
  const meaning = value.segments.length === 0
    ? value.root === "session"
      ? "Kratos's session, as whoami returns it (credentials and admin metadata removed)."
      : "Ory's default claims (jti, iss, exp, nbf, iat, sid, sub) before the mapper's."
    : docs[docKey(value.segments)] ?? "";
  return {
    name,
    type,
    documentation: [meaning, fieldNotes(value.field)].filter(Boolean).join(" "),
    kind: kindOf(type),
  };
}

/** The members that can follow a value: Kratos's, then the identity schema's and the sample session's. */
function membersOf(parent: PathValue, data: MapperData): MemberDoc[] {
  const docs = parent.root === "session" ? SESSION_FIELD_DOCS : CLAIMS_FIELD_DOCS;
  const members = new Map<string, MemberDoc>();
  if (parent.shape.kind === "object") {
    for (const [name, field] of Object.entries(parent.shape.fields)) {
      const type = shapeType(field.shape);
      const meaning = docs[docKey([...parent.segments, name])] ?? "";
      members.set(name, {
        name,
        type,
        documentation: [meaning, fieldNotes(field)].filter(Boolean).join(" "),
        kind: kindOf(type),
      });
    }
  }
  if (parent.shape.kind !== "open" || parent.root !== "session") return sorted(members);
  const schema = traitSchema(parent.segments, data.identitySchema);
  for (const [name, node] of Object.entries(asObject(schema?.["properties"]) ?? {})) {
    const property = asObject(node) ?? {};
    const type = schemaType(property);
    const documentation = [property["title"], property["description"]].filter((p) => typeof p === "string").join(": ");
    members.set(name, {
      name,
      type,
      documentation: documentation || "A trait of your identity schema.",
      kind: kindOf(type),
    });
  }
  const sample = asObject(valueAt(data.session, parent.segments));
  for (const [name, value] of Object.entries(sample ?? {})) {
    if (members.has(name)) continue;
    const type = valueType(value);
    members.set(name, { name, type, documentation: "In the sample session.", kind: kindOf(type) });
  }
  return sorted(members);
}

function sorted(members: Map<string, MemberDoc>): MemberDoc[] {
  return [...members.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The identity schema's node for a path under `identity.traits`. */
function traitSchema(segments: readonly string[], identitySchema: unknown): Record<string, unknown> | undefined {
  if (segments[0] !== "identity" || segments[1] !== "traits") return undefined;
  let node = asObject(asObject(asObject(identitySchema)?.["properties"])?.["traits"]);
  for (const segment of segments.slice(2)) {
    node = segment === "[i]" ? asObject(node?.["items"]) : asObject(asObject(node?.["properties"])?.[segment]);
  }
  return node;
}

function valueAt(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== "object" || current === null) return undefined;
    current = segment === "[i]"
      ? (Array.isArray(current) ? current[0] : undefined)
      : (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

function display(value: PathValue, member?: string): string {
  const path = [...value.segments, ...(member === undefined ? [] : [member])];
  return path.reduce((text, segment) => (segment === "[i]" ? `${text}[i]` : `${text}.${segment}`), value.root);
}

/** The docs' key for a path: `[]` for an array's elements, as `authentication_methods[].method`. */
function docKey(segments: readonly string[]): string {
  return segments.join(".").replace(/\.\[i\]/g, "[]");
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

function schemaType(schema: Record<string, unknown>): string {
  const type = schema["type"];
  const names = Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
  if (names.length === 0) return "any JSON";
  return names.map((name) => (/^[aeiou]/.test(String(name)) ? `an ${name}` : `a ${name}`)).join(" or ");
}

function valueType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function kindOf(type: string): MemberDoc["kind"] {
  return type === "an object" ? "object" : type === "an array" ? "array" : "field";
}

function fieldNotes(field: FieldShape | undefined): string {
  return [
    field?.absent ? `May be missing: ${field.absent}.` : "",
    field?.nullable ? `May be null: ${field.nullable}.` : "",
  ].filter(Boolean).join(" ");
}
