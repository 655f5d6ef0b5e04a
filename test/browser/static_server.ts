// A minimal static file server on 127.0.0.1 for the browser tests: serves the repository root
// (dist/, test/browser/ pages) with serve's own static files (the WebAssembly MIME type that
// instantiateStreaming requires, no way out of the folder).
import { fileURLToPath } from "node:url";
import { staticFiles } from "../../lib/cli/static_files.ts";
import { serveHttp } from "../../lib/runtime/serve_http.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const port = Number(process.argv[2] ?? 4173);
const files = staticFiles([{ prefix: "/", folder: root }]);

const server = await serveHttp(
  async (request) => (await files(request)) ?? new Response("not found", { status: 404 }),
  { hostname: "127.0.0.1", port },
);
console.log(`serving on ${server.url.href}`);
