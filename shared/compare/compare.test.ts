import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../cost/estimate';
import { executeCommand } from '../model/commands';
import type { Command } from '../model/commands';
import type { TopologyDocument } from '../model/schema';
import { TopologyDocumentSchema } from '../model/schema';
import { renderTable, toCsv } from '../report/table';
import { ottTemplate } from '../templates/templates';
import { topologyDocumentArbitrary } from '../test-support/arbitraries';
import { deepFreeze } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { DESIGN_SIDE, compareDesigns, compareSide, compareSides, isSameComparison } from './compare';
import type { CompareSide } from './compare';
import { comparisonSheet, comparisonTables, deltaPercent, signedMoney } from './table';

const catalog = loadTestCatalog();
const ott = deepFreeze(TopologyDocumentSchema.parse(ottTemplate()));

function run(doc: TopologyDocument, command: Command): TopologyDocument {
  const result = executeCommand(doc, command);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

function side(doc: TopologyDocument, id: string): CompareSide {
  const found = compareSide(doc, id);
  if (!found) throw new Error(`no side ${id}`);
  return found;
}

/** OTT saved as "3 AZs, 70% spot", then the us-east-1 API pool moved to on-demand and the ML cluster removed. */
function variants() {
  let doc = run(ott, { type: 'saveScenario', name: '3 AZs, 70% spot' });
  doc = run(doc, {
    type: 'update',
    id: 'use1-api-general',
    changes: { capacity: { spotAllowed: false, spotPercent: 0 } },
  });
  return run(doc, { type: 'delete', ids: ['use1-ml'] });
}

describe('compareSides', () => {
  it('offers the design, then each scenario as the document with its spec', () => {
    const doc = variants();
    const sides = compareSides(doc);
    expect(sides.map((s) => [s.id, s.label])).toEqual([
      [DESIGN_SIDE, 'Design'],
      ['3-azs-70-spot', '3 AZs, 70% spot'],
    ]);
    expect(sides[1]!.document.spec).toBe(doc.scenarios![0]!.spec);
    expect(sides[1]!.document.metadata).toBe(doc.metadata);
    expect(compareSide(doc, 'nope')).toBeUndefined();
  });
});

describe('compareDesigns', () => {
  const doc = variants();
  const result = compareDesigns(side(doc, '3-azs-70-spot'), side(doc, DESIGN_SIDE), catalog, {
    rules: { memoize: false },
  });

  it('gives cost per category and total on both sides with B - A deltas that match the cost engine', () => {
    const costA = estimateCost(side(doc, '3-azs-70-spot').document, catalog);
    const costB = estimateCost(doc, catalog);
    expect(result.cost.total.expected).toEqual({
      a: costA.totals.grand.expected,
      b: costB.totals.grand.expected,
      delta: Math.round((costB.totals.grand.expected - costA.totals.grand.expected) * 100) / 100,
    });
    const compute = result.cost.categories.find((c) => c.key === 'compute')!;
    expect(compute.expected.a).toBe(costA.byCategory.find((c) => c.key === 'compute')!.expected);
    expect(compute.expected.b).toBe(costB.byCategory.find((c) => c.key === 'compute')!.expected);
    // On-demand API nodes cost more than 70% spot; the removed ML cluster costs less: the sum is the total.
    const sum = result.cost.categories.reduce((s, c) => s + c.expected.delta, 0);
    expect(sum).toBeCloseTo(result.cost.total.expected.delta, 1);
    expect(result.cost.categories.find((c) => c.key === 'controlPlane')!.expected.delta).toBeLessThan(0);
  });

  it('matches failure domains by id and lists those of one side only as added or removed', () => {
    const removed = result.blast.domains.find((d) => d.id === 'cluster:use1-ml')!;
    expect(removed).toMatchObject({ change: 'removed', b: null, delta: null });
    expect(removed.a).toBeGreaterThanOrEqual(0);
    expect(result.blast.domains.every((d) => d.change !== 'added')).toBe(true);
    const same = result.blast.domains.filter((d) => d.change === 'same');
    expect(same.length).toBeGreaterThan(0);
    expect(same.every((d) => d.delta === 0 && d.a === d.b)).toBe(true);
    const ranks = result.blast.domains.map((d) => Math.max(d.a ?? 0, d.b ?? 0));
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
  });

  it('lists the problems that appear and disappear, and says the comparison is not the same', () => {
    const backwards = compareDesigns(side(doc, DESIGN_SIDE), side(doc, '3-azs-70-spot'), catalog, {
      rules: { memoize: false },
    });
    expect(backwards.problems.appeared).toEqual(result.problems.disappeared);
    expect(backwards.problems.disappeared).toEqual(result.problems.appeared);
    expect(backwards.cost.total.expected.delta).toBe(-result.cost.total.expected.delta);
    expect(isSameComparison(result)).toBe(false);
  });

  it('renders as tables, and as one CSV with cost, domains and problems', () => {
    const [cost, blast, problems] = comparisonTables(result);
    expect(cost!.rows.map((r) => r.item)).toContain('Total');
    expect(blast!.rows.length).toBe(result.blast.domains.length);
    expect(problems!.rows.length).toBe(result.problems.appeared.length + result.problems.disappeared.length);
    const text = renderTable(cost!, 'table');
    expect(text).toContain('A: 3 AZs, 70% spot');
    expect(text).toContain(signedMoney(result.cost.total.expected.delta).replace('+', ''));
    const csv = toCsv(comparisonSheet(result)).split('\r\n');
    expect(csv[0]).toBe('Section,Item,"A: 3 AZs, 70% spot",B: Design,Delta (B - A),Note');
    const total = result.cost.total.expected;
    const prefix = `"Cost (USD/month, expected)",Total,${total.a},${total.b},${total.delta},`;
    expect(csv.some((line) => line.startsWith(prefix))).toBe(true);
    expect(csv.some((line) => line.startsWith('Blast radius score,cluster:use1-ml,'))).toBe(true);
  });

  it('formats deltas with their sign', () => {
    expect(signedMoney(1234.5)).toBe('+1,234.50');
    expect(signedMoney(-5)).toBe('-5.00');
    expect(deltaPercent({ a: 200, b: 250, delta: 50 })).toBe('+25.0%');
    expect(deltaPercent({ a: 0, b: 10, delta: 10 })).toBe('');
  });
});

describe('compareDesigns, property', () => {
  it('finds no difference between the OTT platform and itself', () => {
    const design = side(ott, DESIGN_SIDE);
    const result = compareDesigns(design, design, catalog, { rules: { memoize: false } });
    expect(isSameComparison(result)).toBe(true);
    expect(result.blast.domains.length).toBeGreaterThan(10);
    expect(result.cost.total.expected.a).toBeGreaterThan(0);
  });

  it('finds no difference between any design and itself, nor a scenario saved from it', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary(), (generated) => {
        const doc = run(generated, { type: 'saveScenario', name: 'Same' });
        const result = compareDesigns(side(doc, DESIGN_SIDE), side(doc, 'same'), catalog, {
          rules: { memoize: false },
        });
        expect(isSameComparison(result)).toBe(true);
        expect(result.problems.appeared).toEqual([]);
        expect(result.problems.disappeared).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
