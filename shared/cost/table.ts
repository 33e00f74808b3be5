// A cost report as a table for the command line, the app and exports: grouped by category, region,
// cluster or pool, or line by line, with money formatted, a status that never hides an unpriced item,
// and footnotes with the totals, the assumptions and the price sources with their dates.
import type { Cell, Table } from '../report/table';
import { formatMoney } from '../report/table';
import { count, usd } from './lines';
import type { CostGroup, CostLine, CostReport, CostTotal } from './types';
import { COST_CATEGORIES } from './types';

/** How a cost table groups its rows. */
export type CostGroupBy = 'category' | 'region' | 'cluster' | 'pool' | 'line';

/** Whether a string names a cost grouping. */
export function isCostGroupBy(value: string): value is CostGroupBy {
  return ['category', 'region', 'cluster', 'pool', 'line'].includes(value);
}

/** `complete`, or `incomplete (n unpriced)`. */
function status(sum: CostTotal): string {
  return sum.complete ? 'complete' : `incomplete (${sum.unpriced} unpriced)`;
}

/** A total's amount, or `unpriced` when none of its items has a price (never a silent 0.00). */
function money(sum: CostTotal, which: 'expected' | 'maximum'): number | string {
  if (sum.items > 0 && sum.unpriced === sum.items) return 'unpriced';
  return sum[which];
}

function groupRow(name: string, sum: CostTotal): Record<string, Cell> {
  return {
    name,
    expected: money(sum, 'expected'),
    maximum: money(sum, 'maximum'),
    items: sum.items,
    status: status(sum),
  };
}

/** A line's unit price in words: `$0.384/instance-hour`, with the spot estimate or the assumed amount. */
function unitPrice(line: CostLine): string {
  const price = line.unitPrice;
  if (price.status === 'assumed') return `${formatMoney(price.amount)} ${price.currency}/${price.unit}`;
  if (price.status === 'missing') return 'none';
  const base = `${usd(price.usd)}/${price.unit}`;
  return line.spot ? `${base}; spot est. ${usd(line.spot.usdPerHour)} (-${line.spot.savingsPct}%)` : base;
}

/** The sources of a line with the dates of their data: `karpenter-pricing (2026-07-20)`. */
function sourceText(line: CostLine): string {
  if (line.unitPrice.status === 'assumed') return line.unitPrice.setting;
  if (line.sourceId === null) return '';
  const spot = line.spot ? `; ${line.spot.sourceId} (${line.spot.date})` : '';
  return `${line.sourceId} (${line.date})${spot}`;
}

/** The first clause of a licence text, e.g. `CC BY-SA 4.0` of `CC BY-SA 4.0 (LICENSE of ...)`. */
function shortLicence(licence: string): string {
  return licence.split(/ \(|; |\. /)[0]!.trim();
}

function lineRows(report: CostReport): Record<string, Cell>[] {
  const labels = new Map<string, string>(COST_CATEGORIES.map((c) => [c.key, c.label]));
  return report.lines.map((line) => ({
    category: labels.get(line.category) ?? line.category,
    subcategory: line.subcategory,
    element: line.elementId,
    region: line.regionId ?? '',
    cluster: line.clusterId ?? '',
    pool: line.poolId ?? '',
    item: line.description,
    quantityExpected: count(line.quantity.expected),
    quantityMaximum: count(line.quantity.maximum),
    unit: line.quantity.unit,
    unitPrice: unitPrice(line),
    period:
      line.period.unit === 'hours'
        ? `${count(Math.round(line.period.amount * 100) / 100)} h`
        : `${count(Math.round(line.period.amount * 10_000) / 10_000)} month${line.period.amount === 1 ? '' : 's'}`,
    expected: line.expected ?? 'unpriced',
    maximum: line.maximum ?? 'unpriced',
    source: sourceText(line),
    note: line.missingReason ? `unpriced: ${line.missingReason}` : line.assumption,
  }));
}

/** The footnotes every cost table carries: totals, completeness, assumptions and sources. */
function footnotes(report: CostReport): string[] {
  const { infrastructure, engineering, grand } = report.totals;
  const cur = report.currency;
  const amounts = (sum: CostTotal) =>
    `expected ${formatMoney(sum.expected)} ${cur}, maximum ${formatMoney(sum.maximum)} ${cur} a month`;
  const notes = [`Infrastructure: ${amounts(infrastructure)}; ${status(infrastructure)}.`];
  if (engineering.items > 0) {
    notes.push(`Engineering time (apart from infrastructure): ${amounts(engineering)}.`);
    notes.push(`Total with engineering: ${amounts(grand)}; ${status(grand)}.`);
  }
  if (!grand.complete) {
    notes.push(
      `Incomplete (${grand.unpriced} item${grand.unpriced === 1 ? '' : 's'} unpriced): their amounts are not in the totals.`,
    );
  }
  if (report.lines.some((line) => line.estimate)) {
    notes.push('Spot amounts are estimates: on-demand price x (1 - Spot Advisor savings).');
  }
  const a = report.assumptions;
  notes.push(
    `Assumptions: ${a.hoursPerMonth} h a month; ${a.usdExchangeRate} ${a.currency} per USD; ` +
      `${a.spotFallbackOnDemandPercent}% of spot on on-demand; monitoring ${a.monitoring.perNodeMonthly} ${a.currency} ` +
      `per node and ${a.monitoring.perClusterMonthly} ${a.currency} per cluster a month; engineering ` +
      `${a.engineering.people} x ${a.engineering.monthlyCostPerPerson} ${a.currency} a month` +
      `${a.priceOverrides > 0 ? `; ${a.priceOverrides} price override${a.priceOverrides === 1 ? '' : 's'}` : ''}.`,
  );
  if (report.sources.length > 0) {
    notes.push(
      `Prices: ${report.sources.map((s) => `${s.id} (${s.date}, ${shortLicence(s.licence)})`).join('; ')}.`,
    );
  }
  notes.push(`Catalog: ${report.catalog.id}, generated ${report.catalog.generatedAt}.`);
  return notes;
}

const GROUP_TITLES = { category: 'Category', region: 'Region', cluster: 'Cluster', pool: 'Pool' } as const;

/** The report as a table grouped by category, region, cluster or pool, or one row per line item. */
export function costTable(report: CostReport, groupBy: CostGroupBy): Table {
  const cur = report.currency;
  const title = `Monthly cost of "${report.documentName}" by ${groupBy} (${cur})`;
  if (groupBy === 'line') {
    return {
      title,
      columns: [
        { key: 'category', title: 'Category' },
        { key: 'subcategory', title: 'Subcategory' },
        { key: 'element', title: 'Element' },
        { key: 'region', title: 'Region' },
        { key: 'cluster', title: 'Cluster' },
        { key: 'pool', title: 'Pool' },
        { key: 'item', title: 'Item' },
        { key: 'quantityExpected', title: 'Qty expected', align: 'right' },
        { key: 'quantityMaximum', title: 'Qty maximum', align: 'right' },
        { key: 'unit', title: 'Unit' },
        { key: 'unitPrice', title: 'Unit price' },
        { key: 'period', title: 'Period', align: 'right' },
        { key: 'expected', title: `Expected (${cur})`, align: 'right', kind: 'money' },
        { key: 'maximum', title: `Maximum (${cur})`, align: 'right', kind: 'money' },
        { key: 'source', title: 'Source' },
        { key: 'note', title: 'Assumption' },
      ],
      rows: lineRows(report),
      footnotes: footnotes(report),
    };
  }
  const columns = [
    { key: 'name', title: GROUP_TITLES[groupBy] },
    { key: 'expected', title: `Expected (${cur})`, align: 'right', kind: 'money' },
    { key: 'maximum', title: `Maximum (${cur})`, align: 'right', kind: 'money' },
    { key: 'items', title: 'Items', align: 'right' },
    { key: 'status', title: 'Status' },
  ] as const;
  const { infrastructure, engineering, grand } = report.totals;
  let rows: Record<string, Cell>[];
  if (groupBy === 'category') {
    const infra = report.byCategory.filter((g) => g.key !== 'engineering');
    rows = infra.map((g) => groupRow(g.label, g));
    rows.push(groupRow('Infrastructure total', infrastructure));
    if (engineering.items > 0) {
      rows.push(groupRow('Engineering time', engineering));
      rows.push(groupRow('Total (infrastructure + engineering)', grand));
    }
  } else {
    const groups: readonly CostGroup[] =
      groupBy === 'region' ? report.byRegion : groupBy === 'cluster' ? report.byCluster : report.byPool;
    rows = groups.map((g) => groupRow(g.label, g));
    rows.push(groupRow('Infrastructure total', infrastructure));
  }
  return { title, columns, rows, footnotes: footnotes(report) };
}
