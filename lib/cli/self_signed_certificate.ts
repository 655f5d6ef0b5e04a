/**
 * A self-signed TLS certificate for `serve --tls`, made at start-up with WebCrypto and the DER writer
 * (a machine may have Node and nothing else: no `openssl`). An ECDSA P-256 key, a certificate for
 * `localhost`, `127.0.0.1` and `::1` that a client trusts by being given it as a CA
 * (`NODE_EXTRA_CA_CERTS`, curl's `--cacert`, Go's `SSL_CERT_FILE`).
 *
 * It is its own trust anchor, so it carries only what every verifier accepts in that role: no
 * keyUsage (OpenSSL would not count a self-signed certificate without keyCertSign as its own issuer),
 * basicConstraints with cA false (webpki, under Deno, refuses a CA certificate as a server's), and the
 * serverAuth extended key usage.
 *
 * @module
 */

import {
  derBitString,
  derBoolean,
  derExplicit,
  derImplicitPrimitive,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derSmallInteger,
  derTime,
  derUnsignedInteger,
  derUtf8String,
  toPem,
} from "./der.ts";

/** What {@linkcode createSelfSignedCertificate} makes. */
export interface SelfSignedCertificate {
  /** The certificate, PEM: give it to clients as a trusted CA. */
  certificatePem: string;
  /** The private key, PKCS #8 PEM: for the server only, never written to disk by `serve`. */
  privateKeyPem: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SelfSignedCertificateOptions {
  /** The subject's common name; default `ory-tokenizer serve`. */
  commonName?: string;
  /** DNS names for subjectAltName; default `localhost`. */
  dnsNames?: readonly string[];
  /** IPv4 or IPv6 addresses for subjectAltName; default `127.0.0.1` and `::1`. */
  ipAddresses?: readonly string[];
  /** The clock, in milliseconds. */
  now?: number;
  /** Days the certificate is valid for from now; default 30. */
  validDays?: number;
}

const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  subjectAltName: "2.5.29.17",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};

// An hour back, for clocks a little behind the server's.
const BACKDATE_MS = 60 * 60 * 1000;

/**
 * Makes a key pair and a certificate signed by it.
 *
 * @example
 * ```ts
 * import { createSelfSignedCertificate } from "./self_signed_certificate.ts";
 * const { certificatePem } = await createSelfSignedCertificate();
 * if (!certificatePem.startsWith("-----BEGIN CERTIFICATE-----")) throw new Error();
 * ```
 */
export async function createSelfSignedCertificate(
  options: SelfSignedCertificateOptions = {},
): Promise<SelfSignedCertificate> {
  const now = options.now ?? Date.now();
  const notBefore = new Date(Math.floor((now - BACKDATE_MS) / 1000) * 1000);
  const notAfter = new Date(Math.floor(now / 1000) * 1000 + (options.validDays ?? 30) * 24 * 60 * 60 * 1000);
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  const name = derSequence(
    derSet(derSequence(derOid(OID.commonName), derUtf8String(options.commonName ?? "ory-tokenizer serve"))),
  );
  const signatureAlgorithm = derSequence(derOid(OID.ecdsaWithSha256));
  const tbs = derSequence(
    derExplicit(0, derSmallInteger(2)), // v3
    derUnsignedInteger(serialNumber()),
    signatureAlgorithm,
    name,
    derSequence(derTime(notBefore), derTime(notAfter)),
    name,
    spki,
    derExplicit(
      3,
      derSequence(
        extension(OID.basicConstraints, true, derSequence()),
        extension(OID.extKeyUsage, false, derSequence(derOid(OID.serverAuth))),
        extension(
          OID.subjectAltName,
          false,
          derSequence(
            ...(options.dnsNames ?? ["localhost"]).map((dns) => derImplicitPrimitive(2, new TextEncoder().encode(dns))),
            ...(options.ipAddresses ?? ["127.0.0.1", "::1"]).map((ip) => derImplicitPrimitive(7, ipBytes(ip))),
          ),
        ),
      ),
    ),
  );
  const raw = new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, tbs as Uint8Array<ArrayBuffer>),
  );
  // WebCrypto signs as r||s; X.509 wants ECDSA-Sig-Value, SEQUENCE { r INTEGER, s INTEGER }.
  const signature = derSequence(derUnsignedInteger(raw.subarray(0, 32)), derUnsignedInteger(raw.subarray(32)));
  const certificate = derSequence(tbs, signatureAlgorithm, derBitString(signature));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return {
    certificatePem: toPem("CERTIFICATE", certificate),
    privateKeyPem: toPem("PRIVATE KEY", pkcs8),
    notBefore,
    notAfter,
  };
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? derSequence(derOid(oid), derBoolean(true), derOctetString(value))
    : derSequence(derOid(oid), derOctetString(value));
}

/** 16 random bytes, positive and never zero (RFC 5280: at most 20 octets, unique per issuer). */
function serialNumber(): Uint8Array {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}

/** An address's bytes: 4 for IPv4, 16 for IPv6 (`::` shorthand expanded). */
function ipBytes(ip: string): Uint8Array {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4 !== null) {
    const parts = v4.slice(1).map(Number);
    if (parts.every((part) => part <= 255)) return new Uint8Array(parts);
  }
  if (/^[0-9a-f:]+$/i.test(ip) && ip.includes(":")) {
    const [head, tail, extra] = ip.split("::");
    const groups = (text: string | undefined) => (text === undefined || text === "" ? [] : text.split(":"));
    const front = groups(head);
    const back = groups(tail);
    const missing = 8 - front.length - back.length;
    if (extra === undefined && (tail === undefined ? missing === 0 : missing > 0)) {
      const all = [...front, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...back];
      if (all.every((group) => group.length >= 1 && group.length <= 4)) {
        return new Uint8Array(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
      }
    }
  }
  throw new RangeError(`Cannot put "${ip}" into a certificate: not an IPv4 or IPv6 address`);
}
