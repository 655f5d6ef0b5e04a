// The browser's counterpart of test/_read_fixture.ts (test/browser/suite_bundles.ts swaps it in):
// the suites read fixtures synchronously at module level, and a page can do that only with a
// synchronous request to the static server, which serves the repository's root.

/** Reads a file under test/fixtures as text. */
export function readFixture(name: string): string {
  const request = new XMLHttpRequest();
  const url = new URL(`/test/fixtures/${name}`, location.origin);
  request.open("GET", url, false);
  request.send();
  if (request.status !== 200) throw new Error(`Cannot read the fixture "${name}": HTTP status ${request.status}`);
  return request.responseText;
}
