// Every source read is bounded: size and time, regular files only, a typed error naming the source
// (redacted). Servers listen on 127.0.0.1 on a port the OS picks and stop when the test ends.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { SOURCE_MAX_BYTES, SOURCE_TIMEOUT_MS, TokenizerError } from "../lib/mod.ts";
import { readSourceFile } from "../lib/cli/io.ts";
import { fetchSource } from "../lib/sources/fetch_source.ts";

const ALL = ["http", "https", "file", "base64"] as const;

async function failure(promise: Promise<unknown>): Promise<TokenizerError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof TokenizerError, `a TokenizerError, not ${String(error)}`);
  return error;
}

describe("file:// sources through the CLI's reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "ory-tokenizer-limits-"));
  const fifo = join(dir, "fifo");
  const hasMkfifo = process.platform !== "win32";
  before(() => {
    if (hasMkfifo) execFileSync("mkfifo", [fifo]);
    writeFileSync(join(dir, "big.json"), new Uint8Array(1024 + 1));
    writeFileSync(join(dir, "ok.json"), '{"keys":[]}');
    symlinkSync(join(dir, "ok.json"), join(dir, "link.json"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const capabilities = { readFile: readSourceFile, sourceLimits: { maxBytes: 1024, timeoutMs: 2000 } };

  it("refuses /dev/zero at once instead of growing without limit", async () => {
    const started = Date.now();
    const error = await failure(fetchSource("file:///dev/zero", ALL, capabilities));
    assert.equal(error.code, "ERR_SOURCE_READ");
    assert.equal(
      error.reason,
      "read file: file:///dev/zero: read /dev/zero: not a regular file (a device, a pipe or a socket)",
    );
    assert.ok(Date.now() - started < 1000);
  });

  it("refuses a FIFO without a writer instead of hanging", { skip: !hasMkfifo }, async () => {
    const started = Date.now();
    const error = await failure(fetchSource(`file://${fifo}`, ALL, capabilities));
    assert.match(error.reason, /not a regular file/);
    assert.ok(Date.now() - started < 1000);
  });

  it("refuses a directory", async () => {
    assert.match((await failure(fetchSource(`file://${dir}`, ALL, capabilities))).reason, /is a directory$/);
  });

  it("refuses a file over the size limit, and reads one through a symbolic link (Go does)", async () => {
    const error = await failure(fetchSource(`file://${join(dir, "big.json")}`, ALL, capabilities));
    assert.match(error.reason, /larger than 1024 bytes$/);
    const bytes = await fetchSource(`file://${join(dir, "link.json")}`, ALL, capabilities);
    assert.equal(new TextDecoder().decode(bytes), '{"keys":[]}');
  });

  it("bounds an injected readFile that ignores its options, in size and in time", async () => {
    const huge = (): Promise<Uint8Array> => Promise.resolve(new Uint8Array(2048));
    const size = await failure(fetchSource("file://x", ALL, { readFile: huge, sourceLimits: { maxBytes: 1024 } }));
    assert.match(size.reason, /^read file: file:\/\/x: the source is larger than 1024 bytes/);
    const never = () => new Promise<Uint8Array>(() => {});
    const started = Date.now();
    const time = await failure(fetchSource("file://x", ALL, { readFile: never, sourceLimits: { timeoutMs: 100 } }));
    assert.match(time.reason, /not read within 0\.1s/);
    assert.ok(Date.now() - started < 1000);
  });

  it("has documented defaults far above any real key set or mapper", () => {
    assert.equal(SOURCE_MAX_BYTES, 4 * 1024 * 1024);
    assert.equal(SOURCE_TIMEOUT_MS, 10_000);
  });
});

describe("base64:// sources", () => {
  it("refuses a value over the size limit before decoding it", async () => {
    const error = await failure(
      fetchSource(`base64://${"QUFB".repeat(400)}`, ALL, { sourceLimits: { maxBytes: 1024 } }),
    );
    assert.equal(error.code, "ERR_SOURCE_BASE64");
    assert.match(error.reason, /^base64decode: base64:\/\/\[redacted\]: the source is larger than 1024 bytes/);
  });
});

describe("http(s):// sources", () => {
  let server: Server;
  let base = "";
  const open = new Set<ServerResponse>();
  before(async () => {
    server = createServer((request, response) => {
      open.add(response);
      response.on("close", () => open.delete(response));
      if (request.url === "/silent") return; // never answers
      if (request.url === "/trickle") {
        response.writeHead(200);
        const timer = setInterval(() => response.write("x"), 50);
        response.on("close", () => clearInterval(timer));
        return;
      }
      if (request.url === "/huge") {
        response.writeHead(200); // no content-length: the size shows only while reading
        const chunk = new Uint8Array(64 * 1024);
        const pump = () => {
          while (response.write(chunk));
        };
        response.on("drain", pump);
        pump();
        return;
      }
      if (request.url === "/declared") {
        response.writeHead(200, { "content-length": String(1024 * 1024 * 1024) });
        response.write("x");
        return;
      }
      response.end("{ claims: {} }");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const response of open) response.destroy();
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  });
  const limits = { sourceLimits: { maxBytes: 1024 * 1024, timeoutMs: 500 } };

  it("stops a server that never answers at the time limit", async () => {
    const started = Date.now();
    const error = await failure(fetchSource(`${base}/silent`, ALL, limits));
    assert.equal(error.code, "ERR_SOURCE_HTTP");
    assert.equal(error.reason, `Get "${base}/silent": the source was not read within 0.5s`);
    assert.ok(Date.now() - started < 1500);
  });

  it("stops a server that sends a byte now and then: the limit is for the whole read", async () => {
    const started = Date.now();
    assert.match((await failure(fetchSource(`${base}/trickle`, ALL, limits))).reason, /not read within 0\.5s$/);
    assert.ok(Date.now() - started < 1500);
  });

  it("stops an endless body at the size limit with a typed error, not a RangeError", async () => {
    const error = await failure(fetchSource(`${base}/huge`, ALL, limits));
    assert.match(error.reason, /larger than 1 MiB/);
  });

  it("refuses a declared length over the limit without reading it", async () => {
    assert.match((await failure(fetchSource(`${base}/declared`, ALL, limits))).reason, /larger than 1 MiB/);
  });

  it("still reads a normal source", async () => {
    assert.equal(new TextDecoder().decode(await fetchSource(`${base}/ok`, ALL, limits)), "{ claims: {} }");
  });
});
