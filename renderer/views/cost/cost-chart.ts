// What the cost chart and the line items show, without React: the bars by category and by cluster (each
// cluster's bar stacked by category), scaled to the largest; and a line item's arithmetic in words
// (quantity x unit price x hours = amount), its sources with their dates, its assumption. Amounts are the
// engine's; an unpriced part is counted, never drawn as 0.
import { count, usd } from '../../../shared/cost/lines';
import type { CostCategory, CostLine, CostReport } from '../../../shared/cost/types';
import { COST_CATEGORIES } from '../../../shared/cost/types';
import { formatMoney } from '../../../shared/report/table';

/** One part of a bar: a category's priced expected amount. */
export interface BarSegment {
  readonly category: CostCategory;
  readonly amount: number;
}

/** One bar: a label, its priced expected amount (stacked by category) and how many of its items have no price. */
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly amount: number;
  readonly segments: readonly BarSegment[];
  readonly unpriced: number;
  readonly items: number;
}

const CATEGORY_ORDER = new Map(COST_CATEGORIES.map((c, i) => [c.key, i]));

function segmentsOf(lines: readonly CostLine[]): { segments: BarSegment[]; unpriced: number } {
  const sums = new Map<CostCategory, number>();
  let unpriced = 0;
  for (const line of lines) {
    if (line.expected === null) unpriced += 1;
    else sums.set(line.category, (sums.get(line.category) ?? 0) + line.expected);
  }
  const segments = [...sums]
    .filter(([, amount]) => amount > 0)
    .sort(([a], [b]) => CATEGORY_ORDER.get(a)! - CATEGORY_ORDER.get(b)!)
    .map(([category, amount]) => ({ category, amount: Math.round(amount * 100) / 100 }));
  return { segments, unpriced };
}

/** The infrastructure by category (engineering apart), largest first; one segment per bar. */
export function categoryBars(report: CostReport): Bar[] {
  return report.byCategory
    .filter((group) => group.key !== 'engineering')
    .map((group) => ({
      key: group.key ?? 'none',
      label: group.label,
      amount: group.expected,
      segments: group.expected > 0 ? [{ category: group.key as CostCategory, amount: group.expected }] : [],
      unpriced: group.unpriced,
      items: group.items,
    }))
    .sort((a, b) => b.amount - a.amount);
}

/** The infrastructure by cluster (lines outside any cluster as one bar), each stacked by category, largest first. */
export function clusterBars(report: CostReport): Bar[] {
  const byCluster = new Map<string | null, CostLine[]>();
  for (const line of report.lines) {
    if (line.category === 'engineering') continue;
    const key = line.clusterId ?? null;
    const list = byCluster.get(key);
    if (list) list.push(line);
    else byCluster.set(key, [line]);
  }
  return report.byCluster
    .map((group) => {
      const { segments, unpriced } = segmentsOf(byCluster.get(group.key) ?? []);
      return {
        key: group.key ?? 'none',
        label: group.label,
        amount: group.expected,
        segments,
        unpriced,
        items: group.items,
      };
    })
    .sort((a, b) => b.amount - a.amount);
}

/** The categories that appear in some bar, in display order: the chart's legend. */
export function legendOf(bars: readonly Bar[]): CostCategory[] {
  const used = new Set(bars.flatMap((bar) => bar.segments.map((s) => s.category)));
  return COST_CATEGORIES.map((c) => c.key).filter((key) => used.has(key));
}

/** The bars' scale: the largest amount, at least 1 so an all-zero chart draws empty bars. */
export function chartMax(bars: readonly Bar[]): number {
  return Math.max(1, ...bars.map((bar) => bar.amount));
}

/** The first `limit` bars, the rest summed into one `n more` bar (stacked by category). */
export function topBars(bars: readonly Bar[], limit: number): Bar[] {
  if (bars.length <= limit) return [...bars];
  const rest = bars.slice(limit - 1);
  const sums = new Map<CostCategory, number>();
  for (const bar of rest)
    for (const s of bar.segments) sums.set(s.category, (sums.get(s.category) ?? 0) + s.amount);
  const segments = [...sums]
    .sort(([a], [b]) => CATEGORY_ORDER.get(a)! - CATEGORY_ORDER.get(b)!)
    .map(([category, amount]) => ({ category, amount: Math.round(amount * 100) / 100 }));
  return [
    ...bars.slice(0, limit - 1),
    {
      key: 'more',
      label: `${rest.length} more`,
      amount: Math.round(rest.reduce((sum, bar) => sum + bar.amount, 0) * 100) / 100,
      segments,
      unpriced: rest.reduce((sum, bar) => sum + bar.unpriced, 0),
      items: rest.reduce((sum, bar) => sum + bar.items, 0),
    },
  ];
}

function periodText(line: CostLine): string {
  const { amount, unit } = line.period;
  if (unit === 'hours') return `${count(Math.round(amount * 100) / 100)} h`;
  const months = Math.round(amount * 10_000) / 10_000;
  return `${count(months)} month${months === 1 ? '' : 's'}`;
}

/** A line's unit price in words: `$0.384/instance-hour`, the spot estimate, or the assumed amount. */
export function unitPriceText(line: CostLine): string {
  const price = line.unitPrice;
  if (price.status === 'assumed') return `${formatMoney(price.amount)} ${price.currency}/${price.unit}`;
  if (price.status === 'missing') return 'no price';
  if (line.spot)
    return `${usd(line.spot.usdPerHour)}/${price.unit} spot (on-demand ${usd(price.usd)}, -${line.spot.savingsPct}%)`;
  return `${usd(price.usd)}/${price.unit}`;
}

/** The arithmetic of a line at expected scale: `6 instances × $0.384/instance-hour × 730 h`. */
export function lineFormula(line: CostLine): string {
  const quantity = `${count(line.quantity.expected)} ${line.quantity.unit}`;
  return `${quantity} × ${unitPriceText(line)} × ${periodText(line)}`;
}

/** Where a line's price comes from, with the dates of the data: `aws-pricing (2026-11-01)`. */
export function lineSources(line: CostLine): string {
  if (line.unitPrice.status === 'assumed') return `assumed: ${line.unitPrice.setting}`;
  if (line.sourceId === null) return 'no source';
  const spot = line.spot ? `; ${line.spot.sourceId} (${line.spot.date})` : '';
  return `${line.sourceId} (${line.date ?? 'undated'})${spot}`;
}

/** What is missing, line by line: `description: reason`. */
export function missingItems(report: CostReport): string[] {
  return report.lines
    .filter((line) => line.expected === null)
    .map((line) => `${line.description}: ${line.missingReason ?? 'no price'}`);
}
