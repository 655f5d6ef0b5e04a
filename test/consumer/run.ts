/**
 * The package as its users get it: one `npm pack`, one offline install into a temporary consumer
 * project, then every kind of user against it. A strict TypeScript consumer (nodenext, node16,
 * bundler; with and without DOM), a loose one, Node ESM and CommonJS scripts, an esbuild Node bundle,
 * esbuild and Vite browser bundles run in Chromium, and Deno through npm resolution.
 *
 * Run by `npm run test:consumer` (part of `npm test`), under Node only: it drives Deno itself.
 * The consumer's sources are the files beside this one; README's "Use it from …" snippets are theirs.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  copyFileSync,
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

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = fileURLToPath(new URL("./", import.meta.url));
const bin = (name: string) => join(repo, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "ory-tokenizer-consumer-"));
const app = join(work, "app");
let tarballFiles: { path: string; size: number }[] = [];

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
      dependencies: { "ory-tokenizer": `file:${join(work, pack.filename)}` },
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
  const bundles = ENTRY_POINTS.flatMap((
    entry,
  ) => [`dist/${entry.bundle}.js`, `dist/${entry.browserBundle}.js`, entry.types]);
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
