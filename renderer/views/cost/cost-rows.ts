// What the cost view shows, without React: the engine's report (shared/cost) grouped by category, region,
// cluster or pool, each group with its on-demand / spot / other split and its line items; sorting; the
// totals rows; the same table as a report `Table` for the exports; and the header every export carries
// (document, catalog date, price sources with their dates, assumptions). The amounts of a group are the
// engine's own (byCategory, byRegion, byCluster, byPool), so the view, the exports and `topo cost` agree
// to the cent; the split adds up the group's lines.
import { costTable } from '../../../shared/cost/table';
import type { CostGroup, CostLine, CostReport, CostTotal } from '../../../shared/cost/types';
import type { Cell, Column, Table } from '../../../shared/report/table';
import { compareStrings } from '../../../shared/util/text';
import type { ExportHeaderEntry, TableExport } from '../../exports/table-export';

/** How the cost table groups its rows. */
export type CostGrouping = 'category' | 'region' | 'cluster' | 'pool';

/** Every grouping with the heading of its first column, in the order the view offers them. */
export const COST_GROUPINGS: readonly { readonly key: CostGrouping; readonly label: string }[] = [
  { key: 'category', label: 'Category' },
  { key: 'region', label: 'Region' },
  { key: 'cluster', label: 'Cluster' },
  { key: 'pool', label: 'Pool' },
];

/** Whether a string names a grouping of the cost view. */
export function isCostGrouping(value: string): value is CostGrouping {
  return COST_GROUPINGS.some((grouping) => grouping.key === value);
}

/** How a line is bought: on-demand compute (fallback and fleets included), spot compute, or anything else. */
export type PriceKind = 'onDemand' | 'spot' | 'other';

const ON_DEMAND = new Set(['on-demand', 'spot-fallback', 'gpu-on-demand', 'gpu-spot-fallback', 'fleet']);
const SPOT = new Set(['spot', 'gpu-spot']);

/** Whether a line is on-demand compute, spot compute or another cost (control plane, storage, ...). */
export function priceKind(line: CostLine): PriceKind {
  if (line.category !== 'compute') return 'other';
  if (SPOT.has(line.subcategory)) return 'spot';
  return ON_DEMAND.has(line.subcategory) ? 'onDemand' : 'other';
}

/** A part of a row's expected amount: the priced sum, and whether it has lines none of which is priced. */
export interface SplitAmount {
  readonly amount: number;
  /** Lines of this kind in the row. */
  readonly items: number;
  /** Lines of this kind without a price. */
  readonly unpriced: number;
}

/** What a row is: a group, the infrastructure total, engineering time (kept apart) or the grand total. */
export type CostRowKind = 'group' | 'infrastructure' | 'engineering' | 'total';

/** One row of the cost table. */
export interface CostRow extends CostTotal {
  readonly kind: CostRowKind;
  /** Stable within a grouping: the group key, `none` for the lines outside any, or the total's name. */
  readonly id: string;
  readonly label: string;
  /** The expected amount split by how it is bought. */
  readonly split: Readonly<Record<PriceKind, SplitAmount>>;
  /** The line items in the row (empty for the grand total, which repeats the rows above it). */
  readonly lines: readonly CostLine[];
}

/** Whether none of a row's items has a price: it shows "no price", never an amount of 0. */
export function noPrice(sum: Pick<CostTotal, 'items' | 'unpriced'>): boolean {
  return sum.items > 0 && sum.unpriced === sum.items;
}

function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function splitOf(lines: readonly CostLine[]): Record<PriceKind, SplitAmount> {
  const sums = {
    onDemand: { amount: 0, items: 0, unpriced: 0 },
    spot: { amount: 0, items: 0, unpriced: 0 },
    other: { amount: 0, items: 0, unpriced: 0 },
  };
  for (const line of lines) {
    const sum = sums[priceKind(line)];
    sum.items += 1;
    if (line.expected === null) sum.unpriced += 1;
    else sum.amount += line.expected;
  }
  for (const sum of Object.values(sums)) sum.amount = roundCents(sum.amount);
  return sums;
}

/** The key of a line under a grouping (null: outside any region, cluster or pool). */
export function lineKey(line: CostLine, grouping: CostGrouping): string | null {
  switch (grouping) {
    case 'category':
      return line.category;
    case 'region':
      return line.regionId ?? null;
    case 'cluster':
      return line.clusterId ?? null;
    case 'pool':
      return line.poolId ?? null;
  }
}

function groupsOf(report: CostReport, grouping: CostGrouping): readonly CostGroup[] {
  switch (grouping) {
    case 'category':
      return report.byCategory.filter((group) => group.key !== 'engineering');
    case 'region':
      return report.byRegion;
    case 'cluster':
      return report.byCluster;
    case 'pool':
      return report.byPool;
  }
}

const infrastructureLines = (report: CostReport) =>
  report.lines.filter((line) => line.category !== 'engineering');

/** The groups of the report under a grouping, in the engine's order (document order), infrastructure only. */
export function costRows(report: CostReport, grouping: CostGrouping): CostRow[] {
  const byKey = new Map<string | null, CostLine[]>();
  for (const line of infrastructureLines(report)) {
    const key = lineKey(line, grouping);
    const list = byKey.get(key);
    if (list) list.push(line);
    else byKey.set(key, [line]);
  }
  return groupsOf(report, grouping).map((group) => {
    const lines = byKey.get(group.key) ?? [];
    return {
      kind: 'group',
      id: group.key ?? 'none',
      label: group.label,
      expected: group.expected,
      maximum: group.maximum,
      complete: group.complete,
      unpriced: group.unpriced,
      items: group.items,
      split: splitOf(lines),
      lines,
    };
  });
}

/** The rows under the groups: the infrastructure total, and engineering time and the total when there is any. */
export function totalRows(report: CostReport): CostRow[] {
  const { infrastructure, engineering, grand } = report.totals;
  const infraLines = infrastructureLines(report);
  const rows: CostRow[] = [
    {
      kind: 'infrastructure',
      id: 'infrastructure',
      label: 'Infrastructure total',
      ...infrastructure,
      split: splitOf(infraLines),
      lines: infraLines,
    },
  ];
  if (engineering.items > 0) {
    const engineeringLines = report.lines.filter((line) => line.category === 'engineering');
    rows.push(
      {
        kind: 'engineering',
        id: 'engineering',
        label: 'Engineering time',
        ...engineering,
        split: splitOf(engineeringLines),
        lines: engineeringLines,
      },
      {
        kind: 'total',
        id: 'total',
        label: 'Total (infrastructure + engineering)',
        ...grand,
        split: splitOf(report.lines),
        lines: [],
      },
    );
  }
  return rows;
}

/** What the table can be sorted by: the engine's order, the name, an amount or the item count. */
export type SortKey = 'order' | 'label' | 'expected' | 'maximum' | 'onDemand' | 'spot' | 'other' | 'items';

export interface CostSort {
  readonly key: SortKey;
  readonly direction: 'asc' | 'desc';
}

/** Document order, as the engine lists the groups. */
export const DOCUMENT_ORDER: CostSort = { key: 'order', direction: 'asc' };

function defaultDirection(key: SortKey): 'asc' | 'desc' {
  return key === 'label' || key === 'order' ? 'asc' : 'desc';
}

/**
 * The sort after a click on a column's heading: a new column sorts in its natural direction (names A-Z,
 * amounts largest first), a second click reverses it, a third goes back to document order.
 */
export function nextSort(current: CostSort, key: SortKey): CostSort {
  if (key === 'order' || current.key !== key) return { key, direction: defaultDirection(key) };
  if (current.direction === defaultDirection(key)) {
    return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return DOCUMENT_ORDER;
}

/** The value a row sorts by; undefined when the row has no price for it (sorted last either way). */
function sortValue(row: CostRow, key: Exclude<SortKey, 'order' | 'label'>): number | undefined {
  switch (key) {
    case 'items':
      return row.items;
    case 'expected':
    case 'maximum':
      return noPrice(row) ? undefined : row[key];
    default: {
      const part = row.split[key];
      return noPrice(part) ? undefined : part.amount;
    }
  }
}

/**
 * The rows in the given order; ties keep document order, and a row without a price for the sorted
 * amount goes last in either direction (it is not the cheapest, it is unknown).
 */
export function sortRows(rows: readonly CostRow[], sort: CostSort): CostRow[] {
  if (sort.key === 'order') return [...rows];
  const indexed = rows.map((row, index) => ({ row, index }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  const key = sort.key;
  indexed.sort((a, b) => {
    if (key === 'label') {
      return sign * compareStrings(a.row.label.toLowerCase(), b.row.label.toLowerCase()) || a.index - b.index;
    }
    const left = sortValue(a.row, key);
    const right = sortValue(b.row, key);
    if (left === undefined || right === undefined) {
      if (left === right) return a.index - b.index;
      return left === undefined ? 1 : -1;
    }
    return sign * (left - right) || a.index - b.index;
  });
  return indexed.map((entry) => entry.row);
}

/** `complete`, or `incomplete (n unpriced)`: the words the CLI and the status bar use. */
export function statusText(sum: Pick<CostTotal, 'unpriced'>): string {
  return sum.unpriced > 0 ? `incomplete (${sum.unpriced} unpriced)` : 'complete';
}

/** The words an export puts where an amount is unknown. */
export const NO_PRICE = 'no price';

function moneyCell(sum: Pick<CostTotal, 'items' | 'unpriced'>, amount: number): Cell {
  return noPrice(sum) ? NO_PRICE : amount;
}

/** The cost table as a report `Table`: the rows as the view shows them (grouped, sorted), then the totals. */
export function costViewTable(report: CostReport, grouping: CostGrouping, sort: CostSort): Table {
  const cur = report.currency;
  const heading = COST_GROUPINGS.find((g) => g.key === grouping)!.label;
  const columns: Column[] = [
    { key: 'name', title: heading },
    { key: 'expected', title: `Expected (${cur}/month)`, align: 'right', kind: 'money' },
    { key: 'maximum', title: `Maximum (${cur}/month)`, align: 'right', kind: 'money' },
    { key: 'onDemand', title: `On-demand compute, expected (${cur})`, align: 'right', kind: 'money' },
    { key: 'spot', title: `Spot compute, expected (${cur})`, align: 'right', kind: 'money' },
    { key: 'other', title: `Other, expected (${cur})`, align: 'right', kind: 'money' },
    { key: 'items', title: 'Items', align: 'right' },
    { key: 'unpriced', title: 'Unpriced', align: 'right' },
    { key: 'status', title: 'Status' },
  ];
  const rows = [...sortRows(costRows(report, grouping), sort), ...totalRows(report)].map(
    (row): Record<string, Cell> => ({
      name: row.label,
      expected: moneyCell(row, row.expected),
      maximum: moneyCell(row, row.maximum),
      onDemand: moneyCell(row.split.onDemand, row.split.onDemand.amount),
      spot: moneyCell(row.split.spot, row.split.spot.amount),
      other: moneyCell(row.split.other, row.split.other.amount),
      items: row.items,
      unpriced: row.unpriced,
      status: statusText(row),
    }),
  );
  return {
    title: `Monthly cost of "${report.documentName}" by ${grouping} (${cur})`,
    columns,
    rows,
    // The engine's own notes: totals, completeness, assumptions, price sources with their dates.
    footnotes: costTable(report, 'category').footnotes ?? [],
  };
}

/** Every line item with quantity, unit price, period, amounts, source and date, and its assumption. */
export function costLinesTable(report: CostReport): Table {
  return costTable(report, 'line');
}

/** A date-time as its day, `2026-11-21T14:18:47+00:00` -> `2026-11-21`. */
export function day(dateTime: string): string {
  return dateTime.slice(0, 10);
}

/** The header of every cost export: what was priced, with which catalog and sources, on which assumptions. */
export function costExportHeader(report: CostReport): ExportHeaderEntry[] {
  const a = report.assumptions;
  const cur = report.currency;
  const { grand } = report.totals;
  return [
    { label: 'Document', value: report.documentName },
    { label: 'Price catalog', value: `${report.catalog.id}, generated ${day(report.catalog.generatedAt)}` },
    {
      label: 'Price sources',
      value:
        report.sources.length > 0
          ? report.sources.map((source) => `${source.id} (${source.date})`).join('; ')
          : 'none (no line is priced from the catalog)',
    },
    {
      label: 'Assumptions',
      value:
        `${a.hoursPerMonth} hours a month; ${a.spotFallbackOnDemandPercent}% of spot on on-demand; ` +
        `monitoring ${a.monitoring.perNodeMonthly} ${cur} per node and ${a.monitoring.perClusterMonthly} ${cur} ` +
        `per cluster a month; engineering ${a.engineering.people} x ${a.engineering.monthlyCostPerPerson} ${cur} ` +
        `a month; ${a.usdExchangeRate} ${cur} per USD`,
    },
    { label: 'Status', value: statusText(grand) },
  ];
}

/**
 * What the cost view exports: the table as shown (grouped, sorted, with the totals) and every line item,
 * under the header (document, catalog, sources, assumptions). CSV takes the first table: `lines` puts the
 * line items first.
 */
export function costExport(
  report: CostReport,
  grouping: CostGrouping,
  sort: CostSort,
  first: 'groups' | 'lines' = 'groups',
): TableExport {
  const groups = { name: `Cost by ${grouping}`, table: costViewTable(report, grouping, sort) };
  const lines = { name: 'Line items', table: costLinesTable(report) };
  return {
    title: `Monthly cost of "${report.documentName}"`,
    header: costExportHeader(report),
    sheets: first === 'groups' ? [groups, lines] : [lines, groups],
    currency: report.currency,
  };
}
