// lib's runtime-neutral suites (test/*_test.ts, listed in suite_bundles.ts) in Chromium, as jose runs
// one suite in every runtime: each suite bundled against lib's browser build and run in its own page,
// failing with the name and error of each test that failed.
import { expect, test } from "@playwright/test";
import { allSuites, BROWSER_SUITES, bundleSuites, staleBuild, type SuiteBundle } from "./suite_bundles.ts";

let bundles: Map<string, SuiteBundle>;

test.beforeAll(async () => {
  const stale = staleBuild();
  if (stale !== undefined) throw new Error(stale);
  bundles = await bundleSuites(BROWSER_SUITES);
});

for (const suite of BROWSER_SUITES) {
  test(`${suite} passes in Chromium`, async ({ page }) => {
    test.setTimeout(90_000);
    const bundle = bundles.get(suite)!;
    if ("errors" in bundle) throw new Error(`${suite} does not bundle for a browser:\n${bundle.errors.join("\n")}`);
    await page.route("**/__suites/*", (route) => {
      const text = bundle.files.get(new URL(route.request().url()).pathname.slice("/__suites/".length));
      return text === undefined
        ? route.fulfill({ status: 404 })
        : route.fulfill({ body: text, contentType: "text/javascript" });
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto("/test/browser/blank.html");
    const results = await page.evaluate(async (entry) => {
      const suite = await import(`/__suites/${entry}`);
      return await suite.runRegisteredTests();
    }, bundle.entry) as { name: string; outcome: string; error?: string }[];
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    console.log(`${suite}: ${count("passed")} passed, ${count("skipped")} skipped, ${count("failed")} failed`);
    const failed = results.filter((result) => result.outcome === "failed");
    expect(failed.map((result) => `${result.name}: ${result.error}`), `failing tests in ${suite}`).toEqual([]);
    expect(count("passed"), "tests that ran").toBeGreaterThan(0);
    expect(pageErrors, "errors outside the tests").toEqual([]);
  });
}

test("every suite that needs no Node module runs in Chromium", async () => {
  const others = allSuites().filter((suite) => !BROWSER_SUITES.includes(suite));
  const unlisted = [...await bundleSuites(others)].filter(([, bundle]) => !("errors" in bundle));
  expect(unlisted.map(([suite]) => suite), "add these to BROWSER_SUITES in test/browser/suite_bundles.ts").toEqual(
    [],
  );
});
