/**
 * Serves a fetch-style handler over HTTP: with `Deno.serve` under Deno, and with a thin adapter over
 * `node:http` under Node (Node has no `serve` of its own). A client that goes away before the answer
 * aborts the request's `signal`, so the handler can stop work nobody will read. With `tls`, HTTPS
 * (`node:https`, or `Deno.serve`'s own `cert` and `key`).
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { WHOAMI_PATH } from "../whoami/create_whoami_handler.ts";

/** A running server. */
export interface HttpServer {
  /** Where it listens, such as `http://127.0.0.1:4433/` (`https:` with `tls`). */
  url: URL;
  /** Stops listening and ends open connections; resolves when the server is down. */
  close(): Promise<void>;
}

export interface ServeOptions {
  hostname: string;
  /** 0 asks the system for a free port. */
  port: number;
  /** Serve HTTPS with this certificate (chain) and private key, both PEM. */
  tls?: { cert: string; key: string } | undefined;
}

type Handler = (request: Request) => Promise<Response>;

interface DenoServer {
  addr: { hostname: string; port: number };
  shutdown(): Promise<void>;
  finished: Promise<void>;
}
interface DenoServe {
  serve(
    options: {
      hostname: string;
      port: number;
      cert?: string;
      key?: string;
      onListen?: () => void;
      onError?: (error: unknown) => Response;
    },
    handler: Handler,
  ): DenoServer;
}

/**
 * Starts serving.
 *
 * @throws when the address is taken or not allowed (the runtime's own error).
 */
export async function serveHttp(handler: Handler, options: ServeOptions): Promise<HttpServer> {
  const deno = (globalThis as { Deno?: DenoServe }).Deno;
  if (deno !== undefined) return serveWithDeno(deno, handler, options);
  return await serveWithNode(handler, options);
}

function urlOf(options: ServeOptions, port: number): URL {
  const host = options.hostname.includes(":") ? `[${options.hostname}]` : options.hostname;
  return new URL(`${options.tls === undefined ? "http" : "https"}://${host}:${port}/`);
}

function serveWithDeno(deno: DenoServe, handler: Handler, options: ServeOptions): HttpServer {
  const server = deno.serve(
    {
      hostname: options.hostname,
      port: options.port,
      ...(options.tls === undefined ? {} : { cert: options.tls.cert, key: options.tls.key }),
      onListen: () => {},
    },
    (request) => URL.canParse(request.url) ? handler(request) : Promise.resolve(malformedHost()),
  );
  return {
    url: urlOf(options, server.addr.port),
    close: async () => {
      await server.shutdown();
      await server.finished;
    },
  };
}

async function serveWithNode(handler: Handler, options: ServeOptions): Promise<HttpServer> {
  const listener = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    void answer(handler, incoming, outgoing);
  };
  const server = options.tls === undefined
    ? createServer(listener)
    : createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: urlOf(options, port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(handler: Handler, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const aborter = new AbortController();
  outgoing.on("close", () => {
    if (!outgoing.writableFinished) aborter.abort(new Error("The client closed the connection"));
  });
  const response = await respond(handler, incoming, aborter.signal);
  if (aborter.signal.aborted) return;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === "set-cookie" ? response.headers.getSetCookie() : value;
  });
  outgoing.writeHead(response.status, headers);
  outgoing.end(response.body === null ? undefined : new Uint8Array(await response.arrayBuffer()));
}

async function respond(handler: Handler, incoming: IncomingMessage, signal: AbortSignal): Promise<Response> {
  let request: Request;
  try {
    request = toRequest(incoming, signal);
  } catch {
    if (!URL.canParse(`http://${incoming.headers.host ?? "localhost"}/`)) return malformedHost();
    // Fetch's Request refuses CONNECT and TRACE (forbidden methods): elsewhere than whoami they never
    // reach the handler.
    return new Response(`${incoming.method} is not supported by this server\n`, { status: 501 });
  }
  try {
    return await handler(request);
  } catch {
    return new Response("internal error\n", { status: 500 });
  }
}

/** A Host that names no host (`a b`) makes no URL: Go's server answers it so, not as a method or a crash. */
function malformedHost(): Response {
  return new Response("400 Bad Request: malformed Host header\n", { status: 400 });
}

function toRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  const host = incoming.headers.host ?? "localhost";
  const scheme = "encrypted" in incoming.socket && incoming.socket.encrypted ? "https" : "http";
  // A path is appended, not resolved: resolving `//etc/passwd` would read `etc` as the host.
  const target = incoming.url ?? "/";
  const url = target.startsWith("/") ? new URL(`${scheme}://${host}${target}`) : new URL(target, `${scheme}://${host}`);
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  }
  // Fetch's Request refuses TRACE (a forbidden method), but Kratos registers whoami for every method but
  // DELETE and answers TRACE there as it answers GET: so whoami gets it as a GET.
  const method = incoming.method === "TRACE" && url.pathname === WHOAMI_PATH ? "GET" : incoming.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: incoming as unknown as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}
