// The canvas's context menu stays by the element it was opened on: a move of the view by the app (a fit from
// the keyboard) takes it along; a move by the user closes it.
import { expect, test } from '../support/fixtures';
import { boxOf, waitForViewportStill } from '../pages/geometry';

test('the context menu follows its element when the app moves the view, and closes when the user does', async ({
  app,
}) => {
  const { canvas, page } = app;
  await app.openOttTemplate();
  await canvas.zoomInTo(1);
  const menu = page.getByTestId('context-menu');

  await canvas.openContextMenu('use1-api-general');
  await expect(menu).toBeVisible();
  // Zoom to fit from the keyboard: the view changes a lot; the menu's corner stays on the pool.
  await page.keyboard.press('Shift+1');
  await waitForViewportStill(page);
  await expect(menu).toBeVisible();
  const corner = await boxOf(menu);
  const pool = await boxOf(canvas.node('use1-api-general'));
  expect(corner.x).toBeGreaterThanOrEqual(pool.x);
  expect(corner.x).toBeLessThanOrEqual(pool.x + pool.width);
  expect(corner.y).toBeGreaterThanOrEqual(pool.y);
  expect(corner.y).toBeLessThanOrEqual(pool.y + pool.height);

  // The user zooming with the wheel closes it.
  const pane = await boxOf(canvas.root);
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.wheel(0, 240);
  await expect(menu).toBeHidden();
});
