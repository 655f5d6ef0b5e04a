/**
 * Bytes to text the way a claims mapper reaches Ory's go-jsonnet: Kratos hands the mapper's bytes to
 * the jsonnet worker through `json.Marshal`, which writes each byte that is not part of a valid UTF-8
 * sequence as its own U+FFFD. `TextDecoder` replaces a whole broken sequence with one U+FFFD instead
 * (`E2 82 41` is `\uFFFD A` there, `\uFFFD \uFFFD A` in Ory), which moves every later column and
 * changes strings. A byte order mark is kept, as Go keeps it.
 *
 * @module
 */

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 with one U+FFFD per invalid byte (Go's `utf8.DecodeRune` rules).
 *
 * @param bytes the mapper's bytes.
 * @returns the text go-jsonnet evaluates.
 */
export function decodeUtf8LikeGo(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    // Not valid UTF-8: decode sequence by sequence below.
  }
  let text = "";
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const width = sequenceWidth(bytes, i);
    if (width > 0) {
      i += width;
      continue;
    }
    text += strict.decode(bytes.subarray(start, i)) + "\ufffd";
    i++;
    start = i;
  }
  return text + strict.decode(bytes.subarray(start));
}

/** The length of the valid UTF-8 sequence at `i`, or 0 (Go's table of first and second bytes). */
function sequenceWidth(bytes: Uint8Array, i: number): number {
  const c = bytes[i]!;
  const continuation = (at: number, lo = 0x80, hi = 0xbf) => at < bytes.length && bytes[at]! >= lo && bytes[at]! <= hi;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok = continuation(i + 1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && continuation(i + 2);
    return ok ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = continuation(i + 1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && continuation(i + 2) &&
      continuation(i + 3);
    return ok ? 4 : 0;
  }
  return 0;
}
