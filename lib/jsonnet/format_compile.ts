/**
 * A format string literal compiled, when the source is prepared, into calls of the prelude's go-jsonnet
 * renderers (lib/jsonnet/go_format.ts). This engine parses the prelude on every evaluation, so parsing the
 * mini-language here, once, keeps a formatting mapper's evaluations short: `'user-%05d' % n` becomes
 * `"user-" + __std.format("%05d", __o_fmtTrunc(__fa[0]))` over `__fa`, the checked values.
 *
 * The parse follows std.jsonnet's `format`: `%`, an optional `(key)`, flags `#0- +`, a width, `.` and a
 * precision, an ignored `h`, `l` or `L`, and the conversion.
 *
 * @module
 */

/** One conversion of a format string. */
export interface FormatCode {
  key?: string;
  alt: boolean;
  zero: boolean;
  left: boolean;
  blank: boolean;
  plus: boolean;
  /** A number, or `*` (taken from the values). */
  width: number | "*";
  precision?: number | "*";
  /** The conversion as written (`d`, `X`, `%`, …). */
  conversion: string;
}

const CONVERSIONS = new Set("diuoxXeEfFgGcs%");

/**
 * The literal text and codes of a format string, in order.
 *
 * @returns undefined when go-jsonnet refuses the string (a truncated code, an unknown conversion): the
 *   run-time parser then fails as go-jsonnet does.
 */
export function parseFormat(text: string): (string | FormatCode)[] | undefined {
  const parts: (string | FormatCode)[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "%") {
      literal += text[i++];
      continue;
    }
    parts.push(literal);
    literal = "";
    i++;
    const code: FormatCode = {
      alt: false,
      zero: false,
      left: false,
      blank: false,
      plus: false,
      width: 0,
      conversion: "",
    };
    if (text[i] === "(") {
      const close = text.indexOf(")", i);
      if (close === -1) return undefined;
      code.key = text.slice(i + 1, close);
      i = close + 1;
    }
    for (;; i++) {
      const c = text[i];
      if (c === "#") code.alt = true;
      else if (c === "0") code.zero = true;
      else if (c === "-") code.left = true;
      else if (c === " ") code.blank = true;
      else if (c === "+") code.plus = true;
      else break;
    }
    const width = (): number | "*" => {
      if (text[i] === "*") {
        i++;
        return "*";
      }
      let value = 0;
      while (i < text.length && text[i]! >= "0" && text[i]! <= "9") value = value * 10 + Number(text[i++]);
      return value;
    };
    code.width = width();
    if (text[i] === ".") {
      i++;
      code.precision = width();
    }
    if (text[i] === "h" || text[i] === "l" || text[i] === "L") i++;
    if (i >= text.length || !CONVERSIONS.has(text[i]!)) return undefined;
    code.conversion = text[i++]!;
    parts.push(code);
  }
  parts.push(literal);
  return parts;
}

/** A Jsonnet string literal in ASCII (the engine counts line 1 columns in UTF-8 bytes). */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[^ -~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** go-jsonnet's 10^precision, as a literal this engine reads exactly, or the prelude's Go pow beyond 10^22. */
function tenTo(precision: number): string {
  return precision <= 22 ? `1e${precision}` : `__o_fmtPow10(${precision})`;
}

/** The code as the builtin reads it (a `%d`). */
function builtinCode(code: FormatCode): string {
  const flags = (code.alt ? "#" : "") + (code.zero ? "0" : "") + (code.left ? "-" : "") + (code.blank ? " " : "") +
    (code.plus ? "+" : "");
  const precision = code.precision === undefined ? "" : `.${code.precision}`;
  return `%${flags}${code.width || ""}${precision}d`;
}

/** The expression that renders one code of a fixed width and precision, its value `x` the n-th. */
function render(code: FormatCode, x: string, index: number): string {
  const width = code.width as number;
  const precision = code.precision as number | undefined;
  const zp = code.zero && !code.left ? width : 0;
  const pos = quote(code.plus ? "+" : code.blank ? " " : "");
  const fp = precision ?? 6;
  const ip = precision ?? 0;
  const caps = "XEFG".includes(code.conversion);
  switch (code.conversion.toLowerCase()) {
    case "s":
      return `__std.toString(${x})`;
    case "c":
      return `__o_fmtC(${x})`;
    case "d":
    case "i":
    case "u":
      // go-jsonnet refuses (its stack runs out) where the builtin would pad beyond 200 characters.
      if (width > 200 || ip > 200) return `__o_fmtD(${x}, ${index}, ${zp}, ${ip}, ${pos}, "%d", "")`;
      return `__std.format(${quote(builtinCode(code))}, __o_fmtTrunc(${x}))`;
    case "o":
      return `__o_fmtD(${x}, ${index}, ${zp}, ${ip}, ${pos}, "%o", ${code.alt ? '"0"' : '""'})`;
    case "x":
      return `__o_fmtX(${x}, ${index}, ${zp}, ${ip}, ${pos}, ${code.alt}, ${caps})`;
    case "f":
      if (zp === 0 && fp <= 200) return `__o_fmtF(${x}, ${index}, ${pos}, ${fp}, ${tenTo(fp)}, ${code.alt})`;
      return `__o_fmtDec(__o_fmtNum(${x}, ${index}), ${zp}, ${pos}, ${code.alt}, true, ${fp}, ${tenTo(fp)})`;
    case "e":
      if (zp === 0 && fp <= 200) return `__o_fmtE(${x}, ${index}, ${pos}, ${code.alt}, ${caps}, ${fp}, ${tenTo(fp)})`;
      return `__o_fmtSci(__o_fmtNum(${x}, ${index}), ${zp}, ${pos}, ${code.alt}, true, ${caps}, ${fp}, ${tenTo(fp)})`;
    default:
      return `__o_fmtG(${x}, ${index}, ${zp}, ${pos}, ${code.alt}, ${caps}, ${fp})`;
  }
}

/** The compiled format: the expression over `values` (the checked array), and how many values it takes. */
export interface CompiledFormat {
  /** A string expression of `__fa`. */
  expression: string;
  count: number;
  /** With one value: the expression's text before and after it (`"user-" + …(` and `)`), to wrap it in place. */
  around?: [before: string, after: string];
}

/** The local that holds the checked values in a compiled format. */
export const FORMAT_VALUES = "__fa";

/**
 * Compiles a format string with positional codes of fixed width and precision.
 *
 * @returns undefined when the run-time parser must take it: a code with `*` or a mapping key, or a string
 *   go-jsonnet refuses.
 */
export function compileFormat(text: string): CompiledFormat | undefined {
  const parts = parseFormat(text);
  if (parts === undefined) return undefined;
  const terms: string[] = [];
  let count = 0;
  for (const part of parts) {
    if (typeof part === "string") {
      if (part !== "") terms.push(quote(part));
      continue;
    }
    if (part.key !== undefined || part.width === "*" || part.precision === "*") return undefined;
    if (part.conversion === "%") {
      const padding = Math.max(0, part.width - 1);
      if (padding > 200) return undefined;
      terms.push(quote(part.left ? "%" + " ".repeat(padding) : " ".repeat(padding) + "%"));
      continue;
    }
    const rendered = render(part, `${FORMAT_VALUES}[${count}]`, count);
    count++;
    if (part.width === 0 || rendered.startsWith("__std.format(")) {
      // The builtin pads what it renders itself (`%d`).
      terms.push(rendered);
    } else if (part.width <= 200 && "fFeE".includes(part.conversion)) {
      // ASCII, which the builtin pads as go-jsonnet does.
      terms.push(`__std.format(${quote(`%${part.left ? "-" : ""}${part.width}s`)}, ${rendered})`);
    } else {
      terms.push(`__o_fmtPad(${rendered}, ${part.width}, ${part.left})`);
    }
  }
  if (terms.length === 0 || !terms[0]!.startsWith('"')) terms.unshift('""');
  const expression = terms.join(" + ");
  const around = expression.split(`${FORMAT_VALUES}[0]`);
  return count === 1 && around.length === 2
    ? { expression, count, around: [around[0]!, around[1]!] }
    : { expression, count };
}
