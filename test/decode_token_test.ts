// decodeToken(): everything a token holds, as far as it can be read, and what is missing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeToken, sampleSession, TokenError } from "../lib/mod.ts";
import { b64url, fixture, KRATOS_ISSUER, KRATOS_NOW, oryToken as oryTokenOf } from "./_helpers.ts";

const ES512 = fixture("jwk.es512.json");
const NOW_S = KRATOS_NOW / 1000;

const oryToken = () => oryTokenOf(ES512);

function unsigned(claims: unknown, header: unknown = { alg: "none" }): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.`;
}

describe("decodeToken()", () => {
  it("reads an Ory token: header, claims, sizes, times and registered claims", async () => {
    const token = await oryToken();
    const decoded = decodeToken(token, { now: KRATOS_NOW + 60_000 });
    assert.equal(decoded.kind, "jws");
    assert.deepEqual(decoded.header, { alg: "ES512", kid: "bc7f7afc-6742-427c-bb9e-164fe0f8b6a7", typ: "JWT" });
    assert.equal(decoded.claims?.["iss"], KRATOS_ISSUER);
    assert.deepEqual(decoded.signature, { bytes: 132, expectedBytes: 132 });
    assert.deepEqual(decoded.segments.map((s) => s.name), ["header", "payload", "signature"]);
    assert.deepEqual(decoded.segments.map((s) => s.chars), token.split(".").map((s) => s.length));
    assert.equal(decoded.segments[2]!.bytes, 132);
    assert.deepEqual(decoded.times.iat, {
      value: NOW_S,
      date: "2023-02-01T00:00:00Z",
      relative: "1 min ago",
      secondsFromNow: -60,
    });
    assert.equal(decoded.times.exp?.relative, "in 9 min");
    assert.equal(decoded.times.nbf?.date, "2023-02-01T00:00:00Z");
    assert.equal(decoded.lifetime, "10 min");
    assert.deepEqual(decoded.registeredClaims, {
      present: ["iss", "sub", "exp", "nbf", "iat", "jti"],
      absent: ["aud"],
    });
    assert.deepEqual(decoded.problems, []);
    assert.equal(decoded.now, "2023-02-01T00:01:00.000Z");
  });

  const relative: [number, string][] = [
    [42, "in 42 s"],
    [-42, "42 s ago"],
    [180, "in 3 min"],
    [150, "in 2 min 30 s"],
    [5400, "in 1 h 30 min"],
    [-90000, "1 d 1 h ago"],
    [0, "now"],
  ];
  for (const [offset, words] of relative) {
    it(`says "${words}" for an exp ${offset} s from now`, () => {
      const decoded = decodeToken(unsigned({ exp: NOW_S + offset }), { now: KRATOS_NOW });
      assert.equal(decoded.times.exp?.relative, words);
    });
  }

  it("reads an unsigned token and says it is unsigned", () => {
    const decoded = decodeToken(unsigned({ sub: "x" }), { now: KRATOS_NOW });
    assert.deepEqual(decoded.signature, { bytes: 0 });
    assert.ok(decoded.problems.some((p) => /unsigned \(alg "none"\)/.test(p)), decoded.problems.join("\n"));
  });

  it("reads a 2-segment token and says the signature is missing", async () => {
    const [h, p] = (await oryToken()).split(".");
    const decoded = decodeToken(`${h}.${p}`, { now: KRATOS_NOW });
    assert.equal(decoded.kind, "unknown");
    assert.equal(decoded.claims?.["sid"], sampleSession().id);
    assert.equal(decoded.signature, undefined);
    assert.ok(decoded.problems.some((p) => p.startsWith("there is no signature segment")));
  });

  it("reads a token cut inside its signature and says how long the signature should be", async () => {
    const token = await oryToken();
    const decoded = decodeToken(token.slice(0, -20), { now: KRATOS_NOW });
    assert.equal(decoded.signature?.expectedBytes, 132);
    assert.ok(decoded.signature!.bytes < 132);
    assert.ok(decoded.problems.some((p) => /signature is \d+ bytes, but ES512 signatures are 132 bytes/.test(p)));
  });

  it("keeps the payload text of a token cut inside its payload", async () => {
    const [h, p] = (await oryToken()).split(".");
    const decoded = decodeToken(`${h}.${p!.slice(0, 41)}`, { now: KRATOS_NOW });
    assert.equal(decoded.claims, undefined);
    assert.ok(decoded.payloadText?.startsWith('{"exp":1675210200,'), decoded.payloadText);
    assert.ok(decoded.problems.some((p) => p.includes("cut off")));
    assert.ok(decoded.problems.some((p) => p.includes("not complete JSON")));
  });

  it("reads a header alone", () => {
    const decoded = decodeToken(b64url('{"alg":"ES256","kid":"k","typ":"JWT"}'));
    assert.equal(decoded.header?.["kid"], "k");
    assert.ok(decoded.problems.some((p) => p.includes("only one segment")));
  });

  it("reads a JWE's header and says its claims are encrypted", () => {
    const header = b64url('{"alg":"dir","enc":"A256GCM"}');
    const decoded = decodeToken(`${header}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(decoded.kind, "jwe");
    assert.deepEqual(decoded.header, { alg: "dir", enc: "A256GCM" });
    assert.equal(decoded.claims, undefined);
    assert.deepEqual(decoded.segments.map((s) => s.name), ["header", "encrypted_key", "iv", "ciphertext", "tag"]);
    assert.ok(decoded.problems.some((p) => p.includes("JWE")));
  });

  it("ignores a Bearer prefix and whitespace, and says so", async () => {
    const token = await oryToken();
    const decoded = decodeToken(`  Bearer ${token.slice(0, 50)}\n${token.slice(50)}\n`);
    assert.equal(decoded.header?.["alg"], "ES512");
    assert.equal(decoded.signature?.bytes, 132);
    assert.equal(decoded.problems.length, 3, decoded.problems.join("\n"));
  });

  it("reports times that are not numbers instead of failing", () => {
    const decoded = decodeToken(unsigned({ exp: "later", iat: NOW_S }), { now: KRATOS_NOW });
    assert.deepEqual(decoded.times.exp, { value: "later" });
    assert.equal(decoded.lifetime, undefined);
    assert.ok(decoded.problems.includes('the "exp" claim is "later", not a number of seconds (verifiers refuse it)'));
  });

  it("notices standard base64 where base64url belongs", () => {
    const header = btoa('{"alg":"HS256","kid":">>>?"}');
    const decoded = decodeToken(`${header}.${b64url("{}")}.AAAA`);
    assert.equal(decoded.header?.["kid"], ">>>?");
    assert.ok(decoded.problems.some((p) => p.includes("standard base64")));
  });

  const hopeless = ["", "   ", "hello", "!!!.???.***", "a.b.c"];
  for (const text of hopeless) {
    it(`throws ERR_TOKEN_MALFORMED when nothing can be read from ${JSON.stringify(text)}`, () => {
      assert.throws(() => decodeToken(text), (error: unknown) => {
        assert.ok(error instanceof TokenError);
        assert.equal(error.code, "ERR_TOKEN_MALFORMED");
        assert.match(error.message, /^Cannot decode the token: /);
        return true;
      });
    });
  }

  it("throws a TypeError for a value that is not a string", () => {
    assert.throws(() => decodeToken(42 as unknown as string), TypeError);
  });
});
