// The resilience review of the issue, from the app alone: open the OTT template, open the Failures tab, see
// the domains worst first (the engine's ranking, run here on the same template), pick a zone and see the
// canvas marks and the impact table, read the single points of failure and the AZ-loss matrix, then run the
// burst plot: a slower node launch (an undoable settings edit) and a bigger burst leave more demand
// unserved. Key states are kept as screenshots.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeFailure } from '../../shared/blast/impact';
import { summarizeBlastRadius } from '../../shared/blast/summary';
import { zoneLossMatrix } from '../../shared/blast/zone-matrix';
import { createCatalog } from '../../shared/catalog/catalog';
import { loadDocument } from '../../shared/format/document-file';
import type { TopologyDocument } from '../../shared/model/schema';
import { FailuresPage } from '../pages/failures';
import { expect, test } from '../support/fixtures';

const resource = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../resources/${file}`, import.meta.url)), 'utf8');

const catalog = createCatalog(JSON.parse(resource('catalog/aws.json')));

/** The OTT template as the app loads it. */
function ottDocument(): TopologyDocument {
  const loaded = loadDocument(resource('templates/ott-streaming-platform.topo.yaml'), { catalog });
  if (!loaded.ok) throw new Error(`the OTT template did not load: ${loaded.problems[0]?.message}`);
  return loaded.document;
}

/** The unserved percentage the view shows, e.g. 1.23 from "Unserved: 1.23% of demand". */
async function unservedPercent(failures: FailuresPage): Promise<number> {
  const text = (await failures.unserved.textContent()) ?? '';
  const match = /Unserved: ([\d.]+)%/.exec(text);
  if (!match) throw new Error(`no unserved figure in "${text}"`);
  return Number(match[1]);
}

test('a resilience review of the OTT template: domains, a zone loss, SPOFs, AZ matrix, burst', async ({
  app,
}) => {
  const failures = new FailuresPage(app.page);
  const doc = ottDocument();
  const summary = summarizeBlastRadius(doc, catalog);
  await app.openOttTemplate();

  await test.step('open the Failures tab: domains worst first', async () => {
    await failures.open();
    const shown = await failures.domainIds();
    expect(shown).toEqual(summary.domains.slice(0, shown.length).map((d) => d.domain.id));
    await app.screenshot('failures-01-domains');
  });

  const zone = doc.spec.zones[0]!.id;
  const domainId = `zone:${zone}`;
  await test.step(`pick ${domainId}: the canvas marks it, the impact table lists what it hurts`, async () => {
    await failures.choose(domainId);
    await expect(failures.domain(domainId)).toHaveAttribute('aria-pressed', 'true');
    await expect(app.canvas.node(zone)).toHaveAttribute('data-blast', 'failed');
    await expect(app.canvas.root.locator('[data-blast]').first()).toBeVisible();
    const impact = analyzeFailure(doc, domainId, catalog);
    const hit = impact.workloads.filter((w) => w.changed || w.status !== 'ok');
    expect(hit.length).toBeGreaterThan(0);
    await expect(failures.impactRows()).toHaveCount(hit.length);
    for (const w of hit.slice(0, 3))
      await expect(app.page.getByTestId(`failures-impact-row-${w.workloadId}`)).toHaveAttribute(
        'data-status',
        w.status,
      );
    await app.screenshot('failures-02-zone-loss');
  });

  await test.step('the arrow keys move through the domains and the canvas follows', async () => {
    const ids = await failures.domainIds();
    const next = ids[ids.indexOf(domainId) + 1]!;
    await failures.domain(domainId).focus();
    await app.page.keyboard.press('ArrowDown');
    await expect(failures.domain(next)).toHaveAttribute('aria-pressed', 'true');
    await expect(failures.domain(next)).toBeFocused();
    await expect(app.page.getByTestId('failures-impact-summary')).toBeVisible();
    await app.page.keyboard.press('ArrowUp');
    await expect(failures.domain(domainId)).toHaveAttribute('aria-pressed', 'true');
    await expect(app.canvas.node(zone)).toHaveAttribute('data-blast', 'failed');
  });

  await test.step('single points of failure and the AZ-loss matrix', async () => {
    await expect(failures.spofs).toContainText(
      `Single points of failure (${summary.singlePointsOfFailure.length})`,
    );
    const matrix = zoneLossMatrix(doc, catalog);
    const region = matrix.regions[0]!;
    const row = region.rows[0]!;
    const cell = row.cells[0]!;
    await expect(failures.cell(row.elementId, cell.zoneId)).toHaveAttribute('title', cell.message);
    await failures.matrix.scrollIntoViewIfNeeded();
    await app.screenshot('failures-03-matrix');
  });

  await test.step('run the burst plot: slower nodes and a bigger burst leave more unserved', async () => {
    await failures.plot.scrollIntoViewIfNeeded();
    await expect(failures.plot).toBeVisible();
    const before = await unservedPercent(failures);
    await failures.setKnob('nodeLaunchSeconds', 600);
    await expect(app.page.getByTestId('failures-knob-value-nodeLaunchSeconds')).toHaveText('600 s');
    await expect.poll(() => unservedPercent(failures)).toBeGreaterThan(before);
    const slower = await unservedPercent(failures);
    await failures.setKnob('burstFactor', 5);
    await expect.poll(() => unservedPercent(failures)).toBeGreaterThan(slower);
    await app.screenshot('failures-04-burst');
    // The delay is the document's setting: one undo puts it back.
    await app.toolbar.undo();
    await expect(app.page.getByTestId('failures-knob-value-nodeLaunchSeconds')).toHaveText(
      `${doc.spec.settings.autoscaling.nodeLaunchSeconds} s`,
    );
  });
});
