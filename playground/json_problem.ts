/**
 * Where JSON text fails to parse, as an offset for an editor marker: `JSON.parse`'s message says it
 * in words that differ by engine ("at position 12", "line 2 column 5"), so both are read.
 */
export interface JsonProblem {
  message: string;
  /** The offset in the text the parser stopped at (0 when the engine does not say). */
  from: number;
}

export function jsonProblem(text: string): JsonProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (position) return { message, from: Math.min(Number(position[1]), text.length) };
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) {
      const lines = text.split("\n").slice(0, Number(lineColumn[1]) - 1);
      const offset = lines.reduce((sum, line) => sum + line.length + 1, 0) + Number(lineColumn[2]) - 1;
      return { message, from: Math.min(offset, text.length) };
    }
    return { message, from: text.length };
  }
}
