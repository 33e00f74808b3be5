// The minimap (renderer/canvas/Minimap.tsx): the design in small with the view as a window onto it. A click
// beside the window brings the view there, dragging the window moves the view along, and the wheel over it
// zooms the canvas; focused, it moves and zooms the view from the keyboard; the toolbar button hides and
// shows it.
import { expect, test } from '../support/fixtures';
import { boxOf, waitForViewportStill } from '../pages/geometry';

test('the minimap moves and zooms the view, from the pointer and the keyboard, and can be hidden', async ({
  app,
}) => {
  const { canvas, page } = app;
  await app.openOttTemplate();
  await expect(canvas.minimap).toBeVisible();
  // Zoomed in, the view is a small window in the middle of the minimap.
  await canvas.zoomInTo(1);
  const start = await canvas.view();
  const map = await boxOf(canvas.minimap);

  // A click near the minimap's left edge, beside the window: the view goes left, at the same zoom.
  const left = { x: map.x + 12, y: map.y + map.height / 2 };
  await page.mouse.click(left.x, left.y);
  await waitForViewportStill(page);
  const moved = await canvas.view();
  expect(moved.zoom).toBeCloseTo(start.zoom, 5);
  expect(moved.x).toBeLessThan(start.x);

  // The window is now under the pointer: dragging it to the right takes the view along, step by step.
  await page.mouse.move(left.x, left.y);
  await page.mouse.down();
  await page.mouse.move(left.x + 40, left.y, { steps: 8 });
  await page.mouse.up();
  await waitForViewportStill(page);
  const dragged = await canvas.view();
  expect(dragged.zoom).toBeCloseTo(start.zoom, 5);
  expect(dragged.x).toBeGreaterThan(moved.x);
  expect(dragged.y).toBeCloseTo(moved.y, 0);
  await app.screenshot('30-minimap-dragged');

  // The wheel over the minimap zooms the canvas out, within the canvas's limits.
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
  await page.mouse.wheel(0, 240);
  await waitForViewportStill(page);
  const zoomedOut = await canvas.view();
  expect(zoomedOut.zoom).toBeLessThan(dragged.zoom);

  // Focused, the minimap moves the view with the arrow keys (further with Shift) and zooms with + and −,
  // keeping the view's centre.
  await canvas.minimap.focus();
  await page.keyboard.press('ArrowRight');
  await waitForViewportStill(page);
  const right = await canvas.view();
  expect(right.x).toBeGreaterThan(zoomedOut.x);
  expect(right.y).toBeCloseTo(zoomedOut.y, 0);
  expect(right.zoom).toBeCloseTo(zoomedOut.zoom, 5);
  await page.keyboard.press('Shift+ArrowDown');
  await waitForViewportStill(page);
  const down = await canvas.view();
  expect(down.y - right.y).toBeGreaterThan(right.x - zoomedOut.x);
  await page.keyboard.press('+');
  await waitForViewportStill(page);
  const closer = await canvas.view();
  expect(closer.zoom).toBeGreaterThan(down.zoom);
  expect(closer.x).toBeCloseTo(down.x, 0);

  await page.getByTestId('toolbar-view.toggleMinimap').click();
  await expect(canvas.minimap).toBeHidden();
  await page.getByTestId('toolbar-view.toggleMinimap').click();
  await expect(canvas.minimap).toBeVisible();
});
