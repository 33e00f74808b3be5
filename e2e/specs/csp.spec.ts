// The renderer under the desktop app's Content-Security-Policy (electron/main/security.ts), sent with every
// file here as Electron's app protocol sends it: starting and opening a design ask for nothing the policy
// refuses. zod generates its parsers with `new Function` unless it is set `jitless` before its schemas are
// built, and a strict policy reports even the probe it makes to find out whether it may. The Export dialog's
// worker runs under the same policy (its script comes with it) and reads the catalog itself.
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { ExportDialogPage } from '../pages/export';
import { expect, test } from '../support/fixtures';

type Watched = { __violations?: string[] };

test("starts and opens a design under the desktop app's Content-Security-Policy without a violation", async ({
  app,
}) => {
  const { page } = app;
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
  const workerPolicies = new Map<string, string | undefined>();
  page.on('response', (response) => {
    if (response.url().includes('export-worker'))
      workerPolicies.set(response.url(), response.headers()['content-security-policy']);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as Watched).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await app.openOttTemplate();
  expect(await page.evaluate(() => (window as Watched).__violations)).toEqual([]);
  const exporter = new ExportDialogPage(page);
  const started = page.waitForEvent('worker', (w) => w.url().includes('export-worker'));
  await exporter.open();
  await expect(exporter.status).toContainText('Valid:');
  // The worker's script came with the policy, as in the desktop app, and the worker still did its work.
  const worker = await started;
  expect(workerPolicies.get(worker.url())).toBe(CONTENT_SECURITY_POLICY);
  expect(await page.evaluate(() => (window as Watched).__violations)).toEqual([]);
});
