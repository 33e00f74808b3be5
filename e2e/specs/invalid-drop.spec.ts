// Drops the model's containment rules refuse: while dragging, the drop hint says why; dropping creates
// nothing and the toast gives the same reason.
import { expect, test } from '../support/fixtures';

const REFUSALS = [
  { item: 'nodePool', reason: 'a node pool must be inside a cluster' },
  { item: 'workload', reason: 'must be placed on a node pool, a cluster or a streaming fleet' },
] as const;

test('a node pool dropped onto a region is refused with its reason', async ({ app }) => {
  const { canvas, status, toasts } = app;
  await app.open();
  const region = await canvas.dropFromPalette('region', { at: { x: 48, y: 32 } });
  const before = await canvas.nodes();
  const counts = await status.readCounts();

  for (const { item, reason } of REFUSALS) {
    await test.step(`${item} onto the region`, async () => {
      const drag = await canvas.startPaletteDrag(item, { into: region });
      await expect(drag.hint).toBeVisible();
      await expect(drag.hint).toHaveAttribute('data-ok', 'false');
      await expect(drag.hint).toContainText(reason);
      await expect(canvas.node(region)).toHaveClass(/drop-refused/);
      if (item === 'nodePool') await app.screenshot('08-invalid-drop-hint');
      await drag.drop();
      await expect(toasts.ofKind('error').last()).toContainText(`Cannot drop here: `);
      await expect(toasts.ofKind('error').last()).toContainText(reason);
      await expect(drag.hint).toBeHidden();
      expect(await canvas.nodes()).toEqual(before);
      expect(await status.readCounts()).toEqual(counts);
    });
  }

  await test.step('a region onto a region', async () => {
    const drag = await canvas.startPaletteDrag('region', { into: region });
    await expect(drag.hint).toHaveAttribute('data-ok', 'false');
    await drag.drop();
    await expect(toasts.ofKind('error').last()).toContainText('Cannot drop here');
    expect(await canvas.nodes()).toEqual(before);
  });

  await test.step('a valid target lights up and says where the element goes', async () => {
    const drag = await canvas.startPaletteDrag('cluster', { into: region });
    await expect(drag.hint).toHaveAttribute('data-ok', 'true');
    await expect(drag.hint).toContainText('Drop into');
    await expect(canvas.node(region)).toHaveClass(/drop-ok/);
    await drag.cancel();
    await expect(drag.hint).toBeHidden();
    expect(await canvas.nodes()).toEqual(before);
  });
});
