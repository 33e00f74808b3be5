// Starting the app: the catalog file is fetched once, from the request index.html's preload starts while the
// scripts are parsed (a preload the page does not use is a second download of 650 KiB), and a catalog that
// cannot be read stops the start with a message that names the file.
import { AppPage } from '../pages/app';
import { expect, test } from '../support/fixtures';

const CATALOG = /\/assets\/aws-[^/]*\.json$/;

test('reads the catalog once, through the preload of index.html', async ({ app }) => {
  const { page } = app;
  const requested: string[] = [];
  page.on('request', (request) => {
    if (CATALOG.test(new URL(request.url()).pathname)) requested.push(request.url());
  });
  await app.open();
  const preloads = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map(
      (link) => link.href,
    ),
  );
  expect(preloads).toHaveLength(1);
  expect(requested).toEqual(preloads);
});

test('says which file it could not read when the catalog is missing', async ({ page }) => {
  await page.route(
    (url) => CATALOG.test(url.pathname),
    (route) => route.fulfill({ status: 404, body: 'not found' }),
  );
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(AppPage.baseUrl());
  await expect(page.locator('#root')).toContainText(
    /Topology Designer could not start: the catalog .*aws-[^ ]*\.json could not be read \(HTTP 404\)/,
  );
  expect(failures).toEqual([expect.stringContaining('HTTP 404')]);
});
