// `node:test` for lib's suites in Chromium and workerd (test/browser/suite_bundles.ts maps the import here):
// describe/it/test with `{ skip }`, and before/after/beforeEach/afterEach, registered as a suite file
// is evaluated and run one at a time in that order, as node:test runs a file. `runRegisteredTests`
// reports every test by its full name, so the Playwright spec can fail with the names of those that failed.

type Body = () => unknown;
interface Options {
  skip?: boolean | string;
  todo?: boolean | string;
  /** Node has no default; here a hung test must not hide the others' results. */
  timeout?: number;
}
interface Case {
  name: string;
  options: Options;
  body: Body;
}
interface Suite {
  name: string;
  options: Options;
  parent: Suite | undefined;
  children: (Suite | Case)[];
  before: Body[];
  after: Body[];
  beforeEach: Body[];
  afterEach: Body[];
}

/** One test's outcome. */
export interface TestResult {
  name: string;
  outcome: "passed" | "failed" | "skipped";
  error?: string;
  /** Why a skipped test was skipped, when its `skip` (or its suite's) says. */
  reason?: string;
  ms: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

function newSuite(name: string, options: Options, parent: Suite | undefined): Suite {
  return { name, options, parent, children: [], before: [], after: [], beforeEach: [], afterEach: [] };
}

const root = newSuite("", {}, undefined);
let current = root;

function parse(args: unknown[]): { name: string; options: Options; body: Body } {
  const name = typeof args[0] === "string" ? args.shift() as string : "<anonymous>";
  const options = typeof args[0] === "object" && args[0] !== null ? args.shift() as Options : {};
  const body = typeof args[0] === "function" ? args[0] as Body : () => {};
  return { name, options, body };
}

function registerTest(...args: unknown[]): void {
  current.children.push(parse(args));
}

function registerSuite(...args: unknown[]): void {
  const { name, options, body } = parse(args);
  const suite = newSuite(name, options, current);
  current.children.push(suite);
  current = suite;
  try {
    body();
  } finally {
    current = suite.parent!;
  }
}

export const it = Object.assign(registerTest, {
  skip: (...args: unknown[]) => registerTest(...withSkip(args)),
  todo: (...args: unknown[]) => registerTest(...withSkip(args)),
});
export const test = it;
export const describe = Object.assign(registerSuite, {
  skip: (...args: unknown[]) => registerSuite(...withSkip(args)),
});
export const suite = describe;

function withSkip(args: unknown[]): unknown[] {
  const { name, options, body } = parse([...args]);
  return [name, { ...options, skip: true }, body];
}

export function before(body: Body): void {
  current.before.push(body);
}
export function after(body: Body): void {
  current.after.push(body);
}
export function beforeEach(body: Body): void {
  current.beforeEach.push(body);
}
export function afterEach(body: Body): void {
  current.afterEach.push(body);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function within(body: Body, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(body), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function ancestors(suite: Suite): Suite[] {
  const chain: Suite[] = [];
  for (let at: Suite | undefined = suite; at !== undefined; at = at.parent) chain.unshift(at);
  return chain;
}

function fullName(suite: Suite, name: string): string {
  return [...ancestors(suite).map((s) => s.name).filter(Boolean), name].join(" > ");
}

/** What a `skip` or `todo` option says, when it is a reason rather than `true`. */
function skipReason(options: Options): string | undefined {
  const reason = options.skip || options.todo;
  return typeof reason === "string" ? reason : undefined;
}

async function runSuite(suite: Suite, results: TestResult[], skipped: boolean | string): Promise<void> {
  const skip = skipped || (suite.options.skip ?? false);
  let setupError: string | undefined;
  if (!skip) {
    for (const hook of suite.before) {
      try {
        await within(hook, DEFAULT_TIMEOUT_MS);
      } catch (error) {
        setupError ??= `before hook: ${describeError(error)}`;
      }
    }
  }
  for (const child of suite.children) {
    if ("children" in child) {
      await runSuite(child, results, skip);
      continue;
    }
    const name = fullName(suite, child.name);
    if (skip || child.options.skip || child.options.todo) {
      const reason = skipReason(child.options) ?? (typeof skip === "string" ? skip : undefined);
      results.push({ name, outcome: "skipped", ms: 0, ...reason === undefined ? {} : { reason } });
      continue;
    }
    const started = performance.now();
    let error = setupError;
    if (error === undefined) {
      const chain = ancestors(suite);
      try {
        for (const s of chain) for (const hook of s.beforeEach) await within(hook, DEFAULT_TIMEOUT_MS);
        await within(child.body, child.options.timeout ?? DEFAULT_TIMEOUT_MS);
      } catch (caught) {
        error = describeError(caught);
      }
      for (const s of chain.reverse()) {
        for (const hook of s.afterEach) {
          try {
            await within(hook, DEFAULT_TIMEOUT_MS);
          } catch (caught) {
            error ??= `afterEach hook: ${describeError(caught)}`;
          }
        }
      }
    }
    const ms = performance.now() - started;
    results.push(error === undefined ? { name, outcome: "passed", ms } : { name, outcome: "failed", error, ms });
  }
  if (!skip) {
    for (const hook of suite.after) {
      try {
        await within(hook, DEFAULT_TIMEOUT_MS);
      } catch (error) {
        results.push({ name: fullName(suite, "after hook"), outcome: "failed", error: describeError(error), ms: 0 });
      }
    }
  }
}

/** Runs everything the suite file registered, in order, and reports each test. */
export async function runRegisteredTests(): Promise<TestResult[]> {
  const results: TestResult[] = [];
  await runSuite(root, results, false);
  return results;
}
