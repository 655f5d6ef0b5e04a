/**
 * A small Jsonnet parser for the linter's static rules. It accepts go-jsonnet v0.21.0's grammar and
 * keeps offsets on every node. The engine stays the authority on syntax errors: when this parser
 * gives up, the linter only skips its static rules.
 *
 * @module
 */

import type { Arg, Bind, CompSpec, FieldKey, Member, Node, Param, Span } from "./jsonnet_ast.ts";
import { JsonnetSyntaxError, lexJsonnet, type Token } from "./jsonnet_lexer.ts";

/** A parsed source: its tokens and its tree. */
export interface ParsedJsonnet {
  tokens: Token[];
  root: Node;
}

// Binding power of binary operators (go-jsonnet's precedence table, tighter binds higher).
const BINARY: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  in: 7,
  "<<": 8,
  ">>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10,
};
const UNARY = new Set(["-", "+", "!", "~"]);

/**
 * Parses Jsonnet source.
 *
 * @throws {SyntaxError} (a `JsonnetSyntaxError`) when the source is not Jsonnet.
 */
export function parseJsonnet(source: string): ParsedJsonnet {
  const tokens = lexJsonnet(source);
  const parser = new Parser(tokens);
  const root = parser.expression();
  parser.expectEnd();
  return { tokens, root };
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.kind !== "end") this.#fail(`Unexpected ${describe(token)} after the expression`, token);
  }

  expression(minPower = 0): Node {
    let left = this.#unary();
    for (;;) {
      const token = this.#peek();
      const op = token.kind === "operator" || (token.kind === "keyword" && token.text === "in")
        ? token.text
        : undefined;
      const power = op === undefined ? undefined : BINARY[op];
      if (power === undefined || power < minPower) return left;
      this.#next();
      if (op === "in" && this.#isKeyword("super")) {
        const superToken = this.#next();
        left = { kind: "inSuper", expr: left, start: left.start, end: superToken.end };
        continue;
      }
      const right = this.expression(power + 1);
      left = { kind: "binary", op: op!, opSpan: span(token), left, right, start: left.start, end: right.end };
    }
  }

  #unary(): Node {
    const token = this.#peek();
    if (token.kind === "operator" && UNARY.has(token.text)) {
      this.#next();
      const expr = this.#unary();
      return { kind: "unary", op: token.text, expr, start: token.start, end: expr.end };
    }
    return this.#postfix(this.#primary());
  }

  #postfix(node: Node): Node {
    for (;;) {
      const token = this.#peek();
      if (isSymbol(token, ".")) {
        this.#next();
        const name = this.#expectIdentifier();
        node = { kind: "index", target: node, name: name.text, nameSpan: span(name), start: node.start, end: name.end };
      } else if (isSymbol(token, "[")) {
        node = this.#indexOrSlice(node);
      } else if (isSymbol(token, "(")) {
        this.#next();
        const args = this.#args();
        let end = this.#expectSymbol(")").end;
        let tailstrict = false;
        if (this.#isKeyword("tailstrict")) {
          tailstrict = true;
          end = this.#next().end;
        }
        node = { kind: "apply", target: node, args, tailstrict, start: node.start, end };
      } else if (isSymbol(token, "{")) {
        const right = this.#object();
        node = { kind: "applyBrace", left: node, right, start: node.start, end: right.end };
      } else {
        return node;
      }
    }
  }

  #indexOrSlice(target: Node): Node {
    this.#expectSymbol("[");
    const parts: (Node | undefined)[] = [];
    const colon = () => this.#isOperator(":") || this.#isOperator("::") || isSymbol(this.#peek(), "]");
    parts.push(colon() ? undefined : this.expression());
    if (isSymbol(this.#peek(), "]")) {
      const end = this.#next().end;
      const index = parts[0];
      if (index === undefined) this.#fail("Expected an index", this.#peek());
      const literal = index!.kind === "string" ? index! : undefined;
      return {
        kind: "index",
        target,
        index,
        ...(literal?.kind === "string"
          ? { name: literal.value, nameSpan: { start: literal.start, end: literal.end } }
          : {}),
        start: target.start,
        end,
      };
    }
    if (this.#isOperator("::")) {
      this.#next();
      parts.push(undefined);
      parts.push(isSymbol(this.#peek(), "]") ? undefined : this.expression());
    } else {
      this.#expectOperator(":");
      parts.push(colon() ? undefined : this.expression());
      if (this.#isOperator(":")) {
        this.#next();
        parts.push(isSymbol(this.#peek(), "]") ? undefined : this.expression());
      }
    }
    const end = this.#expectSymbol("]").end;
    const [from, to, step] = parts;
    return {
      kind: "slice",
      target,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(step ? { step } : {}),
      start: target.start,
      end,
    };
  }

  #args(): Arg[] {
    const args: Arg[] = [];
    while (!isSymbol(this.#peek(), ")")) {
      const token = this.#peek();
      const following = this.#tokens[this.#at + 1]!;
      if (token.kind === "identifier" && following.kind === "operator" && following.text === "=") {
        this.#next();
        this.#next();
        args.push({ name: token.text, value: this.expression() });
      } else {
        args.push({ value: this.expression() });
      }
      if (!this.#optionalSymbol(",")) break;
    }
    return args;
  }

  #primary(): Node {
    const token = this.#peek();
    switch (token.kind) {
      case "number":
        this.#next();
        return { kind: "number", text: token.text, ...span(token) };
      case "string":
        this.#next();
        return { kind: "string", value: token.value!, quote: token.quote!, ...span(token) };
      case "identifier":
        this.#next();
        return { kind: "var", name: token.text, ...span(token) };
      case "operator":
        if (token.text === "$") {
          this.#next();
          return { kind: "dollar", ...span(token) };
        }
        break;
      case "symbol":
        if (token.text === "{") return this.#object();
        if (token.text === "[") return this.#array();
        if (token.text === "(") {
          this.#next();
          const expr = this.expression();
          const end = this.#expectSymbol(")").end;
          return { kind: "parens", expr, start: token.start, end };
        }
        break;
      case "keyword":
        return this.#keyword(token);
      default:
        break;
    }
    return this.#fail(`Unexpected ${describe(token)}`, token);
  }

  #keyword(token: Token): Node {
    switch (token.text) {
      case "null":
      case "true":
      case "false":
      case "self":
        this.#next();
        return { kind: token.text, ...span(token) };
      case "super": {
        this.#next();
        if (this.#optionalSymbol(".")) {
          const name = this.#expectIdentifier();
          return {
            kind: "index",
            target: "super",
            name: name.text,
            nameSpan: span(name),
            start: token.start,
            end: name.end,
          };
        }
        this.#expectSymbol("[");
        const index = this.expression();
        const end = this.#expectSymbol("]").end;
        return {
          kind: "index",
          target: "super",
          index,
          ...(index.kind === "string" ? { name: index.value, nameSpan: span(index) } : {}),
          start: token.start,
          end,
        };
      }
      case "local": {
        this.#next();
        const binds: Bind[] = [this.#bind()];
        while (this.#optionalSymbol(",")) binds.push(this.#bind());
        this.#expectSymbol(";");
        const body = this.expression();
        return { kind: "local", binds, body, start: token.start, end: body.end };
      }
      case "if": {
        this.#next();
        const cond = this.expression();
        this.#expectKeyword("then");
        const then = this.expression();
        if (this.#isKeyword("else")) {
          this.#next();
          const otherwise = this.expression();
          return { kind: "if", cond, then, else: otherwise, start: token.start, end: otherwise.end };
        }
        return { kind: "if", cond, then, start: token.start, end: then.end };
      }
      case "function": {
        this.#next();
        this.#expectSymbol("(");
        const params = this.#params();
        const body = this.expression();
        return { kind: "function", params, body, start: token.start, end: body.end };
      }
      case "assert": {
        this.#next();
        const cond = this.expression();
        const message = this.#optionalOperator(":") ? this.expression() : undefined;
        this.#expectSymbol(";");
        const rest = this.expression();
        return { kind: "assert", cond, ...(message ? { message } : {}), rest, start: token.start, end: rest.end };
      }
      case "error": {
        this.#next();
        const expr = this.expression();
        return { kind: "error", expr, start: token.start, end: expr.end };
      }
      case "import":
      case "importstr":
      case "importbin": {
        this.#next();
        const path = this.#peek();
        if (path.kind !== "string" || path.quote?.startsWith("|||")) this.#fail("Expected a string after import", path);
        this.#next();
        return { kind: "import", keyword: token.text, path: path.value!, start: token.start, end: path.end };
      }
    }
    return this.#fail(`Unexpected ${describe(token)}`, token);
  }

  /** After `(`: parameters up to and including `)`. */
  #params(): Param[] {
    const params: Param[] = [];
    while (!isSymbol(this.#peek(), ")")) {
      const name = this.#expectIdentifier();
      if (this.#optionalOperator("=")) {
        const defaultValue = this.expression();
        params.push({ name: name.text, defaultValue, start: name.start, end: defaultValue.end });
      } else {
        params.push({ name: name.text, ...span(name) });
      }
      if (!this.#optionalSymbol(",")) break;
    }
    this.#expectSymbol(")");
    return params;
  }

  #bind(): Bind {
    const name = this.#expectIdentifier();
    const params = this.#optionalSymbol("(") ? this.#params() : undefined;
    this.#expectOperator("=");
    const body = this.expression();
    return {
      name: name.text,
      nameSpan: span(name),
      ...(params ? { params } : {}),
      body,
      start: name.start,
      end: body.end,
    };
  }

  #object(): Node {
    const open = this.#expectSymbol("{");
    const members: Member[] = [];
    let specs: CompSpec[] | undefined;
    while (!isSymbol(this.#peek(), "}")) {
      members.push(this.#member());
      if (this.#isKeyword("for")) {
        specs = this.#compSpecs();
        break;
      }
      if (!this.#optionalSymbol(",")) break;
      if (this.#isKeyword("for")) {
        specs = this.#compSpecs();
        break;
      }
    }
    const end = this.#expectSymbol("}").end;
    return specs === undefined
      ? { kind: "object", members, start: open.start, end }
      : { kind: "objectComp", members, specs, start: open.start, end };
  }

  #member(): Member {
    const token = this.#peek();
    if (token.kind === "keyword" && token.text === "local") {
      this.#next();
      const bind = this.#bind();
      return { kind: "local", bind, start: token.start, end: bind.end };
    }
    if (token.kind === "keyword" && token.text === "assert") {
      this.#next();
      const cond = this.expression();
      const message = this.#optionalOperator(":") ? this.expression() : undefined;
      return { kind: "assert", cond, ...(message ? { message } : {}), start: token.start, end: (message ?? cond).end };
    }
    const key = this.#fieldKey();
    const params = this.#optionalSymbol("(") ? this.#params() : undefined;
    let plus = false;
    let op = this.#next();
    if (op.kind === "operator" && op.text === "+" && this.#peek().kind === "operator") {
      plus = true;
      op = this.#next();
    }
    const match = op.kind === "operator" ? /^(\+?)(:{1,3})$/.exec(op.text) : null;
    if (match === null) return this.#fail(`Expected ":" after the field name, got ${describe(op)}`, op);
    plus ||= match[1] === "+";
    const value = this.expression();
    return {
      kind: "field",
      key,
      plus,
      hide: match[2] as ":" | "::" | ":::",
      ...(params ? { params } : {}),
      value,
      start: key.span.start,
      end: value.end,
    };
  }

  #fieldKey(): FieldKey {
    const token = this.#next();
    if (token.kind === "identifier") return { kind: "id", name: token.text, span: span(token) };
    if (token.kind === "string") return { kind: "string", name: token.value!, span: span(token) };
    if (isSymbol(token, "[")) {
      const expr = this.expression();
      const end = this.#expectSymbol("]").end;
      return { kind: "expr", expr, span: { start: token.start, end } };
    }
    return this.#fail(`Expected a field name, got ${describe(token)}`, token);
  }

  #array(): Node {
    const open = this.#expectSymbol("[");
    const elements: Node[] = [];
    while (!isSymbol(this.#peek(), "]")) {
      elements.push(this.expression());
      if (
        elements.length === 1 &&
        (this.#isKeyword("for") || (isSymbol(this.#peek(), ",") && this.#isKeywordAt(1, "for")))
      ) {
        this.#optionalSymbol(",");
        const specs = this.#compSpecs();
        const end = this.#expectSymbol("]").end;
        return { kind: "arrayComp", body: elements[0]!, specs, start: open.start, end };
      }
      if (!this.#optionalSymbol(",")) break;
    }
    const end = this.#expectSymbol("]").end;
    return { kind: "array", elements, start: open.start, end };
  }

  #compSpecs(): CompSpec[] {
    const specs: CompSpec[] = [];
    for (;;) {
      if (this.#isKeyword("for")) {
        this.#next();
        const name = this.#expectIdentifier();
        this.#expectKeyword("in");
        specs.push({ kind: "for", name: name.text, expr: this.expression() });
      } else if (this.#isKeyword("if")) {
        this.#next();
        specs.push({ kind: "if", expr: this.expression() });
      } else {
        return specs;
      }
    }
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #next(): Token {
    const token = this.#tokens[this.#at]!;
    if (token.kind !== "end") this.#at++;
    return token;
  }

  #isKeyword(text: string): boolean {
    return this.#isKeywordAt(0, text);
  }

  #isKeywordAt(ahead: number, text: string): boolean {
    const token = this.#tokens[this.#at + ahead];
    return token !== undefined && token.kind === "keyword" && token.text === text;
  }

  #isOperator(text: string): boolean {
    const token = this.#peek();
    return token.kind === "operator" && token.text === text;
  }

  #optionalSymbol(text: string): boolean {
    if (!isSymbol(this.#peek(), text)) return false;
    this.#next();
    return true;
  }

  #optionalOperator(text: string): boolean {
    if (!this.#isOperator(text)) return false;
    this.#next();
    return true;
  }

  #expectSymbol(text: string): Token {
    const token = this.#peek();
    if (!isSymbol(token, text)) this.#fail(`Expected "${text}", got ${describe(token)}`, token);
    return this.#next();
  }

  #expectOperator(text: string): Token {
    const token = this.#peek();
    if (!this.#isOperator(text)) this.#fail(`Expected "${text}", got ${describe(token)}`, token);
    return this.#next();
  }

  #expectKeyword(text: string): Token {
    const token = this.#peek();
    if (!this.#isKeyword(text)) this.#fail(`Expected "${text}", got ${describe(token)}`, token);
    return this.#next();
  }

  #expectIdentifier(): Token {
    const token = this.#peek();
    if (token.kind !== "identifier") this.#fail(`Expected an identifier, got ${describe(token)}`, token);
    return this.#next();
  }

  #fail(message: string, token: Token): never {
    throw new JsonnetSyntaxError(message, token.start);
  }
}

function isSymbol(token: Token, text: string): boolean {
  return token.kind === "symbol" && token.text === text;
}

function span(token: Span): Span {
  return { start: token.start, end: token.end };
}

function describe(token: Token): string {
  return token.kind === "end" ? "end of file" : JSON.stringify(token.text);
}
