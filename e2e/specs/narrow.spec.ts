// A narrow window (the desktop app's smallest, 800 × 560): every toolbar control, the palette and the cost
// total stay on screen and usable. The toolbar drops its labels, the palette shows its icons only (each
// still named), the minimap is smaller, the status bar keeps the cost total and the problems.
import type { Locator } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { boxOf, waitForViewportStill } from '../pages/geometry';

const WINDOW = { width: 800, height: 560 };
test.use({ viewport: WINDOW });

async function expectOnScreen(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = await boxOf(locator);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WINDOW.width);
  expect(box.y + box.height).toBeLessThanOrEqual(WINDOW.height);
}

test('in the smallest window every control stays on screen, and a region can still be built', async ({
  app,
}) => {
  const { canvas, page, status } = app;
  await app.openOttTemplate();

  for (const id of [
    'toolbar-new-menu',
    'toolbar-file.open',
    'toolbar-file.save',
    'toolbar-export.bundle',
    'toolbar-view.present',
    'toolbar-view.toggleProblems',
    'toolbar-view.commandPalette',
    'toolbar-view.toggleTheme',
  ]) {
    await expectOnScreen(page.getByTestId(id));
  }
  await expectOnScreen(status.cost);
  await expect(status.cost).toContainText('/mo');

  // The palette shows icons only; each item keeps its name, and still drags onto the canvas.
  const region = page.getByRole('button', { name: 'Region', exact: true });
  await expectOnScreen(region);
  await expect(page.getByTestId('palette-item-region')).toHaveAttribute('title', /^Region: /);
  await app.screenshot('40-narrow-window');

  // The minimap is smaller on a narrow canvas, and a click still lands where it points: beside the view
  // window, near the left edge, the view goes left.
  const map = await boxOf(canvas.minimap);
  expect(map.width).toBeLessThan(200);
  await canvas.zoomInTo(1);
  const before = await canvas.view();
  await page.mouse.click(map.x + 6, map.y + map.height / 2);
  await waitForViewportStill(page);
  const after = await canvas.view();
  expect(after.x).toBeLessThan(before.x);
  expect(after.zoom).toBeCloseTo(before.zoom, 5);

  await page.getByTestId('toolbar-new-menu').click();
  await page.getByRole('menuitem', { name: 'Blank document' }).click();
  await expect(canvas.empty).toBeVisible();
  const id = await canvas.dropFromPalette('region', { at: { x: 24, y: 24 } });
  await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeVisible();
  await expect(status.counts).toContainText('1 region');
});
