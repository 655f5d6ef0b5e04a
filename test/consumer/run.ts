/**
 * The package as its users get it: one `npm pack`, one offline install into a temporary consumer
 * project, then every kind of user against it. A strict TypeScript consumer (nodenext, node16,
 * bundler; with and without DOM), a loose one, Node ESM and CommonJS scripts, an esbuild Node bundle,
 * esbuild and Vite browser bundles run in Chromium, Deno through npm resolution, and Bun.
 *
 * Run by `npm run test:consumer` (part of `npm test`), under Node only: it drives Deno and Bun itself.
 * The consumer's sources are the files beside this one; README's "Use it from …" snippets are theirs.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { ENTRY_POINTS } from "../../scripts/entry_points.ts";
import { chromiumLaunchOptions } from "../chromium.ts";
import { open as openDocument, startLsp } from "../_lsp_client.ts";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = fileURLToPath(new URL("./", import.meta.url));
const bin = (name: string) => join(repo, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "ory-tokenizer-consumer-"));
const app = join(work, "app");
let tarballFiles: { path: string; size: number }[] = [];
/** The packed package's path. */
let tarball = "";

/** Runs a command in the consumer project; returns stdout, failing with stderr in the message. */
async function sh(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd: options.cwd ?? app,
      env: options.env ?? process.env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} failed:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    }),
  );
}

before(async () => {
  // What is packed is dist/: rebuild it if any source is newer.
  const built = statSync(join(repo, "dist/mod.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (Math.max(newestMtime(join(repo, "lib")), statSync(join(repo, "scripts/build.ts")).mtimeMs) > built) {
    await sh("npm", ["run", "build"], { cwd: repo });
  }
  const { stdout } = await sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: repo });
  const [pack] = JSON.parse(stdout) as [{ filename: string; files: { path: string; size: number }[] }];
  tarballFiles = pack.files;
  tarball = join(work, pack.filename);
  mkdirSync(app);
  for (const name of readdirSync(fixtures)) {
    if (name !== "run.ts") copyFileSync(join(fixtures, name), join(app, name));
  }
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { "ory-tokenizer": `file:${tarball}` },
    }),
  );
  // From the tarball and npm's cache (jose, the one dependency, was installed for the repo; its
  // registry entry is fetched once if the cache lacks it).
  await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"]);
  writeFileSync(join(app, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
});

after(() => rmSync(work, { recursive: true, force: true }));

test("the tarball holds the bundles, their declarations, one engine binary and the license, no sources", () => {
  const paths = tarballFiles.map((file) => file.path);
  const bundles = ENTRY_POINTS.flatMap((entry) => [
    ...Object.values(entry.bundles).map((name) => `dist/${name}.js`),
    entry.types,
  ]);
  for (const expected of ["LICENSE", "README.md", "package.json", "bin/ory-tokenizer", ...bundles]) {
    assert.ok(paths.includes(expected), `${expected} is missing from the tarball`);
  }
  assert.deepEqual(paths.filter((path) => path.endsWith(".wasm")), ["dist/jsonnet.wasm"]);
  assert.deepEqual(paths.filter((path) => /\.(ts|map)$/.test(path) && !path.endsWith(".d.ts")), []);
  const manifest = JSON.parse(readFileSync(join(app, "node_modules/ory-tokenizer/package.json"), "utf8"));
  assert.deepEqual(Object.keys(manifest.dependencies), ["jose"]);
  assert.match(readFileSync(join(app, "node_modules/ory-tokenizer/LICENSE"), "utf8"), /Apache License/);
});

// Without DOM, a Node project's globals (URL, Response) come from @types/node; with DOM, a browser
// project's, so no @types/node. Checking @types/node costs about 5 s a run: the first configuration
// checks every declaration file, the others skip TypeScript's own lib files (never ours).
const TYPESCRIPT_CONSUMERS = [
  { module: "nodenext", moduleResolution: "nodenext", lib: ["ES2022", "DOM"], types: ["node"], full: true },
  { module: "nodenext", moduleResolution: "nodenext", lib: ["ES2022"], types: ["node"] },
  { module: "node16", moduleResolution: "node16", lib: ["ES2022"], types: ["node"] },
  { module: "esnext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], types: [] },
  { module: "esnext", moduleResolution: "bundler", lib: ["ES2022"], types: ["node"] },
];

test("a TypeScript consumer type-checks with zero errors and real types", async () => {
  const configs = [
    ...TYPESCRIPT_CONSUMERS.map((options) => ({ ...options, strict: true, file: "typed.ts" })),
    {
      module: "nodenext",
      moduleResolution: "nodenext",
      lib: ["ES2022", "DOM"],
      types: [],
      strict: false,
      file: "loose.ts",
    },
  ];
  // Two at a time: the machine's cores.
  for (let i = 0; i < configs.length; i += 2) {
    await Promise.all(
      configs.slice(i, i + 2).map(async ({ file, full, ...options }, j) => {
        const name = `tsconfig.${i + j}.json`;
        writeFileSync(
          join(app, name),
          JSON.stringify({
            compilerOptions: {
              ...options,
              target: "ES2022",
              noEmit: true,
              skipLibCheck: false,
              skipDefaultLibCheck: !full,
              typeRoots: [join(repo, "node_modules/@types")],
            },
            files: [file],
          }),
        );
        await sh(bin("tsc"), ["-p", name]).catch((error) => {
          throw new Error(`${JSON.stringify(options)}: ${(error as Error).message}`);
        });
      }),
    );
  }
});

test("a Node ES module script tokenizes in a worker", async () => {
  const { stdout, stderr } = await sh("node", ["esm.mjs"]);
  assert.deepEqual(JSON.parse(stdout), { email: "alice@example.com", isolation: "worker" });
  assert.equal(stderr, "");
});

/** What subpaths.mjs prints: each entry point did its job, and they share one copy of lib. */
const SUBPATHS_OUTPUT = {
  lint: ["session-path-unknown"],
  preview: true,
  golden: 0,
  whoami: [200, "string"],
  oneErrorClass: true,
  oneSandbox: "worker",
  editor: [true, "object"],
};

test("every entry point works from a Node ES module, and they share one copy of lib", async () => {
  const { stdout, stderr } = await sh("node", ["subpaths.mjs"]);
  assert.deepEqual(JSON.parse(stdout), SUBPATHS_OUTPUT);
  assert.equal(stderr, "");
});

test("a CommonJS script requires the package", async () => {
  const { stdout } = await sh("node", ["cjs.cjs"]);
  assert.deepEqual(JSON.parse(stdout), { cjs: true, alg: "ES384" });
});

test("the installed CLI runs (npx ory-tokenizer)", async () => {
  const cli = join(app, "node_modules/.bin/ory-tokenizer");
  const { stdout: jwks } = await sh(cli, ["jwk", "create", "consumer"]);
  writeFileSync(join(app, "consumer.jwks.json"), jwks);
  writeFileSync(join(app, "claims.jsonnet"), "{ claims: { cli: true } }");
  const { stdout } = await sh(cli, ["tokenize", "--jwks", "consumer.jwks.json", "--claims", "claims.jsonnet"]);
  assert.match(stdout.trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
});

test("the installed language server answers an editor (npx ory-tokenizer lsp --stdio, dist/lsp.js), nothing else installed", async () => {
  const mapper = "local s = std.extVar('session');\n{ claims: { email: s.identity.trait.email } }";
  for (
    const command of [
      [join(app, "node_modules/.bin/ory-tokenizer"), ["lsp", "--stdio"]],
      ["node", [join(app, "node_modules/ory-tokenizer/dist/lsp.js"), "--stdio"]],
    ] as [string, string[]][]
  ) {
    const lsp = await startLsp({ command, cwd: app, settings: { debounceMs: 0 } });
    try {
      await openDocument(lsp, "untitled:claims.jsonnet", mapper);
      const [finding] = await lsp.diagnosticsFor("untitled:claims.jsonnet", (d) => d.length > 0);
      assert.equal(finding?.code, "session-path-unknown", command.join(" "));
    } finally {
      await lsp.close();
    }
  }
  assert.ok(tarballFiles.some((file) => file.path === "dist/lsp_worker.js"), "dist/lsp_worker.js is missing");
});

test("an esbuild bundle for Node runs away from node_modules, engine and worker inside", async () => {
  const out = join(work, "node-bundle");
  await sh(bin("esbuild"), ["esm.mjs", "--bundle", "--platform=node", "--format=esm", `--outdir=${out}`]);
  rmSync(join(app, "node_modules"), { recursive: true, force: true }); // nothing to fall back on
  try {
    const { stdout, stderr } = await sh("node", [join(out, "esm.js")], { cwd: out });
    assert.deepEqual(JSON.parse(stdout), { email: "alice@example.com", isolation: "worker" });
    assert.equal(stderr, "");
  } finally {
    await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"]);
  }
});

test("Deno runs the package through npm resolution, type-checked, every entry point", async () => {
  const deno = bin("deno");
  const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1" };
  const { stdout } = await sh(deno, ["run", "--check", "--allow-read", "--allow-env", "deno.ts"], { env });
  assert.deepEqual(JSON.parse(stdout), { deno: true, typed: "string" });
  const { stdout: subpaths } = await sh(deno, ["run", "--allow-read", "--allow-env", "subpaths.mjs"], { env });
  assert.deepEqual(JSON.parse(subpaths), SUBPATHS_OUTPUT);
});

test("a Cloudflare Worker bundled by wrangler with nothing configured tokenizes in workerd and stops a runaway mapper", async () => {
  const worker = join(work, "worker");
  writeFileSync(
    join(app, "wrangler.jsonc"),
    JSON.stringify({ name: "consumer", main: "worker.js", compatibility_date: "2025-09-01" }),
  );
  // Exactly what `wrangler deploy` bundles and uploads, without the upload.
  await sh(bin("wrangler"), ["deploy", "--dry-run", "--outdir", worker], {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  const wasm = readdirSync(worker).filter((name) => name.endsWith(".wasm"));
  assert.equal(wasm.length, 1, "the engine travels as one compiled WebAssembly module");
  const { Miniflare } = await import("miniflare");
  const workerd = new Miniflare({
    modules: [{ type: "ESModule", path: join(worker, "worker.js") }, {
      type: "CompiledWasm",
      path: join(worker, wasm[0]!),
    }],
    modulesRoot: worker,
    compatibilityDate: "2025-09-01",
  });
  try {
    const get = async (path: string) => {
      const response = await workerd.dispatchFetch(`http://localhost${path}`);
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    assert.deepEqual(await get("/?template=mapper"), {
      status: 200,
      body: { email: "alice@example.com", verified: true },
    });
    const runaway = await get("/?template=runaway");
    assert.equal(runaway.status, 400);
    assert.equal(runaway.body["code"], "ERR_JSONNET");
    assert.match(String(runaway.body["detail"]), /failed to run jsonnet within 1s/);
    assert.ok(Number(runaway.body["ms"]) >= 1000, "stopped at Ory's deadline, not before");
    assert.deepEqual((await get("/?template=mapper")).body, { email: "alice@example.com", verified: true });
    const bytes = await get("/bytes");
    assert.equal(bytes.body["code"], "ERR_ENGINE_ASSET");
    assert.match(String(bytes.body["detail"]), /compiles WebAssembly only from a module it loads itself/);
    assert.doesNotMatch(String(bytes.body["detail"]), /not the engine's WebAssembly/);
  } finally {
    await workerd.dispose();
  }
});

test("Next.js middleware (Vercel's edge runtime) tokenizes with the package as it is, and stops a runaway mapper", async () => {
  // A Next.js project of its own: Next resolves only inside its root, and its bundler picks `edge-light`.
  const site = join(work, "next");
  mkdirSync(join(site, "app"), { recursive: true });
  copyFileSync(join(fixtures, "next_middleware.js"), join(site, "middleware.js"));
  writeFileSync(
    join(site, "app/layout.jsx"),
    "export default function Layout({ children }) { return <html><body>{children}</body></html>; }\n",
  );
  writeFileSync(join(site, "app/page.jsx"), "export default function Page() { return <p>edge</p>; }\n");
  const version = (name: string) =>
    JSON.parse(readFileSync(join(repo, "node_modules", name, "package.json"), "utf8")).version;
  writeFileSync(
    join(site, "package.json"),
    JSON.stringify({
      name: "consumer-next",
      private: true,
      dependencies: {
        "ory-tokenizer": `file:${tarball}`,
        next: version("next"),
        react: version("react"),
        "react-dom": version("react-dom"),
      },
    }),
  );
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: site, env });
  await sh(join(site, "node_modules/.bin/next"), ["build"], { cwd: site, env });
  const next = await serverProcess(join(site, "node_modules/.bin/next"), ["start", "--port", "0"], {
    cwd: site,
    env,
    url: /Local:\s+(http:\/\/[^\s/]+)/,
  });
  try {
    const get = async (path: string) => {
      const response = await fetch(new URL(path, next.url.replace("localhost", "127.0.0.1")));
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    assert.deepEqual(await get("/edge/token?template=mapper"), { status: 200, body: { email: "alice@example.com" } });
    const runaway = await get("/edge/token?template=runaway");
    assert.equal(runaway.status, 400);
    assert.match(String(runaway.body["detail"]), /failed to run jsonnet within 1s/);
    assert.ok(Number(runaway.body["ms"]) >= 1000, "stopped at Ory's deadline, not before");
    assert.deepEqual((await get("/edge/token?template=mapper")).body, { email: "alice@example.com" });
  } finally {
    next.stop();
  }
});

/** A copy of one of examples/, beside the consumer project, using the package it installed. */
function exampleCopy(name: string): string {
  const dir = join(work, `example-${name}`);
  cpSync(join(repo, "examples", name), dir, { recursive: true });
  symlinkSync(join(app, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `example-${name}`, private: true, type: "module" }));
  writeFileSync(join(dir, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
  return dir;
}

/** Bundles a Worker exactly as `wrangler deploy` would, and loads it in workerd. */
async function workerd(dir: string, bindings: Record<string, string>): Promise<{
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  dispose(): Promise<void>;
}> {
  const out = join(dir, "out");
  await sh(bin("wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  const files = readdirSync(out).filter((name) => !/\.map$|^README\.md$/.test(name));
  assert.equal(
    files.filter((name) => name.endsWith(".wasm")).length,
    1,
    "the engine travels as one WebAssembly module",
  );
  // The modules wrangler would upload: the script first, then what it imports, each by its kind.
  const modules = files.sort((a, b) => Number(b.endsWith(".js")) - Number(a.endsWith(".js"))).map((name) => ({
    type: name.endsWith(".js")
      ? "ESModule" as const
      : name.endsWith(".wasm")
      ? "CompiledWasm" as const
      : "Text" as const,
    path: join(out, name),
  }));
  const { Miniflare } = await import("miniflare");
  const instance = new Miniflare({
    modules,
    modulesRoot: out,
    compatibilityDate: "2025-09-01",
    bindings,
  });
  return {
    async get(path, headers = {}) {
      const response = await instance.dispatchFetch(`http://localhost${path}`, { headers });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    },
    dispose: () => instance.dispose(),
  };
}

/** Starts a server process and waits for the line that names its URL. */
async function serverProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; url: RegExp },
): Promise<{ url: string; stop(): void }> {
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} ${args.join(" ")} did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const found = options.url.exec(output);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found[1]!.replace("0.0.0.0", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => reject(new Error(`${file} exited with ${code}:\n${output}`)));
  });
  return { url, stop: () => child.kill() };
}

/** A key set, a session and a sessions file for the examples, made with the installed package. */
async function exampleInputs() {
  const lib = await import(join(app, "node_modules/ory-tokenizer/dist/mod.js"));
  const jwks = await lib.generateJwks({ alg: "ES256" });
  const session = lib.sampleSession({ expires_at: "2999-01-01T00:00:00Z" });
  return {
    lib,
    jwks,
    sessions: JSON.stringify({ ory_st_preview: session }),
    email: session.identity.traits.email,
    sub: session.identity.id,
  };
}

/** Asks a whoami for a token and verifies it against the keys it publishes, and its issuer. */
async function previewToken(base: string, issuer: string, lib: Awaited<ReturnType<typeof exampleInputs>>["lib"]) {
  const response = await fetch(new URL("/sessions/whoami?tokenize_as=preview", base), {
    headers: { "X-Session-Token": "ory_st_preview" },
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { tokenized } = await response.json() as { tokenized: string };
  const keys = await (await fetch(new URL("/.well-known/jwks.json", base))).json();
  const { claims } = await lib.verifyToken(tokenized, keys);
  // The guide's mapper appends a path to Ory's issuer.
  assert.equal(claims.iss, `${issuer}/additional-component`);
  return claims as Record<string, unknown>;
}

test("examples/cloudflare-verify: the Worker lets a valid token through and says why it refuses others", async () => {
  const { lib, jwks, email } = await exampleInputs();
  let keyFetches = 0;
  const keys = createServer((_request, response) => {
    keyFetches++;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(lib.publicJwks(jwks)));
  });
  await new Promise<void>((resolve) => keys.listen(0, "127.0.0.1", resolve));
  const issuer = "https://auth.example.com/";
  const worker = await workerd(exampleCopy("cloudflare-verify"), {
    JWKS_URL: `http://127.0.0.1:${(keys.address() as { port: number }).port}/jwks.json`,
    ISSUER: issuer,
  });
  try {
    const token = (options: Record<string, unknown>) =>
      lib.tokenizeSession(
        lib.sampleSession(),
        lib.encodeTemplate({
          jwks,
          claimsMapper: "{ claims: std.extVar('claims') + { email: std.extVar('session').identity.traits.email } }",
        }),
        options,
      )
        .then((result: { token: string }) => result.token);
    const bearer = async (options: Record<string, unknown>) => ({ Authorization: `Bearer ${await token(options)}` });
    assert.equal((await worker.get("/")).status, 401);
    for (let i = 0; i < 3; i++) {
      const ok = await worker.get("/", await bearer({ issuer }));
      assert.deepEqual(ok, { status: 200, body: { sub: lib.sampleSession().identity.id, email } });
    }
    assert.equal(keyFetches, 1, "the key set is fetched once and cached in the isolate");
    const wrongIssuer = await worker.get("/", await bearer({ issuer: "https://elsewhere.example.com/" }));
    assert.equal(wrongIssuer.status, 401);
    assert.match(String(wrongIssuer.body["error_description"]), /^ERR_TOKEN_ISSUER: /);
    const expired = await worker.get("/", await bearer({ issuer, now: () => new Date("2020-01-01T00:00:00Z") }));
    assert.match(String(expired.body["error_description"]), /^ERR_TOKEN_EXPIRED: /);
  } finally {
    await worker.dispose();
    keys.close();
  }
});

test("examples/whoami-preview: the same whoami runs in workerd, Deno and Bun, each built by its own tooling", async () => {
  const { lib, jwks, sessions, sub } = await exampleInputs();
  const settings = { TOKENIZER_JWKS: JSON.stringify(jwks), SESSIONS: sessions };
  const dir = exampleCopy("whoami-preview");

  const worker = await workerd(dir, { ...settings, ISSUER: "http://localhost/" });
  try {
    const response = await worker.get("/sessions/whoami?tokenize_as=preview", { "X-Session-Token": "ory_st_preview" });
    assert.equal(response.status, 200);
    const keys = (await worker.get("/.well-known/jwks.json")).body;
    const { claims } = await lib.verifyToken(response.body["tokenized"], keys);
    assert.deepEqual([claims.sub, claims.iss], [sub, "http://localhost//additional-component"]);
  } finally {
    await worker.dispose();
  }

  const deno = await serverProcess(bin("deno"), [
    "run",
    "--check",
    "--allow-env",
    "--allow-read",
    "--allow-net",
    "deno.ts",
  ], {
    cwd: dir,
    env: { ...process.env, ...settings, PORT: "0", ISSUER: "https://deno.example.com/", DENO_NO_UPDATE_CHECK: "1" },
    url: /Listening on (http:\/\/[^\s/]+\/)/,
  });
  try {
    assert.equal((await previewToken(deno.url, "https://deno.example.com/", lib))["sub"], sub);
  } finally {
    deno.stop();
  }

  await sh(bin("bun"), ["build", "bun.ts", "--target=bun", "--outdir=out-bun"], { cwd: dir });
  const bun = await serverProcess(bin("bun"), [join(dir, "out-bun", "bun.js")], {
    cwd: dir,
    env: { ...process.env, ...settings, PORT: "0", ISSUER: "https://bun.example.com/" },
    url: /whoami on (http:\/\/[^\s/]+\/)/,
  });
  try {
    assert.equal((await previewToken(bun.url, "https://bun.example.com/", lib))["sub"], sub);
  } finally {
    bun.stop();
  }
});

test("Bun runs every entry point, and stops a runaway mapper at Ory's 1 s, then tokenizes", async () => {
  const bun = bin("bun");
  const subpaths = await sh(bun, ["subpaths.mjs"]);
  assert.deepEqual(JSON.parse(subpaths.stdout), SUBPATHS_OUTPUT);
  assert.equal(subpaths.stderr, "");
  const runaway = await sh(bun, ["runaway.mjs"]);
  assert.deepEqual(JSON.parse(runaway.stdout), {
    refused: [
      400,
      "Unable to execute tokenizer JsonNet.",
      "base64://[redacted]: failed to run jsonnet within 1s (Ory's limit), so the evaluation was stopped",
    ],
    stopped: "at about 1 s",
    then: "alice@example.com",
    isolation: "worker",
  });
  assert.equal(runaway.stderr, "");
});

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = join(root, new URL(request.url ?? "/", "http://x").pathname.replace(/\/$/, "/index.html"));
    try {
      const body = readFileSync(path);
      response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${address.port}/` });
    })
  );
}

test("browser bundles by esbuild and Vite with default settings, and the lean path, tokenize in a Worker in Chromium", async () => {
  const web = join(work, "web");
  await sh(bin("esbuild"), ["browser.js", "--bundle", "--format=esm", `--outdir=${join(web, "esbuild")}`]);
  copyFileSync(join(app, "index.html"), join(web, "esbuild", "index.html"));
  await sh(bin("vite"), ["build", "--outDir", join(web, "vite"), "--logLevel", "warn"]);
  const lean = join(web, "lean");
  await sh(bin("esbuild"), ["lean.js", "--bundle", "--format=esm", "--splitting", `--outdir=${lean}`]);
  writeFileSync(
    join(lean, "index.html"),
    readFileSync(join(app, "index.html"), "utf8").replace("browser.js", "lean.js"),
  );
  for (const asset of ["jsonnet.wasm", "jsonnet_worker.js"]) {
    copyFileSync(join(app, "node_modules/ory-tokenizer/dist", asset), join(lean, asset));
  }
  const servers: Server[] = [];
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const bundler of ["esbuild", "vite", "lean"]) {
      // Each at its own origin's root, as deployed (Vite's default base is "/").
      const { server, url } = await serve(join(web, bundler));
      servers.push(server);
      const page = await browser.newPage();
      const noise: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") noise.push(message.text());
      });
      page.on("pageerror", (error) => noise.push(error.message));
      page.on("requestfailed", (request) => noise.push(`request failed: ${request.url()}`));
      const scripts: number[] = [];
      page.on("response", async (response) => {
        if (response.status() >= 400) noise.push(`HTTP ${response.status()}: ${response.url()}`);
        if (response.url().endsWith(".js")) scripts.push((await response.body()).length);
      });
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector("#isolation")?.textContent !== "", null, {
        timeout: 20_000,
      }).catch((error) => {
        throw new Error(`${bundler}: no token (${noise.join("; ")})`, { cause: error });
      });
      assert.equal(await page.textContent("#isolation"), "worker", bundler);
      assert.match((await page.textContent("#token")) ?? "", /^[\w-]+\.[\w-]+\.[\w-]+$/, bundler);
      assert.equal(JSON.parse((await page.textContent("#claims")) ?? "{}").page, true, bundler);
      if (bundler !== "lean") assert.equal(await page.textContent("#lint"), "sub-overwritten", bundler);
      assert.deepEqual(noise, [], `${bundler}: the console stays quiet`);
      if (bundler === "lean") {
        // The inline engine (about 850 KB of script) is never fetched.
        assert.ok(scripts.length > 0 && Math.max(...scripts) < 400_000, `lean: scripts of ${scripts.join(", ")} bytes`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    for (const server of servers) server.close();
  }
});

test("a fresh clone runs under Deno, with no build, once the engine is generated (deno task setup)", async () => {
  const clone = join(work, "clone");
  await sh("git", ["clone", "--quiet", repo, clone], { cwd: work });
  // What `deno install`, the first half of `deno task setup`, puts there: the build's dependencies.
  symlinkSync(join(repo, "node_modules"), join(clone, "node_modules"));
  const deno = bin("deno");
  const permissions = ["--allow-read", "--allow-write", "--allow-env"];
  await sh(deno, ["run", ...permissions, "scripts/generate_jsonnet_glue.ts"], { cwd: clone });
  writeFileSync(
    join(clone, "fresh.ts"),
    `import { createSandboxedJsonnet } from "./lib/entries/jsonnet.ts";
const sandbox = createSandboxedJsonnet({ inThreadFallback: "refuse" });
const result = await sandbox.evaluate({ source: "{ claims: { fresh: true } }", filename: "claims.jsonnet", extCode: {} });
console.log(JSON.stringify({ value: result.value, isolation: sandbox.isolation }));
sandbox.close();
`,
  );
  const { stdout } = await sh(deno, ["run", ...permissions, "fresh.ts"], { cwd: clone });
  assert.deepEqual(JSON.parse(stdout), { value: { claims: { fresh: true } }, isolation: "worker" });
});
