// No lost work in the browser: unsaved changes are autosaved to IndexedDB and offered back when the page
// did not end cleanly (a crashed or killed tab); a page left on purpose leaves nothing to offer.
import { expect, test } from '../support/fixtures';

test('work autosaved before the tab crashed is offered back and restored', async ({ app }) => {
  await app.open();
  const region = await app.canvas.dropFromPalette('region', { at: { x: 48, y: 32 } });
  await expect(app.status.dirty).toHaveAttribute('data-dirty', 'true');
  // Autosave writes a couple of seconds after the last change: wait until the draft is in IndexedDB.
  await expect
    .poll(async () => (await app.drafts()).some((d) => d.text.includes(`id: ${region}`)))
    .toBe(true);

  await app.crash();

  const again = await app.openAnother();
  await expect(again.dialogs.dialog).toBeVisible();
  await expect(again.dialogs.dialog).toContainText('Recover unsaved work?');
  await expect(again.dialogs.choice(0)).toContainText('Restore');
  await again.screenshot('06-recovery-offer');
  await again.dialogs.choose(0);
  await expect(again.canvas.node(region)).toBeVisible();
  await expect(again.status.dirty).toHaveAttribute('data-dirty', 'true');
  await expect(again.toasts.ofKind('success')).toContainText('Restored');
  expect(await again.status.readCounts()).toMatchObject({ region: 1 });
});

test('a draft declined at the recovery offer is not offered again', async ({ app }) => {
  await app.open();
  const region = await app.canvas.dropFromPalette('region', { at: { x: 48, y: 32 } });
  await expect
    .poll(async () => (await app.drafts()).some((d) => d.text.includes(`id: ${region}`)))
    .toBe(true);
  await app.crash();

  const second = await app.openAnother();
  await expect(second.dialogs.dialog).toBeVisible();
  await second.dialogs.cancel();
  await expect(second.canvas.empty).toBeVisible();
  await expect.poll(async () => (await second.drafts()).length).toBe(0);
  await second.reload();
  await expect(second.canvas.empty).toBeVisible();
  await expect(second.dialogs.dialog).toBeHidden();
});

test('a page reloaded on purpose (the leave prompt accepted) leaves no draft to offer', async ({ app }) => {
  await app.open();
  await app.canvas.dropFromPalette('region', { at: { x: 48, y: 32 } });
  await expect.poll(async () => (await app.drafts()).length).toBe(1);
  const prompt = app.page.waitForEvent('dialog');
  const reloaded = app.page.reload();
  const dialog = await prompt;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await reloaded;
  await app.page.getByTestId('app').waitFor();
  await expect(app.canvas.empty).toBeVisible();
  await expect(app.dialogs.dialog).toBeHidden();
});
