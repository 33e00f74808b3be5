// Starting the app: the catalog file is fetched once, from the request index.html's preload starts while the
// scripts are parsed (a preload the page does not use is a second download of 650 KiB), and a catalog that
// cannot be read stops the start with a message that names the file.
import { AppPage } from '../pages/app';
import { expect, test } from '../support/fixtures';

const CATALOG = /\/assets\/aws-[^/]*\.json$/;

test('reads the catalog once, through the preload of index.html', async ({ app }) => {
  const { page } = app;
  const requested: string[] = [];
  const early: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (CATALOG.test(pathname)) requested.push(request.url());
    if (pathname.endsWith('/catalog-early.js')) early.push(request.url());
  });
  await app.open();
  const preloads = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map(
      (link) => link.href,
    ),
  );
  expect(preloads).toHaveLength(1);
  expect(requested).toEqual(preloads);
  // The early script ran, and the app took its read over (it removes the handle when it does).
  expect(early).toHaveLength(1);
  expect(await page.evaluate(() => '__topologyCatalog' in globalThis)).toBe(false);
});

for (const [what, reply, message] of [
  ['missing', { status: 404, body: 'not found' }, /could not be read \(HTTP 404\)/],
  ['not JSON', { status: 200, body: '{ "regions": [' }, /is not valid JSON: /],
] as const) {
  test(`says which file it could not read when the catalog is ${what}`, async ({ page }) => {
    await page.route(
      (url) => CATALOG.test(url.pathname),
      (route) => route.fulfill({ ...reply, contentType: 'application/json' }),
    );
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(AppPage.baseUrl());
    const root = page.locator('#root');
    await expect(root).toContainText(/Topology Designer could not start: the catalog \S*aws-[^ ]*\.json /);
    await expect(root).toContainText(message);
    await expect.poll(() => failures).toHaveLength(1);
    expect(failures[0]).toMatch(message);
  });
}
