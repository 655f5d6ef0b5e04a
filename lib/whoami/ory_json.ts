/**
 * Response bodies as Kratos writes them: Go's `json.Encoder` (struct fields in order, `<`, `>`, `&`,
 * U+2028 and U+2029 escaped, a final newline) and herodot's error body.
 *
 * @module
 */

/** herodot's error fields, in the order its `DefaultError` struct writes them. */
export interface HerodotError {
  id?: string | undefined;
  code: number;
  status: string;
  request?: string | undefined;
  reason?: string | undefined;
  debug?: string | undefined;
  details?: Record<string, unknown> | undefined;
  message: string;
}

const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON as Go's `json.Encoder` writes it. Members keep their order (Go writes structs in field
 * order), and the characters above can only occur inside strings, so replacing them everywhere is
 * exactly Go's HTML-safe escaping.
 */
export function goEncode(value: unknown): string {
  return `${JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!)}\n`;
}

const FIELD_ORDER = ["id", "code", "status", "request", "reason", "debug", "details", "message"] as const;

/** herodot's `DefaultError` JSON: empty members are omitted (`omitempty`), `message` is always written. */
export function herodotError(error: HerodotError): HerodotError {
  const ordered: Record<string, unknown> = {};
  for (const name of FIELD_ORDER) {
    const value = error[name];
    const empty = value === undefined || value === "" ||
      (typeof value === "object" && value !== null && Object.keys(value).length === 0);
    if (name === "message" || !empty) ordered[name] = value;
  }
  return ordered as unknown as HerodotError;
}
