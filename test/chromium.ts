// Which Chromium the browser tests, the consumer tests, the extension's end-to-end tests and the benchmarks
// launch (Node only; Playwright's own browser downloads are not used). In order:
//  1. CHROMIUM_PATH, when set, as it is (it only has to exist);
//  2. Debian's Chromium (/usr/bin/chromium), when it runs: the first choice, and what CI installs;
//  3. the Chromium the npm package @sparticuz/chromium ships (Linux x64), unpacked once into the user's
//     cache folder ($XDG_CACHE_HOME or ~/.cache, then ory-tokenizer/chromium-<version>);
//  4. none: an error of one line that says what to install.
// ORY_TOKENIZER_SYSTEM_CHROMIUM and ORY_TOKENIZER_PACKAGE_CHROMIUM (the package's folder) stand in for
// the second and third, so that a test can make either unavailable without uninstalling anything.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Headless, and quiet on the network: the same for every Chromium. None of @sparticuz/chromium's own
 * flags: its binary starts without them, and they are for serverless hosts (`--single-process`,
 * `--disable-web-security`, site isolation off, SharedArrayBuffer on everywhere) and would change what
 * the tests see, a cross-origin request for one.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium, unless ORY_TOKENIZER_SYSTEM_CHROMIUM names another path. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** What to do when no Chromium can run: the end of the one line saying so. */
export const INSTALL_HINT =
  "install Debian's chromium (apt-get install chromium), or run npm ci for @sparticuz/chromium (Linux x64), or set CHROMIUM_PATH";

/** A Chromium to launch, as Playwright's launch options take it. */
export interface Chromium {
  /** Where it comes from, for messages: `CHROMIUM_PATH`, `the system's chromium`, `@sparticuz/chromium <version>`. */
  source: string;
  executablePath: string;
  args: string[];
  /** The browser's whole environment, when it needs more than the process's own. */
  env?: Record<string, string>;
}

/** No Chromium can run; the message is one line: why, and what to install. */
export class NoChromiumError extends Error {
  override name = "NoChromiumError";
  constructor(message: string) {
    super(message);
    // About the machine, not the code: a suite run alone (Playwright's config) prints just the line.
    this.stack = `${this.name}: ${message}`;
  }
}

let resolved: Chromium | undefined;

/**
 * The Chromium to launch, found once per process (the first call may unpack the package's, about 2 s).
 * @throws NoChromiumError when none can run.
 */
export function resolveChromium(): Chromium {
  return resolved ??= findChromium();
}

/** Launch options for Playwright: the Chromium, {@linkcode CHROMIUM_ARGS} after `extraArgs`. */
export function chromiumLaunchOptions(
  extraArgs: readonly string[] = [],
): { executablePath: string; args: string[]; env?: Record<string, string> } {
  const { executablePath, args, env } = resolveChromium();
  return { executablePath, args: [...extraArgs, ...args], ...(env === undefined ? {} : { env }) };
}

/** {@linkcode resolveChromium} without the memo, for a given environment. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): Chromium {
  const override = env["CHROMIUM_PATH"];
  if (override) {
    // Not run here: the preflight launches it. Playwright leaves a profile folder behind for a missing one.
    if (!existsSync(override)) {
      throw new NoChromiumError(`No Chromium can run (CHROMIUM_PATH ${override}: not found): ${INSTALL_HINT}`);
    }
    return { source: "CHROMIUM_PATH", executablePath: override, args: [...CHROMIUM_ARGS] };
  }
  const system = env["ORY_TOKENIZER_SYSTEM_CHROMIUM"] || SYSTEM_CHROMIUM;
  const systemFailure = failureToRun(system, env);
  if (systemFailure === undefined) {
    return { source: "the system's chromium", executablePath: system, args: [...CHROMIUM_ARGS] };
  }
  const packaged = packageChromium(env);
  if (typeof packaged !== "string") return packaged;
  throw new NoChromiumError(
    `No Chromium can run (${system}: ${systemFailure}; @sparticuz/chromium: ${packaged}): ${INSTALL_HINT}`,
  );
}

/** Why `path --version` does not run, or undefined when it does. */
function failureToRun(path: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!existsSync(path)) return "not found";
  const result = spawnSync(path, ["--version"], { env, encoding: "utf8", timeout: 10_000 });
  if (result.error !== undefined) return firstLine(result.error.message);
  if (result.status === 0) return undefined;
  // The last line: the loader's or Chromium's own error comes after any launcher script's chatter.
  return lastLine(result.stderr) || lastLine(result.stdout) || `exit ${result.status ?? result.signal}`;
}

/** The first line of `text`, trimmed and at most 200 characters. */
export function firstLine(text: string): string {
  return clip(text.trim().split("\n", 1)[0]!);
}

function lastLine(text: string): string {
  return clip(text.trim().split("\n").at(-1)!);
}

function clip(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
}

/** The package's Chromium, unpacked if need be, or why it cannot run. */
function packageChromium(env: NodeJS.ProcessEnv): Chromium | string {
  if (process.platform !== "linux" || process.arch !== "x64") return "Linux x64 only";
  let folder = env["ORY_TOKENIZER_PACKAGE_CHROMIUM"];
  if (!folder) {
    try {
      folder = join(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..");
    } catch {
      return "not installed";
    }
  }
  let version: string;
  try {
    version = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")).version;
  } catch {
    return "not installed";
  }
  const cache = join(env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "ory-tokenizer", `chromium-${version}`);
  const executablePath = join(cache, "chromium");
  if (!existsSync(executablePath)) {
    const failure = unpack(folder, cache, env);
    if (failure !== undefined) return failure;
  }
  const extra: Record<string, string> = {};
  // Its fonts, where the system has no fontconfig (a bare container): text still has glyphs.
  if (!existsSync("/etc/fonts/fonts.conf")) extra["FONTCONFIG_FILE"] = join(cache, "fonts.conf");
  const failure = failureToRun(executablePath, { ...env, ...extra });
  if (failure !== undefined) {
    // The system lacks NSS (libnss3): the copies the package ships for Amazon Linux 2023 do.
    extra["LD_LIBRARY_PATH"] = [join(cache, "al2023", "lib"), env["LD_LIBRARY_PATH"]].filter(Boolean).join(":");
    if (failureToRun(executablePath, { ...env, ...extra }) !== undefined) return `${executablePath}: ${failure}`;
  }
  const chromium: Chromium = { source: `@sparticuz/chromium ${version}`, executablePath, args: [...CHROMIUM_ARGS] };
  if (Object.keys(extra).length > 0) chromium.env = { ...definedOnly(env), ...extra };
  return chromium;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// The package unpacks into os.tmpdir(): run it in a child whose TMPDIR is a folder next to the cache,
// then move that folder into place whole, so a half-unpacked Chromium is never found (not even by
// another process unpacking at the same time).
const UNPACK = `try {
  const { default: chromium, inflate } = await import(process.argv[1]);
  await chromium.executablePath(process.argv[2]);
  await inflate(process.argv[2] + "/al2023.tar.br");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}`;

/** Unpacks the package's Chromium, fonts and libraries into `cache`; why it could not, or undefined. */
function unpack(folder: string, cache: string, env: NodeJS.ProcessEnv): string | undefined {
  const staging = `${cache}.unpacking-${process.pid}`;
  try {
    if (existsSync(join(cache, "chromium"))) return undefined; // another process moved it into place
    // A cache folder without its Chromium (emptied by hand) would block the move.
    if (existsSync(cache)) rmSync(cache, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const result = spawnSync(process.execPath, [
      "--input-type=module",
      "-e",
      UNPACK,
      pathToFileURL(join(folder, "build", "index.js")).href,
      join(folder, "bin"),
    ], { env: { ...env, TMPDIR: staging }, encoding: "utf8", timeout: 120_000 });
    if (result.status !== 0) {
      return `cannot unpack it (${firstLine(result.stderr) || result.error?.message || `exit ${result.status}`})`;
    }
    writeFileSync(join(staging, "fonts.conf"), fontsConf(cache));
    try {
      renameSync(staging, cache);
    } catch (error) {
      // Another process unpacked it first.
      if (!existsSync(join(cache, "chromium"))) throw error;
    }
    return undefined;
  } catch (error) {
    return `cannot unpack it into ${dirname(cache)} (${firstLine(String(error))})`;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function fontsConf(cache: string): string {
  const escape = (path: string) => path.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${escape(join(cache, "fonts", "fonts"))}</dir>
  <cachedir>${escape(join(cache, "fonts-cache"))}</cachedir>
</fontconfig>
`;
}
