// The renderer under the desktop app's Content-Security-Policy (electron/main/security.ts), sent with the
// page here as Electron's app protocol sends it: starting and opening a design ask for nothing the policy
// refuses. zod generates its parsers with `new Function` unless it is set `jitless` before its schemas are
// built, and a strict policy reports even the probe it makes to find out whether it may.
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { expect, test } from '../support/fixtures';

type Watched = { __violations?: string[] };

test("starts and opens a design under the desktop app's Content-Security-Policy without a violation", async ({
  app,
}) => {
  const { page } = app;
  await page.route(
    (url) => url.pathname === '/' || url.pathname.endsWith('/index.html'),
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    },
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as Watched).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await app.openOttTemplate();
  expect(await page.evaluate(() => (window as Watched).__violations)).toEqual([]);
});
