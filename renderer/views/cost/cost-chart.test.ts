// The chart's bars and the line items' words, against the engine's report of the OTT template: bars add
// up to the engine's groups, the cluster bars stack by category, and a line says its arithmetic and its
// sources with their dates.
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../shared/cost/estimate';
import { testCatalog } from '../../test-support/catalog';
import { loadTemplate } from '../../test-support/documents';
import {
  categoryBars,
  chartMax,
  clusterBars,
  legendOf,
  lineFormula,
  lineSources,
  missingItems,
  topBars,
} from './cost-chart';

const ott = estimateCost(loadTemplate('ott'), testCatalog());

describe('bars', () => {
  it('has one bar per infrastructure category, largest first, with the engine amounts', () => {
    const bars = categoryBars(ott);
    expect(bars.map((b) => b.key)).not.toContain('engineering');
    expect(bars.length).toBe(ott.byCategory.filter((g) => g.key !== 'engineering').length);
    for (let i = 1; i < bars.length; i++) expect(bars[i - 1]!.amount).toBeGreaterThanOrEqual(bars[i]!.amount);
    const compute = ott.byCategory.find((g) => g.key === 'compute')!;
    expect(bars.find((b) => b.key === 'compute')!.amount).toBe(compute.expected);
    expect(chartMax(bars)).toBe(bars[0]!.amount);
  });

  it('stacks each cluster by category, the segments adding up to the cluster', () => {
    const bars = clusterBars(ott);
    expect(bars.length).toBe(ott.byCluster.length);
    for (const bar of bars) {
      const sum = bar.segments.reduce((total, s) => total + s.amount, 0);
      expect(Math.abs(sum - bar.amount)).toBeLessThan(0.01 * Math.max(1, bar.segments.length));
    }
    expect(legendOf(bars)[0]).toBe('compute');
  });

  it('sums the bars past the limit into one', () => {
    const bars = clusterBars(ott);
    const top = topBars(bars, 4);
    expect(top).toHaveLength(4);
    expect(top[3]!.label).toBe(`${bars.length - 3} more`);
    const rest = bars.slice(3).reduce((sum, b) => sum + b.amount, 0);
    expect(top[3]!.amount).toBeCloseTo(rest, 2);
    expect(topBars(bars, bars.length)).toEqual(bars);
    expect(chartMax([])).toBe(1);
  });
});

describe('line items in words', () => {
  it('spells out quantity × unit price × hours and cites the sources with dates', () => {
    const priced = ott.lines.find((l) => l.unitPrice.status === 'priced' && !l.spot)!;
    expect(lineFormula(priced)).toMatch(/^[\d,.]+ .+ × \$[\d.]+\/.+ × [\d,.]+ (h|months?)$/);
    expect(lineSources(priced)).toBe(`${priced.sourceId} (${priced.date})`);
    const spot = ott.lines.find((l) => l.spot);
    if (spot) {
      expect(lineFormula(spot)).toContain('spot');
      expect(lineSources(spot)).toContain(`${spot.spot!.sourceId} (${spot.spot!.date})`);
    }
    const assumed = ott.lines.find((l) => l.unitPrice.status === 'assumed')!;
    expect(lineSources(assumed)).toMatch(/^assumed: settings\./);
  });

  it('lists every unpriced item with its reason', () => {
    const missing = missingItems(ott);
    expect(missing).toHaveLength(ott.totals.grand.unpriced);
    expect(missing[0]).toMatch(/: .+/);
    const unpriced = ott.lines.find((l) => l.expected === null)!;
    expect(lineFormula(unpriced)).toContain('no price');
  });
});
