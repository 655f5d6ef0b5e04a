/**
 * Edits of a source that never add or remove a line break, and the way back from a place in the edited
 * text to the user's own column: most of the prelude's rewrites keep their length, but some (a slice
 * turned into a call) cannot, and errors must still point at what the user wrote.
 *
 * @module
 */

/** Replace `length` UTF-16 units at offset `at` of the source with `text` (no line breaks in either). */
export interface SourceEdit {
  at: number;
  length: number;
  text: string;
}

/** Maps a place in the edited text (line, UTF-16 column) back to the user's column on the same line. */
export type ColumnMap = (line: number, column: number) => number;

/** The edited text, and the map back when some edit changed a length. */
export interface EditedSource {
  text: string;
  /** Undefined when every edit kept its length: columns are then the user's already. */
  toSourceColumn?: ColumnMap;
}

/**
 * Applies edits in source order. Edits at the same offset apply in the order given, so an insertion
 * (length 0) meant to stand before a replacement there must come first.
 */
export function applyEdits(source: string, edits: readonly SourceEdit[]): EditedSource {
  const sorted = edits.map((edit, order) => ({ edit, order })).sort((a, b) =>
    a.edit.at - b.edit.at || a.order - b.order
  ).map(({ edit }) => edit);
  let text = "";
  let last = 0;
  for (const edit of sorted) {
    text += source.slice(last, edit.at) + edit.text;
    last = edit.at + edit.length;
  }
  text += source.slice(last);
  const growing = sorted.filter((edit) => edit.text.length !== edit.length);
  if (growing.length === 0) return { text };
  // Per line, the edits in order with their source and edited columns.
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const byLine = new Map<number, { column: number; editedColumn: number; length: number; textLength: number }[]>();
  let line = 0;
  let shift = 0;
  for (const edit of sorted) {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= edit.at) {
      line++;
      shift = 0;
    }
    const column = edit.at - lineStarts[line]!;
    const entries = byLine.get(line) ?? [];
    entries.push({ column, editedColumn: column + shift, length: edit.length, textLength: edit.text.length });
    byLine.set(line, entries);
    shift += edit.text.length - edit.length;
  }
  const toSourceColumn: ColumnMap = (atLine, column) => {
    let delta = 0;
    for (const entry of byLine.get(atLine) ?? []) {
      if (column < entry.editedColumn) break;
      // Inside an edit's text: the edit's own place (its last replaced unit at most).
      if (column < entry.editedColumn + entry.textLength) {
        return entry.column + Math.min(column - entry.editedColumn, Math.max(entry.length - 1, 0));
      }
      delta = entry.editedColumn + entry.textLength - (entry.column + entry.length);
    }
    return column - delta;
  };
  return { text, toSourceColumn };
}
