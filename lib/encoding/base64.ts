/**
 * Base64 in the three dialects the tokenizer meets: base64url without padding (JWS segments),
 * standard base64 with padding (`base64://` config values), and Go's `base64.StdEncoding` decoder with
 * its exact error offsets (how Ory reads `base64://` sources).
 *
 * @module
 */

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < STANDARD.length; i++) DECODE[STANDARD.charCodeAt(i)] = i;

/** Encodes bytes as standard base64 with `=` padding, on one line. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Every 12-bit value as its two base64url characters: one lookup per 1.5 bytes. */
const URL_PAIRS: string[] = Array.from({ length: 4096 }, (_, i) => URL_SAFE[i >> 6]! + URL_SAFE[i & 63]!);

/** Encodes bytes as base64url without padding (RFC 7515 section 2). Every token segment goes through here. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const bits = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    parts.push(URL_PAIRS[bits >> 12]! + URL_PAIRS[bits & 0xfff]!);
  }
  if (bytes.length - whole === 1) {
    const bits = bytes[whole]! << 4;
    parts.push(URL_PAIRS[bits]!);
  } else if (bytes.length - whole === 2) {
    const bits = (bytes[whole]! << 10) | (bytes[whole + 1]! << 2);
    parts.push(URL_PAIRS[bits >> 6]! + URL_SAFE[bits & 63]!);
  }
  return parts.join("");
}

/** Decodes base64url or standard base64, padded or not, as JOSE libraries accept it. Throws `SyntaxError`. */
export function decodeBase64Lenient(text: string): Uint8Array {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) {
    throw new SyntaxError(
      "Cannot decode base64: the text contains characters outside the alphabet or has a bad length",
    );
  }
  const binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Go's `base64.CorruptInputError`: the byte offset where decoding failed. */
export class Base64InputError extends SyntaxError {
  readonly offset: number;
  constructor(offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = "Base64InputError";
    this.offset = offset;
  }
}

/**
 * Decodes like Go's `base64.StdEncoding.DecodeString`: the standard alphabet, padding required, CR and
 * LF skipped anywhere, and a failure reported at the same input offset Go reports.
 *
 * @throws {Base64InputError} where Go would return a `CorruptInputError`.
 */
export function decodeBase64Go(text: string): Uint8Array {
  const out: number[] = [];
  const quantum = [0, 0, 0, 0];
  let si = 0;
  while (true) {
    let count = 0; // sextets collected in this quantum
    let end = false;
    for (let j = 0; j < 4; j++) {
      if (si === text.length) {
        if (j === 0) return Uint8Array.from(out);
        // Padding is mandatory, so a short final quantum is corrupt where it started.
        throw new Base64InputError(si - j);
      }
      const c = text.charCodeAt(si);
      si++;
      const value = c < 128 ? DECODE[c]! : -1;
      if (value >= 0) {
        quantum[j] = value;
        count = j + 1;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61 /* = */) throw new Base64InputError(si - 1);
      if (j < 2) throw new Base64InputError(si - 1);
      if (j === 2) {
        while (si < text.length && (text.charCodeAt(si) === 10 || text.charCodeAt(si) === 13)) si++;
        if (si === text.length) throw new Base64InputError(text.length);
        if (text.charCodeAt(si) !== 61) throw new Base64InputError(si - 1);
        si++;
      }
      while (si < text.length && (text.charCodeAt(si) === 10 || text.charCodeAt(si) === 13)) si++;
      if (si < text.length) throw new Base64InputError(si);
      end = true;
      break;
    }
    const [a, b, c, d] = quantum as [number, number, number, number];
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    out.push((bits >> 16) & 0xff);
    if (count > 2) out.push((bits >> 8) & 0xff);
    if (count > 3) out.push(bits & 0xff);
    if (end) return Uint8Array.from(out);
    quantum.fill(0);
  }
}
