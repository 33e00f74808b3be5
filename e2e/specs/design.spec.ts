// The end-to-end scenario, in one story: from an empty canvas, build a small OTT region from the
// palette, move a workload to another pool, tune it in the inspector and watch the cost total change,
// undo and redo, fix a problem from the problems panel, simulate an AZ failure, save (a download),
// reload and reopen the saved file with everything intact.
import { OTT_REGION, OTT_REGION_COUNTS, TUNING } from '../scenarios/ott-region';
import { build, idOf, tune } from '../scenarios/build';
import { expect, test } from '../support/fixtures';

test('builds, tunes, breaks and saves a small OTT region, and reopens it intact', async ({ app }) => {
  const { canvas, inspector, problems, status, toolbar, blast } = app;
  await app.open();
  await expect(canvas.empty).toBeVisible();
  await expect(status.dirty).toHaveAttribute('data-dirty', 'false');

  const ids = await test.step('build the region from the palette', async () => {
    const built = await build(canvas, OTT_REGION);
    const kinds = Object.values(await canvas.nodes());
    for (const [kind, count] of Object.entries(OTT_REGION_COUNTS)) {
      expect(
        kinds.filter((k) => k === kind),
        kind,
      ).toHaveLength(count);
    }
    expect(await status.readCounts()).toMatchObject({
      region: 1,
      cluster: 1,
      'node pool': 3,
      fleet: 1,
      workload: 2,
    });
    await expect(status.dirty).toHaveAttribute('data-dirty', 'true');
    await expect(status.cost).toContainText('/mo');
    await app.screenshot('01-built-region');
    return built;
  });
  const id = (name: string) => idOf(ids, name);

  await test.step('drag the API service from the system pool onto the spot pool', async () => {
    expect(await canvas.isInside(id('apiService'), id('system'))).toBe(true);
    await canvas.dragNodeInto(id('apiService'), id('spotApi'));
    await expect.poll(() => canvas.isInside(id('apiService'), id('spotApi'))).toBe(true);
    expect(await canvas.isInside(id('apiService'), id('system'))).toBe(false);
  });

  await test.step('tune it in the inspector: the cost total changes', async () => {
    const before = await status.costText();
    await tune(app, ids, TUNING);
    await expect(status.cost).not.toHaveText(before);
    await expect(inspector.value('instancesPerAz')).resolves.toBe('3');
    await canvas.select(id('spotApi'));
    await expect(inspector.field('instanceTypes')).toHaveValue('m6i.2xlarge');
    await expect(inspector.field('capacity.spotPercent')).toHaveValue('70');
    await expect(canvas.node(id('spotApi'))).toContainText('70% spot');
  });

  await test.step('a value the schema refuses is explained at the field and changes nothing', async () => {
    const cost = await status.costText();
    await inspector.setField('nodesPerAz.desired', -1);
    await expect(inspector.error('nodesPerAz.desired')).toBeVisible();
    await expect(status.cost).toHaveText(cost);
    await inspector.setField('nodesPerAz.desired', 6);
    await expect(inspector.error('nodesPerAz.desired')).toBeHidden();
    await app.screenshot('02-tuned-in-inspector');
  });

  await test.step('undo and redo the last edit', async () => {
    await canvas.select(id('fleet'));
    const tuned = await status.costText();
    await expect(inspector.field('instancesPerAz')).toHaveValue('3');
    await toolbar.undo();
    await expect(inspector.field('instancesPerAz')).toHaveValue('2');
    await expect(status.cost).not.toHaveText(tuned);
    await toolbar.redo();
    await expect(inspector.field('instancesPerAz')).toHaveValue('3');
    await expect(status.cost).toHaveText(tuned);
  });

  await test.step('fix a problem from the problems panel', async () => {
    await problems.open();
    const row = problems.row('pool.system-min-nodes', id('system'));
    await expect(row).toBeVisible();
    const counted = await problems.statusCount.textContent();
    await app.screenshot('03-problems-panel');
    await problems.fix('pool.system-min-nodes', id('system'));
    await expect(row).toBeHidden();
    await expect(problems.statusCount).not.toHaveText(counted ?? '');
    await canvas.select(id('system'));
    await expect(inspector.field('nodesPerAz.min')).toHaveValue('3');
  });

  await test.step('simulate the failure of an AZ', async () => {
    const zone = `${id('region')}-a`;
    await blast.simulateFailureOf(zone);
    await expect(blast.banner).toBeVisible();
    await expect(canvas.node(zone)).toHaveAttribute('data-blast', 'failed');
    await expect(canvas.node(id('spotApi'))).toHaveAttribute('data-blast', 'degraded');
    await expect(canvas.node(id('fleet'))).toHaveAttribute('data-blast', 'degraded');
    await expect(canvas.node(`${id('region')}-b`)).toHaveAttribute('data-blast', 'ok');
    await app.screenshot('04-az-failure');
    await blast.clear();
    await expect(blast.banner).toBeHidden();
    await expect(canvas.root.locator('[data-blast="failed"]')).toHaveCount(0);

    // The same from the failure-domain picker, for another zone.
    await blast.chooseDomain(`zone:${id('region')}-b`);
    await expect(blast.banner).toBeVisible();
    await expect(canvas.node(`${id('region')}-b`)).toHaveAttribute('data-blast', 'failed');
    const marks = await blast.marks();
    expect(marks[`${id('region')}-a`]).toBe('ok');
    expect(Object.values(marks)).toContain('degraded');
    await blast.clear();
    await expect(blast.banner).toBeHidden();
  });

  const saved = await test.step('save: the browser downloads the design', async () => {
    const file = await app.saveByDownload();
    expect(file.name).toMatch(/\.topo\.yaml$/);
    expect(file.text).toContain('kind: Topology');
    expect(file.text).toContain('m6i.2xlarge');
    await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
    return file;
  });

  await test.step('reload and reopen the saved file: everything is intact', async () => {
    const counts = await status.readCounts();
    const nodes = await canvas.nodes();
    const cost = await status.costText();
    await app.reload();
    await expect(canvas.empty).toBeVisible();
    await app.openFile(saved);
    await expect.poll(() => canvas.nodes()).toEqual(nodes);
    expect(await status.readCounts()).toEqual(counts);
    await expect(status.name).toContainText(saved.name);
    await expect(status.dirty).toHaveAttribute('data-dirty', 'false');
    await expect(status.cost).toHaveText(cost);
    expect(await canvas.isInside(id('apiService'), id('spotApi'))).toBe(true);
    await canvas.select(id('spotApi'));
    await expect(inspector.field('name')).toHaveValue('api');
    await expect(inspector.field('capacity.spotPercent')).toHaveValue('70');
    await app.screenshot('05-reopened');
    const again = await app.saveByDownload('file.saveAs');
    expect(again.text).toBe(saved.text);
  });
});
