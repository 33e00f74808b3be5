// The cost review of the issue, from the app alone: open the OTT template, open the Cost tab, see that the
// estimate is incomplete and what is missing, group by cluster, sort, expand a cluster to its line items,
// change an assumption and undo it, and take the table away as CSV (checked against the cost engine run
// here on the same template), XLSX and Markdown. Key states are kept as screenshots.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCatalog } from '../../shared/catalog/catalog';
import { estimateCost } from '../../shared/cost/estimate';
import type { CostReport } from '../../shared/cost/types';
import { loadDocument } from '../../shared/format/document-file';
import { CostPage } from '../pages/cost';
import { expect, test } from '../support/fixtures';

const resource = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../resources/${file}`, import.meta.url)), 'utf8');

/** The engine's report of the OTT template, computed outside the app. */
function ottReport(): CostReport {
  const catalog = createCatalog(JSON.parse(resource('catalog/aws.json')));
  const loaded = loadDocument(resource('templates/ott-streaming-platform.topo.yaml'), { catalog });
  if (!loaded.ok) throw new Error(`the OTT template did not load: ${loaded.problems[0]?.message}`);
  return estimateCost(loaded.document, catalog);
}

/** RFC 4180 CSV into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

test('a cost review of the OTT template: group, expand, tune, undo and export', async ({ app }) => {
  const cost = new CostPage(app.page);
  const report = ottReport();
  await app.openOttTemplate();

  await test.step('open the Cost tab: incomplete, naming what has no price', async () => {
    await cost.open();
    await expect(cost.incomplete).toContainText(`incomplete: ${report.totals.grand.unpriced} unpriced`);
    await cost.incomplete.locator('summary').click();
    const missing = report.lines.find((line) => line.expected === null)!;
    await expect(cost.incomplete).toContainText(missing.description);
    await expect(cost.facts).toContainText(report.catalog.generatedAt.slice(0, 10));
    for (const source of report.sources)
      await expect(cost.facts).toContainText(`${source.id} (${source.date})`);
    await app.screenshot('cost-01-by-category');
  });

  await test.step('group by cluster, sort by expected amount, expand the largest cluster', async () => {
    await cost.groupBy('cluster');
    expect(await cost.groupIds()).toEqual(report.byCluster.map((group) => group.key ?? 'none'));
    await cost.sortBy('expected');
    const largest = [...report.byCluster].sort((a, b) => b.expected - a.expected);
    expect(await cost.groupIds()).toEqual(largest.map((group) => group.key ?? 'none'));
    const id = largest.find((group) => group.key !== null)!.key!;
    await cost.expand(id);
    const first = report.lines.find((line) => line.clusterId === id)!;
    const line = app.page.getByTestId(`cost-line-${first.id}`);
    await expect(line).toBeVisible();
    await expect(line).toContainText('×');
    await expect(line).toContainText(first.description);
    await expect(cost.lines()).toHaveCount(
      Math.min(50, report.lines.filter((l) => l.clusterId === id).length),
    );
    await app.screenshot('cost-02-by-cluster-expanded');
  });

  await test.step('change the hours a month, then undo it', async () => {
    const total = await cost.row('infrastructure').textContent();
    await cost.setAssumption('hoursPerMonth', 1000);
    await expect(cost.assumptionError('hoursPerMonth')).toBeVisible();
    await cost.assumption('hoursPerMonth').press('Escape');
    await cost.setAssumption('hoursPerMonth', 365);
    await expect(cost.row('infrastructure')).not.toHaveText(total!);
    await app.page.getByTestId('cost-sort-expected').focus();
    await app.page.keyboard.press('Control+z');
    await expect(cost.assumption('hoursPerMonth')).toHaveValue(String(report.assumptions.hoursPerMonth));
    await expect(cost.row('infrastructure')).toHaveText(total!);
  });

  await test.step('export the table as CSV: the engine figures by cluster', async () => {
    const file = await cost.export('csv');
    expect(file.name).toBe('ott-streaming-platform-cost-cluster.csv');
    const [heading, ...rows] = parseCsv(file.bytes.toString('utf8'));
    expect(heading!.slice(0, 3)).toEqual([
      'Cluster',
      `Expected (${report.currency}/month)`,
      `Maximum (${report.currency}/month)`,
    ]);
    const byName = new Map(rows.map((row) => [row[0]!, row]));
    for (const group of report.byCluster) {
      const row = byName.get(group.label);
      expect(row, group.label).toBeDefined();
      if (group.items > 0 && group.unpriced === group.items) expect(row![1]).toBe('no price');
      else {
        expect(Number(row![1]), group.label).toBeCloseTo(group.expected, 2);
        expect(Number(row![2]), group.label).toBeCloseTo(group.maximum, 2);
      }
    }
    const infrastructure = byName.get('Infrastructure total')!;
    expect(Number(infrastructure[1])).toBeCloseTo(report.totals.infrastructure.expected, 2);
    expect(infrastructure.at(-1)).toBe(`incomplete (${report.totals.infrastructure.unpriced} unpriced)`);
  });

  await test.step('export XLSX and Markdown', async () => {
    const xlsx = await cost.export('xlsx');
    expect(xlsx.name).toBe('ott-streaming-platform-cost-cluster.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const md = await cost.export('md');
    const text = md.bytes.toString('utf8');
    expect(text).toContain('## Cost by cluster');
    expect(text).toContain(report.catalog.generatedAt.slice(0, 10));
    await app.screenshot('cost-03-exported');
  });

  await test.step('the print layout shows the report alone, with catalog, sources and the table', async () => {
    await app.page.emulateMedia({ media: 'print' });
    const print = app.page.getByTestId('cost-print');
    await expect(app.page.getByTestId('app')).toBeHidden();
    await expect(print).toBeVisible();
    await expect(print).toContainText(report.catalog.generatedAt.slice(0, 10));
    for (const source of report.sources) await expect(print).toContainText(`${source.id} (${source.date})`);
    await expect(app.page.getByTestId('cost-print-row-infrastructure')).toBeVisible();
    await app.screenshot('cost-04-print-layout');
    await app.page.emulateMedia({ media: 'screen' });
    await expect(print).toBeHidden();
  });

  await test.step('the charts by category and by cluster, in the light and the dark theme', async () => {
    const charts = app.page.getByTestId('cost-chart-category');
    await charts.scrollIntoViewIfNeeded();
    await expect(app.page.getByTestId('cost-chart-category-bar-compute')).toBeVisible();
    await expect(app.page.getByTestId('cost-chart-cluster')).toBeVisible();
    await app.screenshot('cost-05-charts-light');
    await app.page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.screenshot('cost-06-charts-dark');
  });
});
