// The DER writer and the self-signed certificate `serve --tls` makes, read back by Node's X.509 parser
// (OpenSSL): names, addresses, validity, not a CA, and a signature its own key verifies.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { describe, it } from "node:test";
import {
  derBitString,
  derOctetString,
  derOid,
  derSequence,
  derSmallInteger,
  derTime,
  derUnsignedInteger,
  toPem,
} from "../lib/cli/der.ts";
import { createSelfSignedCertificate } from "../lib/cli/self_signed_certificate.ts";

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join(" ");

describe("the DER writer", () => {
  const vectors: [string, Uint8Array, string][] = [
    ["INTEGER 0", derSmallInteger(0), "02 01 00"],
    ["INTEGER 127", derSmallInteger(127), "02 01 7f"],
    ["INTEGER 128 (a zero byte keeps it positive)", derSmallInteger(128), "02 02 00 80"],
    ["INTEGER 65537", derSmallInteger(65537), "02 03 01 00 01"],
    ["INTEGER without leading zero bytes", derUnsignedInteger(new Uint8Array([0, 0, 1])), "02 01 01"],
    ["INTEGER of zero bytes only", derUnsignedInteger(new Uint8Array([0, 0])), "02 01 00"],
    ["OID ecPublicKey", derOid("1.2.840.10045.2.1"), "06 07 2a 86 48 ce 3d 02 01"],
    ["OID commonName", derOid("2.5.4.3"), "06 03 55 04 03"],
    ["empty SEQUENCE", derSequence(), "30 00"],
    ["BIT STRING", derBitString(new Uint8Array([0x80]), 7), "03 02 07 80"],
    ["UTCTime", derTime(new Date("2026-12-07T09:49:29.500Z")), "17 0d 32 36 31 32 30 37 30 39 34 39 32 39 5a"],
    [
      "GeneralizedTime from 2050",
      derTime(new Date("2050-01-01T00:00:00Z")),
      "18 0f 32 30 35 30 30 31 30 31 30 30 30 30 30 30 5a",
    ],
  ];
  for (const [name, actual, expected] of vectors) {
    it(`encodes ${name}`, () => assert.equal(hex(actual), expected));
  }

  it("writes long lengths in the long form", () => {
    assert.equal(hex(derOctetString(new Uint8Array(127)).subarray(0, 2)), "04 7f");
    assert.equal(hex(derOctetString(new Uint8Array(200)).subarray(0, 3)), "04 81 c8");
    assert.equal(hex(derOctetString(new Uint8Array(300)).subarray(0, 4)), "04 82 01 2c");
    assert.equal(derOctetString(new Uint8Array(300)).length, 304);
  });

  it("refuses what it cannot encode", () => {
    assert.throws(() => derOid("3.1"), RangeError);
    assert.throws(() => derOid("1"), RangeError);
    assert.throws(() => derSmallInteger(-1), RangeError);
    assert.throws(() => derTime(new Date("1949-12-31T00:00:00Z")), RangeError);
  });

  it("armours PEM in lines of 64 characters", () => {
    const pem = toPem("TEST", new Uint8Array(100));
    const lines = pem.trimEnd().split("\n");
    assert.equal(lines[0], "-----BEGIN TEST-----");
    assert.equal(lines[1]!.length, 64);
    assert.equal(lines.at(-1), "-----END TEST-----");
  });
});

describe("createSelfSignedCertificate()", () => {
  it("makes a certificate for localhost, 127.0.0.1 and ::1 that OpenSSL reads and its own key verifies", async () => {
    const now = Date.parse("2026-12-07T10:00:00Z");
    const made = await createSelfSignedCertificate({ now });
    const certificate = new X509Certificate(made.certificatePem);
    assert.equal(certificate.subject, "CN=ory-tokenizer serve");
    assert.equal(certificate.issuer, certificate.subject);
    assert.equal(certificate.checkHost("localhost"), "localhost");
    assert.equal(certificate.checkHost("example.com"), undefined);
    assert.equal(certificate.checkIP("127.0.0.1"), "127.0.0.1");
    assert.equal(certificate.checkIP("::1"), "::1");
    assert.equal(certificate.checkIP("10.0.0.1"), undefined);
    assert.equal(certificate.ca, false);
    assert.equal(certificate.verify(certificate.publicKey), true);
    assert.equal(new Date(certificate.validFrom).toISOString(), "2026-12-07T09:00:00.000Z");
    assert.equal(new Date(certificate.validTo).toISOString(), "2027-01-06T10:00:00.000Z");
    assert.match(made.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("marks it for TLS servers (extended key usage serverAuth)", {
    skip: "Deno" in globalThis && "Deno's X509Certificate has no keyUsage",
  }, async () => {
    const certificate = new X509Certificate((await createSelfSignedCertificate()).certificatePem);
    assert.deepEqual(certificate.keyUsage, ["1.3.6.1.5.5.7.3.1"]); // Node calls the extended key usage keyUsage
  });

  it("takes other names and addresses, and refuses one that is not an address", async () => {
    const made = await createSelfSignedCertificate({ dnsNames: ["dev.test"], ipAddresses: ["192.168.1.2", "fe80::1"] });
    const certificate = new X509Certificate(made.certificatePem);
    assert.equal(certificate.checkHost("dev.test"), "dev.test");
    assert.equal(certificate.checkIP("192.168.1.2"), "192.168.1.2");
    assert.equal(certificate.checkIP("fe80::1"), "fe80::1");
    await assert.rejects(createSelfSignedCertificate({ ipAddresses: ["300.1.1.1"] }), RangeError);
    await assert.rejects(createSelfSignedCertificate({ ipAddresses: ["1::2::3"] }), RangeError);
  });
});
