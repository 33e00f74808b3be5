// Documents in and out of the browser build: templates from the empty canvas, New asking before unsaved
// work is thrown away, a file that cannot be loaded saying why, and Save through the File System Access
// API writing back to the file it chose (with in-memory pickers) and noticing a change made elsewhere;
// Arrange (ELK in a worker) as one undo step.
import type { Page } from '@playwright/test';
import type { MemoryFiles } from '../support/memory-file-system';
import { boxOf, waitForViewportStill } from '../pages/geometry';
import { expect, test } from '../support/fixtures';

const memoryFiles = (page: Page) =>
  page.evaluate(() => (window as unknown as { __memoryFiles: MemoryFiles }).__memoryFiles);

test('a template opens from the empty canvas; New asks before unsaved work is thrown away', async ({
  app,
}) => {
  const { canvas, status, toolbar, dialogs } = app;
  await app.open();
  // Its missing places arrive from a worker: the drag below must not be overtaken by them.
  await app.openTemplateArranged('ott-streaming-platform.topo.yaml');
  await expect(status.name).toContainText('ott-streaming-platform.topo.yaml');
  await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
  const counts = await status.readCounts();
  expect(counts.region).toBeGreaterThan(1);
  expect(Object.keys(await canvas.nodes()).length).toBeGreaterThan(20);
  await expect(status.cost).toContainText('/mo');
  await app.screenshot('07-template');

  // A node moved is an edit: New now asks first.
  const region = (await canvas.nodeIds('region'))[0]!;
  await canvas.dragNodeBy(region, 48, 32);
  await expect(status.dirty).toHaveAttribute('data-dirty', 'true');
  await toolbar.newFromMenu('file.new');
  await expect(dialogs.dialog).toContainText('Discard unsaved changes?');
  await dialogs.cancel();
  await expect(dialogs.dialog).toBeHidden();
  expect(await status.readCounts()).toEqual(counts);
  await toolbar.newFromMenu('file.new');
  await dialogs.confirm();
  await expect(canvas.empty).toBeVisible();
  await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
});

test('a design opens framed: its nodes are first drawn in the view that shows it whole', async ({ app }) => {
  const { canvas, status, toolbar, page } = app;
  await app.open();
  // A file that places every element.
  await app.openTemplateArranged('ott-streaming-platform.topo.yaml');
  const saved = await app.saveByDownload();
  await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
  // Another view than the design's whole: close in, then an empty document.
  await canvas.zoomInTo(1.5);
  await toolbar.newFromMenu('file.new');
  await expect(canvas.empty).toBeVisible();
  // The viewport's transform when the first node of the opened design is put into the page.
  await page.evaluate(() => {
    const record = window as unknown as { __firstDrawn?: string };
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.react-flow__node')) return;
      record.__firstDrawn =
        document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await app.openFile(saved);
  await expect(canvas.empty).toBeHidden();
  await expect.poll(() => canvas.zoom()).toBeLessThan(1.5);
  await waitForViewportStill(page);
  const firstDrawn = await page.evaluate(() => (window as unknown as { __firstDrawn?: string }).__firstDrawn);
  const shown = await page
    .locator('.react-flow__viewport')
    .evaluate((e) => (e as HTMLElement).style.transform);
  expect(firstDrawn).toBe(shown);
  // Every region is in view (and so drawn: the canvas leaves nodes out of view undrawn).
  const pane = await boxOf(canvas.root);
  const regions = await canvas.nodeIds('region');
  expect(regions.length).toBeGreaterThan(0);
  expect(regions.length).toBe((await status.readCounts()).region);
  for (const id of regions) {
    const box = await boxOf(canvas.node(id));
    expect(box.x).toBeGreaterThanOrEqual(pane.x);
    expect(box.y).toBeGreaterThanOrEqual(pane.y);
    expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width);
    expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height);
  }
});

test('a file that is not a valid design is refused with its problems', async ({ app }) => {
  await app.open();
  await app.openFile({ name: 'broken.topo.yaml', text: 'apiVersion: nope\nkind: Topology\nspec: 42\n' });
  const error = app.toasts.ofKind('error').last();
  await expect(error).toContainText('broken.topo.yaml could not be opened');
  await expect(app.canvas.empty).toBeVisible();
});

test.describe('with the File System Access API', () => {
  test.use({ files: 'memory' });

  test('Save asks where once, then writes back; a change made elsewhere is asked about', async ({ app }) => {
    const { canvas, status, toolbar, dialogs, page } = app;
    await app.open();
    const region = await canvas.dropFromPalette('region', { at: { x: 48, y: 32 } });
    await toolbar.run('file.save');
    await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
    let files = await memoryFiles(page);
    expect(files.savePickerCalls).toBe(1);
    const name = Object.keys(files.files)[0]!;
    expect(files.files[name]!.text).toContain(`id: ${region}`);
    await expect(status.name).toContainText(name);

    const cluster = await canvas.dropFromPalette('cluster', { into: region });
    await toolbar.run('file.save');
    await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
    files = await memoryFiles(page);
    expect(files.savePickerCalls).toBe(1);
    expect(files.files[name]!.text).toContain(`id: ${cluster}`);

    // Someone else writes the file: the next save asks before overwriting it.
    await page.evaluate((file) => {
      const state = (window as unknown as { __memoryFiles: MemoryFiles }).__memoryFiles;
      state.files[file] = { text: '# edited elsewhere\n', lastModified: Date.now() + 60_000 };
    }, name);
    const fleet = await canvas.dropFromPalette('fleet', { into: region });
    await toolbar.run('file.save');
    await expect(dialogs.dialog).toContainText('The file changed on disk');
    await dialogs.cancel();
    expect((await memoryFiles(page)).files[name]!.text).toBe('# edited elsewhere\n');
    await expect(status.dirty).toHaveAttribute('data-dirty', 'true');
    await toolbar.run('file.save');
    await dialogs.confirm();
    await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
    expect((await memoryFiles(page)).files[name]!.text).toContain(`id: ${fleet}`);
  });
});

test('Arrange lays a moved node out again with ELK in a Web Worker, as one undo step', async ({ app }) => {
  const { canvas, toolbar } = app;
  const workers: string[] = [];
  app.page.on('worker', (worker) => workers.push(worker.url()));
  await app.open();
  await app.openTemplateArranged('ott-streaming-platform.topo.yaml');
  const positions = () => canvas.positions();
  const arranged = await positions();
  const region = (await canvas.nodeIds('region'))[0]!;
  await canvas.dragNodeBy(region, 96, 64);
  await expect.poll(positions).not.toEqual(arranged);
  const moved = await positions();
  await toolbar.run('view.autoLayout');
  await expect.poll(positions).not.toEqual(moved);
  await expect(app.status.dirty).toHaveAttribute('data-dirty', 'true');
  expect(workers.some((url) => url.includes('elk-worker'))).toBe(true);
  await app.screenshot('08-arranged');
  await toolbar.undo();
  await expect.poll(positions).toEqual(moved);
});
