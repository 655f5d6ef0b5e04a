/**
 * A small ASN.1 DER writer: just the types an X.509 certificate needs (`serve --tls` makes one at
 * start-up without an `openssl` binary). Each function returns one complete TLV; nesting is composition.
 *
 * @module
 */

/** One tag, its definite length (short form under 128 bytes, long form above) and its content. */
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const length = content.length;
  let header: number[];
  if (length < 0x80) {
    header = [tag, length];
  } else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  const out = new Uint8Array(header.length + length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function derSequence(...items: Uint8Array[]): Uint8Array {
  return derTlv(0x30, concat(items));
}

export function derSet(...items: Uint8Array[]): Uint8Array {
  return derTlv(0x31, concat(items));
}

export function derBoolean(value: boolean): Uint8Array {
  return derTlv(0x01, new Uint8Array([value ? 0xff : 0x00]));
}

/**
 * A non-negative INTEGER from its big-endian magnitude: leading zero bytes dropped (DER's minimal
 * form), one put back when the top bit is set so the value does not read as negative.
 */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.length === 0 ? new Uint8Array([0]) : magnitude.subarray(start);
  return derTlv(0x02, trimmed[0]! & 0x80 ? concat([new Uint8Array([0]), trimmed]) : trimmed);
}

export function derSmallInteger(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Cannot encode ${value} as a small INTEGER`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return derUnsignedInteger(new Uint8Array(bytes));
}

/** An OBJECT IDENTIFIER from its dotted form, such as `2.5.4.3`. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  if (arcs.length < 2 || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0) || arcs[0]! > 2) {
    throw new RangeError(`Cannot encode "${dotted}" as an OBJECT IDENTIFIER`);
  }
  const bytes: number[] = [];
  for (const arc of [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)]) {
    const groups = [arc % 128];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) groups.unshift(0x80 | (rest % 128));
    bytes.push(...groups);
  }
  return derTlv(0x06, new Uint8Array(bytes));
}

/** A BIT STRING of whole bytes, or with `unusedBits` low bits of the last byte unused. */
export function derBitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  return derTlv(0x03, concat([new Uint8Array([unusedBits]), bytes]));
}

export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derTlv(0x04, bytes);
}

export function derUtf8String(text: string): Uint8Array {
  return derTlv(0x0c, new TextEncoder().encode(text));
}

/**
 * A time as RFC 5280 section 4.1.2.5 asks: UTCTime (`YYMMDDHHMMSSZ`) through 2049, GeneralizedTime
 * (`YYYYMMDDHHMMSSZ`) from 2050, whole seconds.
 */
export function derTime(date: Date): Uint8Array {
  const iso = date.toISOString(); // 2026-12-07T09:49:29.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new RangeError(`Cannot encode the year ${year} in a certificate`);
  return year < 2050
    ? derTlv(0x17, new TextEncoder().encode(`${digits.slice(2)}Z`))
    : derTlv(0x18, new TextEncoder().encode(`${digits}Z`));
}

/** `[n] EXPLICIT`: a constructed context-specific tag around a complete TLV. */
export function derExplicit(tagNumber: number, inner: Uint8Array): Uint8Array {
  return derTlv(0xa0 | tagNumber, inner);
}

/** `[n] IMPLICIT` over a primitive type: the content with the context-specific tag in place of the type's. */
export function derImplicitPrimitive(tagNumber: number, content: Uint8Array): Uint8Array {
  return derTlv(0x80 | tagNumber, content);
}

/** PEM armour: base64 in lines of 64 characters between BEGIN and END lines. */
export function toPem(label: string, der: Uint8Array): string {
  let binary = "";
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
